#!/usr/bin/env python3
"""Lists the methods a JVM had queued for the JIT but not compiled when it exited.

Reads a compilation log (-XX:+UnlockDiagnosticVMOptions -XX:+LogCompilation -XX:LogFile=<file>).
Before Java 21 (JDK-8306460) a dynamic class data sharing archive written at exit
(-XX:ArchiveClassesAtExit) keeps these methods' "queued" mark, and a JVM that maps the archive never
compiles them. The launcher's training runs with -Xbatch so that there are none; see
benchmarks/README.md for how to run a training by hand and check.

    python3 benchmarks/queued_at_exit.py compilation.log
"""
import re
import sys


def main(path):
    queued = {}
    done = set()
    current = None
    with open(path, errors="replace") as log:
        for line in log:
            m = re.search(r"<task_queued compile_id='(\d+)'[^>]*?method='([^']*)'", line)
            if m:
                queued[m.group(1)] = m.group(2)
                continue
            m = re.search(r"<task compile_id='(\d+)'", line)
            if m:
                current = m.group(1)
                continue
            if "<task_done" in line and current is not None:
                done.add(current)
                current = None
    left = sorted({method for task, method in queued.items() if task not in done})
    # a task the JIT dropped as stale (its mark cleared) is listed too
    print(f"{len(queued)} compilations queued, {len(left)} methods queued but not compiled at exit")
    for method in left:
        print("  " + method.replace("&lt;", "<").replace("&gt;", ">"))
    return 1 if left else 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1]))
