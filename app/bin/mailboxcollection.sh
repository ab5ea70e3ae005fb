#!/bin/sh
# splunkd runs this for the mailboxcollection search command (default/commands.conf); see ecd_java.sh.
ECD_COMMAND=mailboxcollection
case $0 in */*) ECD_BIN=${0%/*} ;; *) ECD_BIN=. ;; esac
# shellcheck source=SCRIPTDIR/ecd_java.sh
. "$ECD_BIN/ecd_java.sh"
