"""pyzmq client of the service sample (samples/ServiceHost): python3 servicehost.py client [options]

Sends --count requests on a CURVE REQ socket as [trace envelope (empty)][text] and checks each reply
is the text upper-cased; prints 'ok <n>' when all came back. With a wrong --server-key the CURVE
handshake fails on the server: the client prints 'no reply' after --timeout ms and exits 0.
Keys with '=': a Z85 key may begin with '-', which argparse would read as an option.
"""
import argparse

import zmq

parser = argparse.ArgumentParser(description=__doc__)
parser.add_argument("role", choices=["client"])
parser.add_argument("--connect", required=True)
parser.add_argument("--server-key", required=True)
parser.add_argument("--count", type=int, default=1)
parser.add_argument("--timeout", type=int, default=10000)
args = parser.parse_args()

context = zmq.Context()
socket = context.socket(zmq.REQ)
public, secret = zmq.curve_keypair()
socket.curve_publickey = public
socket.curve_secretkey = secret
socket.curve_serverkey = args.server_key.encode("ascii")
socket.linger = 0
socket.rcvtimeo = args.timeout
socket.connect(args.connect)
answered = 0
for i in range(args.count):
    text = "hello %d" % i
    socket.send_multipart([b"", text.encode()])
    try:
        reply = socket.recv_multipart()
    except zmq.Again:
        print("no reply", flush=True)
        break
    if reply[-1].decode() != text.upper():
        raise SystemExit("unexpected reply %r" % reply)
    answered += 1
if answered == args.count:
    print("ok %d" % answered, flush=True)
socket.close()
context.term()
