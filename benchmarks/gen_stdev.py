#!/usr/bin/env python3
"""Write an SCP v2 stream for stdevoutlier: daily bytes_out per dest_ip, as the detection's tstats
gives it (sorted by dest_ip, then _time), in 50,000-row chunks, splunkd's CSV style.

  gen_stdev.py --days 30 --entities 1000000 -o stream.bin
  gen_stdev.py --count-rows OUTPUT_STREAM      records in a reply stream (for the benchmark table)

Entity e is dest_ip 10.x.y.z (e in base 256) with a mean of 1e6 + (e % 1000) * 1000 bytes and a
deterministic spread of +-100,000; every 10,000th entity sends ten times its mean on the last day,
which is "today" (now = noon of the last day, current=@d, TZ=UTC). getinfo carries
field=bytes_out by=dest_ip threshold=3 min_samples=4 current=@d now=<noon of the last day>.
"""
import argparse
import json
import re
import sys

BASE = 1717200000  # 2024-06-01T00:00:00Z
CHUNK = 50000
HEADER = re.compile(rb"chunked 1\.0,(\d+),(\d+)\n")


def frame(meta, body):
    m = json.dumps(meta, separators=(",", ":")).encode()
    b = body.encode()
    return b"chunked 1.0,%d,%d\n" % (len(m), len(b)) + m + b


def generate(days, entities, out):
    now = BASE + (days - 1) * 86400 + 43200
    args = ["field=bytes_out", "by=dest_ip", "threshold=3", "min_samples=4", "current=@d", "now=%d" % now]
    sid = "%d.42" % now
    out.write(frame({"action": "getinfo", "preview": False, "streaming_command_will_restart": False,
                     "searchinfo": {"args": args, "raw_args": args, "dispatch_dir": "", "sid": sid,
                                    "app": "email_collection_detections", "owner": "admin",
                                    "username": "admin", "session_key": "x" * 32,
                                    "splunkd_uri": "https://127.0.0.1:8089", "splunk_version": "9.2.1",
                                    "search": "stdevoutlier", "command": "stdevoutlier",
                                    "maxresultrows": 50000, "earliest_time": "0", "latest_time": "0"}}, ""))
    head = '"dest_ip","_time","bytes_out","__mv_dest_ip","__mv__time","__mv_bytes_out"\n'
    times = [BASE + d * 86400 for d in range(days)]
    total = days * entities
    rows = []
    written = 0
    for e in range(entities):
        ip = '"10.%d.%d.%d"' % ((e >> 16) & 255, (e >> 8) & 255, e & 255)
        mean = 1000000 + (e % 1000) * 1000
        for d in range(days):
            v = mean + ((e * 7919 + d * 104729) % 2001 - 1000) * 100
            if d == days - 1 and e % 10000 == 0:
                v = mean * 10
            rows.append("%s,%d,%d,,,\n" % (ip, times[d], v))
            if len(rows) == CHUNK:
                written += len(rows)
                out.write(frame({"action": "execute", "finished": written == total}, head + "".join(rows)))
                rows = []
    if rows or written == 0:
        written += len(rows)
        out.write(frame({"action": "execute", "finished": True}, head + "".join(rows)))
    print("gen_stdev: %d rows (%d days x %d entities)" % (written, days, entities), file=sys.stderr)


def count_rows(path):
    data = open(path, "rb").read()
    pos = n = 0
    while pos < len(data):
        m = HEADER.match(data, pos)
        if not m:
            raise SystemExit("gen_stdev.py: bad chunk at byte %d of %s" % (pos, path))
        start = m.end() + int(m.group(1))
        body = data[start:start + int(m.group(2))]
        n += max(0, body.count(b"\n") - 1)
        pos = start + int(m.group(2))
    return n


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--days", type=int, default=30)
    p.add_argument("--entities", type=int, default=1000000)
    p.add_argument("-o", "--output")
    p.add_argument("--count-rows", metavar="REPLY_STREAM")
    a = p.parse_args()
    if a.count_rows:
        print(count_rows(a.count_rows))
        return
    if not a.output:
        p.error("-o is required")
    with open(a.output, "wb") as out:
        generate(a.days, a.entities, out)


if __name__ == "__main__":
    main()
