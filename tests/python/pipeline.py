"""pyzmq peer of the pipeline demo: python3 pipeline.py ventilator|worker|sink [options]"""
import time

import zmq

import zmq_demo_cli as cli

role, args = cli.parse(__doc__, {"ventilator": [], "worker": [], "sink": []})
context = zmq.Context()
sockets = []
if role == "ventilator":
    s = cli.socket(context, zmq.PUSH, args)
    sockets.append(s)
    cli.bind(s, args.bind or "tcp://*:5557")
    interval = (args.interval if args.interval is not None else 1000) / 1000.0
    for _ in cli.counts(args):
        time.sleep(interval)
        s.send_string(args.message or "测试消息")
        cli.say("已发送")
elif role == "worker":
    receiver = cli.socket(context, zmq.PULL, args)
    sender = cli.socket(context, zmq.PUSH, args)
    sockets += [receiver, sender]
    receiver.connect(args.pull or "tcp://127.0.0.1:5557")
    sender.connect(args.push or "tcp://127.0.0.1:5558")
    for _ in cli.counts(args):
        message = cli.receive(receiver, args)
        cli.say("正在转发...")
        sender.send_string(message)
else:
    s = cli.socket(context, zmq.PULL, args)
    sockets.append(s)
    cli.bind(s, args.bind or "tcp://*:5558")
    for _ in cli.counts(args):
        cli.say("response: " + cli.receive(s, args))
for s in sockets:
    s.close()
context.term()
