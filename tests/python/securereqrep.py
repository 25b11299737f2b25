"""pyzmq peer of the CURVE request-reply sample: python3 securereqrep.py server|client [options]

The server prints 'public-key <z85>' and 'bound <endpoint>'; the client needs --server-key=<z85>
(with '=': a Z85 key may begin with '-', which argparse would read as an option). The server makes a
fresh key pair unless --secret-key-file names a file holding its Z85 secret key.
pyzmq's own ThreadAuthenticator plays the ZAP handler, allowing any CURVE client.
"""
import argparse
import sys

import zmq
from zmq.auth.thread import ThreadAuthenticator

parser = argparse.ArgumentParser(description=__doc__)
parser.add_argument("role", choices=["server", "client"])
parser.add_argument("--bind", default="tcp://*:5556")
parser.add_argument("--connect", default="tcp://localhost:5556")
parser.add_argument("--server-key")
parser.add_argument("--secret-key-file")
parser.add_argument("--count", type=int, default=1)
parser.add_argument("--timeout", type=int)
parser.add_argument("--message", default="Are you OK?")
args = parser.parse_args()

context = zmq.Context()
auth = None
if args.role == "server":
    auth = ThreadAuthenticator(context)
    auth.start()
    auth.configure_curve(domain="*", location=zmq.auth.CURVE_ALLOW_ANY)
    if args.secret_key_file is None:
        public, secret = zmq.curve_keypair()
    else:
        with open(args.secret_key_file, "rb") as f:
            secret = f.read().strip()
        public = zmq.curve_public(secret)
    s = context.socket(zmq.REP)
    s.curve_server = True
    s.curve_secretkey = secret
    print("public-key " + public.decode(), flush=True)
    s.bind(args.bind)
    print("bound " + s.getsockopt_string(zmq.LAST_ENDPOINT), flush=True)
else:
    s = context.socket(zmq.REQ)
    public, secret = zmq.curve_keypair()
    s.curve_serverkey = args.server_key.encode()
    s.curve_publickey = public
    s.curve_secretkey = secret
    s.connect(args.connect)
s.linger = 0
if args.timeout is not None:
    s.rcvtimeo = args.timeout
try:
    for _ in range(args.count):
        if args.role == "server":
            print("Received: " + s.recv_string(), flush=True)
            s.send_string("I am OK!")
        else:
            s.send_string(args.message)
            print("response: " + s.recv_string(), flush=True)
except zmq.Again:
    print("timeout: nothing arrived within %s ms" % args.timeout, file=sys.stderr, flush=True)
    sys.exit(2)
finally:
    s.close()
    if auth is not None:
        auth.stop()
    context.term()
