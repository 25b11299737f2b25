"""pyzmq peer of the request-reply demo: python3 requestreply.py server|client [options]"""
import zmq

import zmq_demo_cli as cli

role, args = cli.parse(__doc__, {"server": [], "client": []})
context = zmq.Context()
if role == "server":
    s = cli.socket(context, zmq.REP, args)
    cli.bind(s, args.bind or "tcp://*:5555")
    for _ in cli.counts(args):
        cli.say("Received: " + cli.receive(s, args))
        s.send_string(args.message or "I am OK!")
else:
    s = cli.socket(context, zmq.REQ, args)
    s.connect(args.connect or "tcp://localhost:5555")
    for _ in cli.counts(args, default=1):
        s.send_string(args.message or "Are you OK?")
        cli.say("response: " + cli.receive(s, args))
s.close()
context.term()
