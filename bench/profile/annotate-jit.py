#!/usr/bin/env python3
"""Per-instruction perf samples of JIT-compiled .NET methods, on the JIT's own listing.

perf cannot disassemble JIT code, and `perf inject --jit` did not resolve it on this host. This
maps each sample's instruction pointer to an offset inside the method (from the runtime's perf
map) and prints the method's listing (from the JIT's disassembly with code bytes) with the count
beside each instruction. Run the program with tiered compilation off, so that the listing and the
profiled code are the same compilation, for example:

  export DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0 DOTNET_TieredCompilation=0
  DOTNET_JitDisasm='TryRunAtOnce MoveNext' DOTNET_JitDisasmWithCodeBytes=1 DOTNET_JitStdOutFile=/tmp/jit.txt \
    taskset -c 0 perf record -F 19999 -o /tmp/perf.data dotnet zmq-perf.dll --async inproc_thr 1 8000000
  bench/profile/annotate-jit.py --perf-data=/tmp/perf.data --perf-map=/tmp/perf-<pid>.map \
    --listing=/tmp/jit.txt --method=TryRunAtOnce [--min=20]

Each map entry whose name contains --method is one compiled body (generic instantiations have
the same name); its listing is the one whose "Total bytes of code" equals the entry's size.
"""
import argparse
import collections
import re
import subprocess
import sys


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--perf-data", required=True)
    parser.add_argument("--perf-map", required=True, help="/tmp/perf-<pid>.map of the profiled process")
    parser.add_argument("--listing", required=True, help="DOTNET_JitStdOutFile output with DOTNET_JitDisasmWithCodeBytes=1")
    parser.add_argument("--method", required=True, help="text contained in the perf map's method names")
    parser.add_argument("--min", type=int, default=0, help="print only instructions with at least this many samples")
    return parser.parse_args()


def method_bodies(perf_map, name):
    bodies = {}
    with open(perf_map) as lines:
        for line in lines:
            start, size, method = line.rstrip("\n").split(" ", 2)
            if name in method:
                bodies[int(start, 16)] = int(size, 16)
    return bodies


def listings_by_size(listing):
    """Each listing's instructions as (offset or None, text), keyed by its total code size."""
    by_size, current, offset = {}, None, 0
    with open(listing) as lines:
        for line in lines:
            line = line.rstrip("\n")
            if line.startswith("; Assembly listing for method"):
                current, offset = [(None, line)], 0
                continue
            if current is None:
                continue
            total = re.match(r"; Total bytes of code (\d+)", line)
            if total:
                by_size[int(total.group(1))] = current
                current = None
                continue
            block = re.match(r"\S+:\s+;; offset=0x([0-9A-F]+)", line)
            if block:
                offset = int(block.group(1), 16)
                current.append((None, line))
                continue
            instruction = re.match(r"\s+([0-9A-F]{2,})\s+\S", line)
            if instruction and len(instruction.group(1)) % 2 == 0:
                current.append((offset, line))
                offset += len(instruction.group(1)) // 2
            else:
                current.append((None, line))
    return by_size


def main():
    args = parse_args()
    bodies = method_bodies(args.perf_map, args.method)
    if not bodies:
        sys.exit(f"no method containing '{args.method}' in {args.perf_map}")
    ips = subprocess.run(["perf", "script", "-i", args.perf_data, "-F", "ip"], capture_output=True, text=True, check=True).stdout.split()
    samples, total = collections.Counter(), 0
    for text in ips:
        ip = int(text, 16)
        total += 1
        for start, size in bodies.items():
            if start <= ip < start + size:
                samples[(start, ip - start)] += 1
    listings = listings_by_size(args.listing)
    print(f"{total} samples in all")
    for start, size in bodies.items():
        count = sum(n for (body, _), n in samples.items() if body == start)
        print(f"== body at {start:#x}, {size} bytes: {count} samples")
        listing = listings.get(size)
        if listing is None:
            print("   (no listing of that size: was the method compiled once, with tiered compilation off?)")
            continue
        for offset, line in listing:
            n = samples.get((start, offset), 0) if offset is not None else 0
            if offset is None:
                if args.min == 0 and line.strip():
                    print(f"{'':13}{line}")
            elif n >= args.min:
                print(f"{n:7d} {offset:04x} {line}")


if __name__ == "__main__":
    main()
