#!/bin/sh
# splunkd runs this for the stdevoutlier search command (default/commands.conf); see ecd_java.sh.
ECD_COMMAND=stdevoutlier
# runs once per search on the search head over many rows: full JIT (C2) is 2.3x faster here
# (benchmarks/README.md), while the start-up it costs is paid once
ECD_COMMAND_OPTS=-XX:TieredStopAtLevel=4
case $0 in */*) ECD_BIN=${0%/*} ;; *) ECD_BIN=. ;; esac
# shellcheck source=SCRIPTDIR/ecd_java.sh
. "$ECD_BIN/ecd_java.sh"
