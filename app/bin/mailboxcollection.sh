#!/bin/sh
# splunkd runs this for the mailboxcollection search command (default/commands.conf); see ecd_java.sh.
ECD_COMMAND=mailboxcollection
# a streaming command receives only the fields it reads: chunks stay small, and a capped heap keeps
# its memory at or below the Python SDK's on the same stream (benchmarks/README.md)
ECD_COMMAND_OPTS=-Xmx384m
case $0 in */*) ECD_BIN=${0%/*} ;; *) ECD_BIN=. ;; esac
# shellcheck source=SCRIPTDIR/ecd_java.sh
. "$ECD_BIN/ecd_java.sh"
