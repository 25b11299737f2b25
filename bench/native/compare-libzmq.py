#!/usr/bin/env python3
"""Compares builds of libzmq with the same C perf programs (bench/native), interleaved.

    bench/native/compare-libzmq.py [--repetitions=N] [--sizes=1,64,1024,65536]
        [--transports=tcp,inproc] [--metrics=throughput,latency] [--scale=F] [--out=FILE]
        [NAME=DIR | NAME=FILE.a ...]

Each DIR holds a libzmq.so (or libzmq.so.5); the first NAME is the reference. Without NAME=DIR the
libraries are Debian's libzmq5 (the system's libzmq.so.5) and the bundled build in
artifacts/native/linux-x64, shared and (when built) static. The programs are linked once against
the system's libzmq (make, -lzmq) and loaded against each library through LD_LIBRARY_PATH, under
the SONAME libzmq.so.5 every build carries; `ldd` proves which file each one loads before anything
is measured. NAME=FILE.a measures a static archive instead (the bundled libzmq.a): the programs are
built again with it linked in (bench/native/Makefile, ZMQ_STATIC), and `ldd` proves they load no
libzmq at all.

Every repetition runs every cell (transport x size x metric) for every library in a fresh random
order, so a noisy moment of the shared machine hits all libraries alike. Per cell and library: the
median [min-max]; per other library: speed ÷ reference's (throughput ratio, or reference latency ÷
latency, so above 1 is faster either way) as the ratio of the medians, and [min-max] of the ratios
paired within each repetition: the spread the noise leaves.

Same method as the bench matrix (bench/Runner): the PULL side times from the first message to the
last; latency is half the REQ/REP round trip; inproc programs are pinned to CPU 0 (taskset), and
tcp programs each to its own CPU (the local one on 0, the remote one on 1): unpinned, placement
swung single cells by 20 % (the matrix pins the same way since 2026-12-06). tcp ports are free
ports the kernel picks.
"""
import os
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
TIMEOUT = 120


def parse_args(argv):
    options = {"repetitions": 5, "sizes": "1,64,1024,65536", "transports": "tcp,inproc",
               "metrics": "throughput,latency", "scale": "1", "out": ""}
    libraries = []
    for arg in argv:
        if arg.startswith("--") and "=" in arg:
            name, value = arg[2:].split("=", 1)
            if name not in options:
                sys.exit(f"compare-libzmq: unknown option --{name} (expected --{', --'.join(options)})")
            options[name] = value
        elif "=" in arg and not arg.startswith("-"):
            name, directory = arg.split("=", 1)
            libraries.append((name, os.path.abspath(directory)))
        else:
            sys.exit(f"compare-libzmq: unexpected argument '{arg}' (see the header of {__file__})")
    if not libraries:
        bundled = os.path.join(REPO, "artifacts/native/linux-x64")
        libraries = [("debian-libzmq5", "/usr/lib/x86_64-linux-gnu"), ("bundled", bundled)]
        if os.path.isfile(os.path.join(bundled, "libzmq.a")):
            libraries.append(("bundled-static", os.path.join(bundled, "libzmq.a")))
    if len(libraries) < 2:
        sys.exit("compare-libzmq: name at least two libraries, the first being the reference")
    return options, libraries


def library_dir(scratch, name, directory):
    """A folder with only libzmq.so.5 in it, so LD_LIBRARY_PATH picks exactly that file."""
    source = next((os.path.join(directory, f) for f in ("libzmq.so.5", "libzmq.so")
                   if os.path.exists(os.path.join(directory, f))), None)
    if source is None:
        sys.exit(f"compare-libzmq: no libzmq.so or libzmq.so.5 in {directory}")
    folder = os.path.join(scratch, "lib-" + name)
    os.makedirs(folder)
    os.symlink(os.path.realpath(source), os.path.join(folder, "libzmq.so.5"))
    return folder, os.path.realpath(source)


def static_programs(scratch, name, archive):
    """The programs built with the static archive linked in; exits if any still loads a libzmq."""
    if not os.path.isfile(archive):
        sys.exit(f"compare-libzmq: {name}: no static archive at {archive}")
    out = os.path.join(scratch, "bin-" + name)
    subprocess.run(["make", "-s", "-C", HERE, f"OUT={out}", f"ZMQ_STATIC={os.path.abspath(archive)}"], check=True)
    for program in ("local_thr", "inproc_thr"):
        ldd = subprocess.run(["ldd", os.path.join(out, program)], capture_output=True, text=True, check=True).stdout
        if "libzmq" in ldd:
            sys.exit(f"compare-libzmq: {name}: {program} still loads a shared libzmq: {ldd}")
    return out


def count(transport, size, metric, scale):
    # As bench/Runner's full mode, doubled for small messages: a 1 B run of 1 M messages is over in
    # a fifth of a second, too short for a stable rate on a shared machine.
    if metric == "throughput":
        full = 2_000_000 if size <= 64 else 300_000 if size <= 1024 else 20_000
    else:
        full = 5_000 if size >= 65536 else 10_000
    return max(1, int(full * scale))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run_cell(programs, libdir, transport, size, metric, n):
    env = dict(os.environ, LD_LIBRARY_PATH=libdir) if libdir else dict(os.environ)
    thr = metric == "throughput"
    if transport == "inproc":
        program = "inproc_thr" if thr else "inproc_lat"
        out = subprocess.run(["taskset", "-c", "0", os.path.join(programs, program), str(size), str(n)],
                             env=env, capture_output=True, text=True, timeout=TIMEOUT, check=True).stdout
    else:
        endpoint = f"tcp://127.0.0.1:{free_port()}"
        local, remote = ("local_thr", "remote_thr") if thr else ("local_lat", "remote_lat")
        # Each end on its own CPU: unpinned, the two programs' four threads (application and I/O
        # thread each) land on two cores however the scheduler likes, and a cell's medians then
        # swung from 0.84 to 1.06 between rounds; pinned, repetitions agree within a few percent.
        server = subprocess.Popen(["taskset", "-c", "0", os.path.join(programs, local), endpoint, str(size), str(n)], env=env,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            client = subprocess.run(["taskset", "-c", "1", os.path.join(programs, remote), endpoint, str(size), str(n)], env=env,
                                    capture_output=True, text=True, timeout=TIMEOUT, check=True)
            server_out, _ = server.communicate(timeout=TIMEOUT)
        finally:
            if server.poll() is None:
                server.kill()
                server.wait()
        if server.returncode != 0:
            raise RuntimeError(f"{local} exited {server.returncode}")
        out = server_out if thr else client.stdout
    pattern = r"mean throughput: ([0-9.]+) \[msg/s\]" if thr else r"average latency: ([0-9.]+) \[us\]"
    match = re.search(pattern, out)
    if not match:
        raise RuntimeError(f"unexpected output: {out.strip()}")
    return float(match.group(1))


def short(value, thr):
    if not thr:
        return f"{value:.1f}"
    return f"{value / 1e6:.2f}M" if value >= 1e6 else f"{value / 1e3:.0f}k" if value >= 1e4 else f"{value / 1e3:.2f}k"


def main():
    options, libraries = parse_args(sys.argv[1:])
    sizes = [int(s) for s in options["sizes"].split(",")]
    transports = options["transports"].split(",")
    metrics = options["metrics"].split(",")
    repetitions = int(options["repetitions"])
    scale = float(options["scale"])
    scratch = tempfile.mkdtemp(prefix="compare-libzmq-")
    try:
        programs = os.path.join(scratch, "bin")
        subprocess.run(["make", "-s", "-C", HERE, f"OUT={programs}"], check=True)
        dirs = {}  # name -> (the programs' folder, LD_LIBRARY_PATH or None)
        for name, path in libraries:
            if path.endswith(".a"):
                dirs[name] = (static_programs(scratch, name, path), None)
                print(f"{name}: {path} (linked in)", flush=True)
                continue
            folder, source = library_dir(scratch, name, path)
            ldd = subprocess.run(["ldd", os.path.join(programs, "local_thr")], capture_output=True, text=True,
                                 env=dict(os.environ, LD_LIBRARY_PATH=folder), check=True).stdout
            loaded = re.search(r"libzmq\.so\.5 => (\S+)", ldd)
            if not loaded or os.path.realpath(loaded.group(1)) != source:
                sys.exit(f"compare-libzmq: {name}: the programs load {loaded.group(1) if loaded else 'nothing'}, not {source}")
            dirs[name] = (programs, folder)
            print(f"{name}: {source}", flush=True)
        cells = [(t, s, m) for t in transports for m in metrics for s in sizes]
        values = {(cell, name): [] for cell in cells for name, _ in libraries}
        for repetition in range(1, repetitions + 1):
            runs = [(cell, name) for cell in cells for name, _ in libraries]
            random.shuffle(runs)
            for cell, name in runs:
                transport, size, metric = cell
                try:
                    value = run_cell(*dirs[name], transport, size, metric, count(*cell, scale))
                except (subprocess.SubprocessError, RuntimeError) as error:
                    print(f"rep {repetition} {name} {cell}: failed: {error}", file=sys.stderr, flush=True)
                    value = float("nan")
                values[(cell, name)].append(value)
                print(f"rep {repetition}/{repetitions} {transport:6} {size:6} B {metric:10} {name:16} "
                      f"{short(value, metric == 'throughput')}", flush=True)
        reference = libraries[0][0]
        others = [name for name, _ in libraries[1:]]
        lines = [f"Medians of {repetitions} interleaved repetitions [min–max]; ratio = speed ÷ {reference}'s "
                 "(throughput ÷ throughput, latency⁻¹ ÷ latency⁻¹: above 1 is faster), as the ratio of the medians "
                 "[min–max of the ratios paired within each repetition].", "",
                 "| transport | size B | metric | " + " | ".join(name for name, _ in libraries) + " | "
                 + " | ".join(f"{name} ÷ {reference}" for name in others) + " |",
                 "|---|---:|---|" + "---:|" * (len(libraries) + len(others))]
        failed = False
        for cell in cells:
            transport, size, metric = cell
            thr = metric == "throughput"
            row = [transport, str(size), "throughput msg/s" if thr else "latency µs"]
            for name, _ in libraries:
                good = [v for v in values[(cell, name)] if v == v]
                failed |= len(good) < repetitions
                row.append(f"{short(statistics.median(good), thr)} [{short(min(good), thr)}–{short(max(good), thr)}]"
                           if good else "failed")
            for name in others:
                pairs = [(a, b) for a, b in zip(values[(cell, name)], values[(cell, reference)]) if a == a and b == b]
                if not pairs:
                    row.append("–")
                    continue
                speed = (lambda a, b: a / b) if thr else (lambda a, b: b / a)
                paired = [speed(a, b) for a, b in pairs]
                medians = speed(statistics.median(a for a, _ in pairs), statistics.median(b for _, b in pairs))
                row.append(f"{medians:.2f} [{min(paired):.2f}–{max(paired):.2f}]")
            lines.append("| " + " | ".join(row) + " |")
        table = "\n".join(lines) + "\n"
        print()
        print(table)
        if options["out"]:
            with open(options["out"], "w", encoding="utf-8") as file:
                file.write(table)
            print(f"wrote {options['out']}")
        return 1 if failed else 0
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
