#!/usr/bin/env bash
# Alternating runs of two variants of mailboxcollection on one stream, for changes smaller than the
# noise between whole benchmark runs: A, B, A, B, ... so both see the same machine.
#
#   benchmarks/ab.sh N APP_A APP_B [OPTS_A] [OPTS_B]
#
# APP_A, APP_B: installed apps (folders holding email_collection_detections/, e.g. extracted from two
# builds' dist/*.tgz; give the same folder twice to compare JVM options). OPTS_A, OPTS_B: ECD_JAVA_OPTS
# for each. Environment: STREAM (default: the 1M-event keep=all stream bench.sh made),
# WORK=build/bench. Prints each variant's wall times sorted, their median and the median CPU time.
# Output goes to a file, as in bench.sh.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
work=${WORK:-$root/build/bench}

if [ $# -lt 3 ]; then
  sed -n '2,11p' "$0" >&2
  exit 2
fi
n=$1 app_a=$2 app_b=$3 opts_a=${4:-} opts_b=${5:-}
stream=${STREAM:-$work/stream-r1000000-c50000-s42-noraw-keepall.bin}
[ -s "$stream" ] || { echo "ab.sh: no stream at $stream (run benchmarks/bench.sh mailbox first)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "ab.sh: /usr/bin/time is missing (apt-get install time)" >&2; exit 2; }
for app in "$app_a" "$app_b"; do
  [ -x "$app/email_collection_detections/bin/mailboxcollection.sh" ] \
    || { echo "ab.sh: no installed app under $app" >&2; exit 2; }
done

export SPLUNK_HOME=${SPLUNK_HOME:-$work/splunk}
mkdir -p "$SPLUNK_HOME/var/log/splunk" "$SPLUNK_HOME/var/run"
# each variant's class data sharing archive is recorded (in the background) before any timed run
for v in A B; do
  if [ $v = A ]; then app=$app_a opts=$opts_a; else app=$app_b opts=$opts_b; fi
  ECD_JAVA_OPTS="$opts" "$app/email_collection_detections/bin/mailboxcollection.sh" < /dev/null > /dev/null 2>&1 || true
  for _ in $(seq 1 300); do
    compgen -G "$SPLUNK_HOME/var/run/email_collection_detections/*.lock" > /dev/null || break
    sleep 0.1
  done
done
times=$(mktemp)
out=$work/ab-out.bin
trap 'rm -f "$times" "$out"' EXIT

for _ in $(seq 1 "$n"); do
  for v in A B; do
    if [ $v = A ]; then app=$app_a opts=$opts_a; else app=$app_b opts=$opts_b; fi
    ECD_JAVA_OPTS="$opts" /usr/bin/time -f "$v %e %U %S" -a -o "$times" \
      "$app/email_collection_detections/bin/mailboxcollection.sh" < "$stream" > "$out"
  done
done

python3 - "$times" "$app_a" "$opts_a" "$app_b" "$opts_b" <<'EOF'
import statistics, sys
runs = {"A": [], "B": []}
for line in open(sys.argv[1]):
    v, wall, user, sys_ = line.split()
    runs[v].append((float(wall), float(user) + float(sys_)))
for v, app, opts in (("A", sys.argv[2], sys.argv[3]), ("B", sys.argv[4], sys.argv[5])):
    walls = sorted(w for w, _ in runs[v])
    print("%s %s %s: wall %s  median %.3f s, CPU median %.2f s" % (v, app, opts or "(no options)",
          " ".join("%.2f" % w for w in walls), statistics.median(walls),
          statistics.median(c for _, c in runs[v])))
EOF
