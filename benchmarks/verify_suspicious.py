#!/usr/bin/env python3
"""Check a mailboxcollection keep=suspicious reply stream against the input it answered.

  verify_suspicious.py INPUT_STREAM OUTPUT_STREAM

Like the peer's verify_output.py (whose parsing and independent scoring it reuses), except that
each reply must hold exactly the request's records whose SuspicionScore is not 0, in order, with
all five fields right. Exits non-zero on the first failure.
"""
import os
import sys

sys.path.insert(0, os.path.join(os.environ.get("ECD_SHARED_DIR",
    os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared")), "peers", "python_sdk"))
from verify_output import chunks, expected, records  # noqa: E402


def main(inp, outp):
    ins = chunks(open(inp, "rb").read(), "input")
    outs = chunks(open(outp, "rb").read(), "output")
    if outs[0][0].get("type") != "streaming":
        raise SystemExit("FAIL getinfo reply: %r" % (outs[0][0],))
    execs, replies = ins[1:], outs[1:]
    if len(execs) != len(replies):
        raise SystemExit("FAIL: %d execute chunks but %d replies" % (len(execs), len(replies)))
    n_in = n_out = 0
    for i, ((qm, qb), (rm, rb)) in enumerate(zip(execs, replies)):
        if "error" in rm or bool(rm.get("finished")) != bool(qm.get("finished")):
            raise SystemExit("FAIL reply %d: %r" % (i, rm))
        kept = [(q, expected(q)) for q in records(qb)]
        n_in += len(kept)
        kept = [(q, e) for q, e in kept if e["SuspicionScore"] != "0"]
        got = records(rb)
        if len(got) != len(kept):
            raise SystemExit("FAIL chunk %d: %d suspicious records in, %d out" % (i, len(kept), len(got)))
        for (q, e), r in zip(kept, got):
            if q["Id"] != r.get("Id") or {k: r.get(k) for k in e} != e:
                raise SystemExit("FAIL chunk %d Id %s: expected %r got %r" % (i, q["Id"], e, r))
        n_out += len(got)
    print("verify: OK  %d records in, %d suspicious out, in %d execute chunks" % (n_in, n_out, len(execs)))


if __name__ == "__main__":
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    main(sys.argv[1], sys.argv[2])
