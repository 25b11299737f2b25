"""pyzmq peer of the pub-sub demo: python3 pubsub.py publisher|subscriber [options]"""
import time

import zmq

import zmq_demo_cli as cli

role, args = cli.parse(__doc__, {"publisher": [], "subscriber": []})
context = zmq.Context()
if role == "publisher":
    # --subscribers=n: wait for n subscriptions first (XPUB hands them over), so nothing is lost.
    s = cli.socket(context, zmq.XPUB if args.subscribers else zmq.PUB, args)
    if args.subscribers:
        s.setsockopt(zmq.XPUB_VERBOSE, 1)
    cli.bind(s, args.bind or "tcp://*:5555")
    for _ in range(args.subscribers or 0):
        cli.say("subscribed: " + cli.receive(s, args)[1:])
    interval = (args.interval if args.interval is not None else 1000) / 1000.0
    for _ in cli.counts(args):
        time.sleep(interval)
        s.send_string(args.message or "消息群发")
        cli.say("发送消息")
else:
    s = cli.socket(context, zmq.SUB, args)
    s.connect(args.connect or "tcp://localhost:5555")
    s.setsockopt_string(zmq.SUBSCRIBE, args.topic or "")
    for _ in cli.counts(args):
        cli.say("response: " + cli.receive(s, args))
s.close()
context.term()
