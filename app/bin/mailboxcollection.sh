#!/bin/sh
# splunkd runs this for the mailboxcollection search command (default/commands.conf); see ecd_java.sh.
ECD_COMMAND=mailboxcollection
# A capped heap keeps its memory at or below the Python SDK's on the same stream; the launcher's
# C1 (no C2) compiles the per-record code within the first chunk, for a fraction of C2's compile
# time, which decides a search of up to a few hundred thousand events (C2 was 6% to 11% faster at
# 1M events); transparent huge pages (where the kernel offers them on request) save
# most page faults; arrays of 1 MB or more (the chunk buffers, kept for the whole search) are made
# in the old generation, so no young collection copies them, and a small young generation whose
# survivor spaces hold one chunk's records keeps the memory the process touches small
# (benchmarks/README.md).
ECD_COMMAND_OPTS='-Xmx384m -XX:+UseTransparentHugePages -XX:PretenureSizeThreshold=1m -Xmn48m -XX:SurvivorRatio=4'
case $0 in */*) ECD_BIN=${0%/*} ;; *) ECD_BIN=. ;; esac
# shellcheck source=SCRIPTDIR/ecd_java.sh
. "$ECD_BIN/ecd_java.sh"
