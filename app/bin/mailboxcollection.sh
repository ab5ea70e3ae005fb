#!/bin/sh
# splunkd runs this for the mailboxcollection search command (default/commands.conf); see ecd_java.sh.
ECD_COMMAND=mailboxcollection
# A capped heap keeps its memory at or below the Python SDK's on the same stream; C2 compiles the
# per-record code (start-up is the same: C2 only ever compiles hot methods), with less inlining and
# no escape analysis, so that it compiles in about half the time; transparent huge pages (where the
# kernel offers them on request) save most page faults; arrays of 1 MB or more (the chunk buffers,
# kept for the whole search) are made in the old generation, so no young collection copies them,
# and a small young generation whose survivor spaces hold one chunk's records keeps the memory
# the process touches small (benchmarks/README.md).
ECD_COMMAND_OPTS='-Xmx384m -XX:TieredStopAtLevel=4 -XX:InlineSmallCode=1000 -XX:-DoEscapeAnalysis -XX:+UseTransparentHugePages -XX:PretenureSizeThreshold=1m -Xmn48m -XX:SurvivorRatio=4'
case $0 in */*) ECD_BIN=${0%/*} ;; *) ECD_BIN=. ;; esac
# shellcheck source=SCRIPTDIR/ecd_java.sh
. "$ECD_BIN/ecd_java.sh"
