#!/usr/bin/env python3
"""Copy an SCP v2 stream, giving its getinfo request other search arguments.

  with_args.py IN OUT [--command NAME] [ARG ...]      e.g. with_args.py s.bin t.bin keep=all

The execute chunks are copied byte for byte; only the getinfo metadata changes (searchinfo args,
raw_args and command). gen_chunks.py draws the same records whatever its --arg, so this gives the
stream the peer reads (no arguments: splunklib rejects unknown options) with our command's options.
"""
import json
import re
import shutil
import sys

HEADER = re.compile(rb"chunked 1\.0,(\d+),(\d+)\n")


def main(argv):
    args = list(argv)
    command = None
    if "--command" in args:
        i = args.index("--command")
        command = args[i + 1]
        del args[i:i + 2]
    if len(args) < 2:
        raise SystemExit(__doc__)
    src, dst, extra = args[0], args[1], args[2:]
    with open(src, "rb") as fin, open(dst, "wb") as fout:
        line = fin.readline()
        m = HEADER.fullmatch(line)
        if not m:
            raise SystemExit("with_args.py: %s does not start with a chunk header" % src)
        meta = json.loads(fin.read(int(m.group(1))))
        body = fin.read(int(m.group(2)))
        if meta.get("action") != "getinfo":
            raise SystemExit("with_args.py: the first chunk of %s is not getinfo" % src)
        meta["searchinfo"]["args"] = extra
        meta["searchinfo"]["raw_args"] = extra
        if command:
            meta["searchinfo"]["command"] = command
        data = json.dumps(meta, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
        fout.write(b"chunked 1.0,%d,%d\n" % (len(data), len(body)) + data + body)
        shutil.copyfileobj(fin, fout, 1 << 20)


if __name__ == "__main__":
    main(sys.argv[1:])
