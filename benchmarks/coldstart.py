#!/usr/bin/env python3
"""Time a search command's cold start: process start to the getinfo reply, as splunkd sees it.

  coldstart.py STREAM RUNS -- COMMAND [ARG ...]

Each run starts COMMAND, writes the first chunk of STREAM (the getinfo request), reads the reply
chunk's header and metadata, then closes stdin and waits for the exit (a getinfo-only probe, which
splunkd also sends). Prints one line: median, min, max and 90th percentile in milliseconds, and the
exit codes seen. Standard library only.
"""
import re
import statistics
import subprocess
import sys
import time

HEADER = re.compile(rb"chunked 1\.0,(\d+),(\d+)\n")


def first_chunk(path):
    with open(path, "rb") as f:
        line = f.readline()
        m = HEADER.fullmatch(line)
        if not m:
            raise SystemExit("coldstart.py: %s does not start with a chunk header" % path)
        return line + f.read(int(m.group(1)) + int(m.group(2)))


def read_exactly(stream, n):
    data = b""
    while len(data) < n:
        part = stream.read(n - len(data))
        if not part:
            raise SystemExit("coldstart.py: the command closed stdout before its getinfo reply")
        data += part
    return data


def one_run(getinfo, argv):
    start = time.perf_counter()
    p = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    p.stdin.write(getinfo)
    p.stdin.flush()
    line = p.stdout.readline()
    m = HEADER.fullmatch(line)
    if not m:
        raise SystemExit("coldstart.py: bad reply header %r" % line[:60])
    meta = read_exactly(p.stdout, int(m.group(1)))
    read_exactly(p.stdout, int(m.group(2)))
    elapsed = time.perf_counter() - start
    if b'"type"' not in meta:
        raise SystemExit("coldstart.py: getinfo reply without a type: %r" % meta[:200])
    p.stdin.close()
    p.stdout.read()
    return elapsed, p.wait()


def main(argv):
    if "--" not in argv or argv.index("--") != 2:
        raise SystemExit(__doc__)
    stream, runs, command = argv[0], int(argv[1]), argv[3:]
    getinfo = first_chunk(stream)
    one_run(getinfo, command)  # fills the page cache; not counted
    times, codes = [], set()
    for _ in range(runs):
        t, code = one_run(getinfo, command)
        times.append(t * 1000)
        codes.add(code)
    times.sort()
    p90 = times[min(len(times) - 1, int(round(0.9 * (len(times) - 1))))]
    print("median %.0f ms  min %.0f  max %.0f  p90 %.0f  (%d runs, exit codes %s)"
          % (statistics.median(times), times[0], times[-1], p90, runs, sorted(codes)))


if __name__ == "__main__":
    main(sys.argv[1:])
