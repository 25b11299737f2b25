"""Shared command line of the pyzmq demo peers: the same contract as the C# samples.

Each binding role prints 'bound <endpoint>' first, every line is flushed, --count bounds the run,
--timeout (ms) exits 2 when nothing arrives in time.
"""
import argparse
import sys

import zmq


def parse(description, roles):
    """roles: {role: [option names]}. Returns (role, args)."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("role", choices=sorted(roles))
    for option in ("bind", "connect", "pull", "push", "topic", "message"):
        parser.add_argument("--" + option)
    for option in ("count", "interval", "timeout", "subscribers"):
        parser.add_argument("--" + option, type=int)
    args = parser.parse_args()
    return args.role, args


def say(line):
    print(line, flush=True)


def socket(context, kind, args):
    s = context.socket(kind)
    s.linger = 10000
    if args.timeout is not None:
        s.rcvtimeo = args.timeout
    return s


def bind(s, endpoint):
    s.bind(endpoint)
    say("bound " + s.getsockopt_string(zmq.LAST_ENDPOINT))


def receive(s, args):
    try:
        return s.recv_string()
    except zmq.Again:
        print("timeout: nothing arrived within %s ms" % args.timeout, file=sys.stderr, flush=True)
        sys.exit(2)


def counts(args, default=None):
    limit = args.count if args.count is not None else default
    n = 0
    while limit is None or n < limit:
        yield n
        n += 1
