#!/usr/bin/env python3
"""Plays splunkd in lockstep: sends one request of a protocol stream, reads the whole reply, then
sends the next, and prints when each reply was in (seconds from the start) and how long each took
(ms). The first is the getinfo reply; the last entry is the process's exit.

    python3 benchmarks/lockstep.py STREAM COMMAND [ARGS...]
    python3 benchmarks/lockstep.py build/bench/stream-r200000-c50000-s42-noraw-keepall.bin \\
        build/bench/splunk/etc/apps/email_collection_detections/bin/mailboxcollection.sh
"""
import re
import subprocess
import sys
import time

HEADER = re.compile(rb"chunked 1\.0,(\d+),(\d+)\n")


def frames(stream):
    i = 0
    while i < len(stream):
        m = HEADER.match(stream, i)
        if not m:
            sys.exit("lockstep.py: no frame header at byte %d" % i)
        end = m.end() + int(m.group(1)) + int(m.group(2))
        yield stream[i:end]
        i = end


def read_reply(out):
    m = HEADER.fullmatch(out.readline())
    if not m:
        sys.exit("lockstep.py: the command's reply has no frame header")
    left = int(m.group(1)) + int(m.group(2))
    while left:
        piece = out.read(min(left, 1 << 20))
        if not piece:
            sys.exit("lockstep.py: the command's reply ended early")
        left -= len(piece)


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    requests = list(frames(open(sys.argv[1], "rb").read()))
    start = time.monotonic()
    p = subprocess.Popen(sys.argv[2:], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    marks = []
    for request in requests:
        p.stdin.write(request)
        p.stdin.flush()
        read_reply(p.stdout)
        marks.append(time.monotonic() - start)
    p.stdin.close()
    p.wait()
    marks.append(time.monotonic() - start)
    deltas = [(b - a) * 1000 for a, b in zip([0.0] + marks, marks)]
    print(" ".join("%.3f" % m for m in marks), " ms each:", " ".join("%.0f" % d for d in deltas))


if __name__ == "__main__":
    main()
