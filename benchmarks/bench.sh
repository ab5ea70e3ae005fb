#!/usr/bin/env bash
# Whole-process benchmark: mailboxcollection against the Python SDK peer on the same SCP v2
# streams, the cold start to the getinfo reply, and stdevoutlier on 30 days x 1M entities.
#
#   benchmarks/bench.sh [all|mailbox|coldstart|stdev]...        (default: all)
#
# env:
#   REPEATS=3            timed runs of the peer per stream (the median is reported, with min-max)
#   OUR_REPEATS=5        timed runs of each of our rows per stream: a run takes well under a second,
#                        and a median of more runs is less at the mercy of a busy second on the host
#   SIZES="200000 1000000"   records per stream (50,000-record chunks); VARIANTS="noraw raw"
#   WARMUP=1             one untimed run of every command on every stream before its timed runs (0: none)
#   VERIFY=1             check the first timed output of every command/stream, after the timed runs (0: skip)
#   VERIFY_MAX_MB=700    ... of streams up to this size (the checkers hold a whole stream in memory)
#   COLD_RUNS=21         runs per cold-start variant
#   STDEV_DAYS="10 30" STDEV_ENTITIES=1000000   stdevoutlier streams (days x entities rows)
#   ECD_JAVA_OPTS        extra JVM options for our command (the launcher appends them)
#   JAVA25_HOME          a JDK of Java 25 or later for the rows run on it (the launcher then uses an
#                        AOT cache); default: the newest in /usr/lib/jvm, none if there is none; empty: no rows
#   WORK=build/bench     where streams, the venv, the installed app and outputs go
#
# Our command runs through the installed launcher: dist/*.tgz (./package.sh) is extracted into
# $WORK/splunk/etc/apps and bin/mailboxcollection.sh is run. Without a package.sh in the repo it
# falls back to `java -jar target/email_collection_detections.jar` with the options the launcher
# uses. The peer (../shared/peers/python_sdk/mailboxscore.py) runs on splunk-sdk from PyPI,
# installed into a venv under $WORK. Every run is timed by /usr/bin/time -v.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
shared=${ECD_SHARED_DIR:-$root/../shared}
peer=$shared/peers/python_sdk
work=${WORK:-$root/build/bench}
repeats=${REPEATS:-3}
our_repeats=${OUR_REPEATS:-5}
sizes=${SIZES:-200000 1000000}
variants=${VARIANTS:-noraw raw}
warmup=${WARMUP:-1}
verify=${VERIFY:-1}
verify_max_mb=${VERIFY_MAX_MB:-700}
cold_runs=${COLD_RUNS:-21}
stdev_days=${STDEV_DAYS:-10 30}
stdev_entities=${STDEV_ENTITIES:-1000000}
app=email_collection_detections
# appended to the launcher's options: one processor, so that the codec and command use one thread
one_core=-XX:ActiveProcessorCount=1
# appended to the launcher's options: C2 on (mailboxcollection.sh keeps C1 alone), for comparison
with_c2=-XX:TieredStopAtLevel=4
# the options of app/bin/ecd_java.sh, for the fallback without a package
launcher_opts='-XX:+DisplayVMOutputToStderr -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData'

# java25: JAVA25_HOME, else the newest JDK of Java 25 or later in /usr/lib/jvm
java25_home() {
  local home v best="" best_v=24
  for home in /usr/lib/jvm/*; do
    if [ -x "$home/bin/java" ] && [ -r "$home/release" ]; then
      v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$home/release")
      if [ -n "$v" ] && [ "$v" -gt "$best_v" ]; then best=$home best_v=$v; fi
    fi
  done
  echo "$best"
}
java25=${JAVA25_HOME-$(java25_home)}
# true when there are Java 25 rows to run: a JDK for them, and the installed launcher to run them through
on_java25() { [ -n "$java25" ] && [ "${cmd[0]##*/}" != java ]; }

mkdir -p "$work"
cd "$root"
what=${*:-all}
want() { [[ " $what " == *" all "* || " $what " == *" $1 "* ]]; }

[ -x /usr/bin/time ] || { echo "bench.sh: /usr/bin/time is missing (apt-get install time)" >&2; exit 2; }
[ -d "$peer" ] || { echo "bench.sh: the peer is not at $peer (set ECD_SHARED_DIR)" >&2; exit 2; }

# ---------------------------------------------------------------- machine
machine() {
  echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(nproc) cores," \
    "$(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo)"
  echo "java: $(java -version 2>&1 | head -1)  python: $(python3 --version 2>&1)"
  [ -z "$java25" ] || echo "java 25 rows: $("$java25/bin/java" -version 2>&1 | head -1) ($java25)"
  echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
}

# ---------------------------------------------------------------- our command
cmd=()
install_app() {
  [ ${#cmd[@]} -gt 0 ] && return 0
  if [ -x "$root/package.sh" ]; then
    local tgz
    tgz=$("$root/package.sh")
    rm -rf "$work/splunk"
    mkdir -p "$work/splunk/etc/apps" "$work/splunk/var/log/splunk" "$work/splunk/var/run"
    tar -xzf "$tgz" -C "$work/splunk/etc/apps"
    cmd=("$work/splunk/etc/apps/$app/bin/mailboxcollection.sh")
    echo "command: installed launcher $(basename "$tgz") -> ${cmd[*]} ${ECD_JAVA_OPTS:+(ECD_JAVA_OPTS=$ECD_JAVA_OPTS)}"
  else
    [ -s "target/$app.jar" ] || mvn -B -q -DskipTests package >&2
    # shellcheck disable=SC2206
    cmd=(java $launcher_opts ${ECD_JAVA_OPTS:-} -jar "$root/target/$app.jar" mailboxcollection)
    echo "command: no package.sh yet: ${cmd[*]}"
  fi
}
export SPLUNK_HOME=$work/splunk

# The launcher records a class data sharing archive per command and JVM options, in the background,
# the first time it runs with them (app/bin/ecd_java.sh), as in a Splunk install: a run with empty
# input starts that, and the wait keeps it from sharing the machine with a measured run.
prime() {  # prime LAUNCHER [ECD_JAVA_OPTS [ECD_JAVA_HOME]]
  [ "${1##*/}" = java ] && return 0
  ECD_JAVA_OPTS="${2:-}" ECD_JAVA_HOME="${3:-}" "$1" < /dev/null > /dev/null 2>&1 || true
  for _ in $(seq 1 300); do
    compgen -G "$SPLUNK_HOME/var/run/$app/*.lock" > /dev/null || return 0
    sleep 0.1
  done
  echo "bench.sh: the launcher's class data sharing archive is still being recorded after 30 s" >&2
}

# ---------------------------------------------------------------- the peer's Python
pybin=$work/venv/bin/python3
peer_python() {
  if [ ! -x "$pybin" ] || ! "$pybin" -c 'import splunklib.searchcommands' 2>/dev/null; then
    python3 -m venv "$work/venv"
    "$pybin" -m pip install -q splunk-sdk >&2
  fi
  echo "peer: splunk-sdk $("$pybin" -m pip show splunk-sdk 2>/dev/null | awk '/^Version/ {print $2}') on $("$pybin" --version)"
}

# ---------------------------------------------------------------- streams
# stream RECORDS VARIANT -> path of the generated stream (cached; the peer's, without arguments)
stream() {
  local records=$1 variant=$2 flag=""
  [ "$variant" = raw ] && flag=--with-raw
  local s="$work/stream-r$records-c50000-s42-$variant.bin"
  if [ ! -s "$s" ]; then
    python3 "$peer/gen_chunks.py" --records "$records" --chunk-size 50000 --seed 42 $flag -o "$s.tmp" >&2
    mv "$s.tmp" "$s"
  fi
  echo "$s"
}

# with_args STREAM KEEP -> the same stream with getinfo args keep=KEEP for mailboxcollection
with_args() {
  local t="${1%.bin}-keep$2.bin"
  [ -s "$t" ] && [ "$t" -nt "$1" ] || python3 "$here/with_args.py" "$1" "$t" --command mailboxcollection "keep=$2"
  echo "$t"
}

# ---------------------------------------------------------------- timing
# timed OUT -- ARGV...: runs ARGV < $input > OUT under /usr/bin/time -v; prints "wall rss_kb user sys"
timed() {
  local out=$1 tfile=$work/time.txt
  shift 2
  if ! /usr/bin/time -v -o "$tfile" "$@" < "$input" > "$out" 2> "$work/stderr.txt"; then
    echo "bench.sh: command failed: $*; stderr:" >&2
    tail -20 "$work/stderr.txt" >&2
    exit 1
  fi
  awk -F': ' '
    /Elapsed \(wall clock\)/ { n = split($2, p, ":"); w = 0; for (i = 1; i <= n; i++) w = w * 60 + p[i] }
    /Maximum resident set size/ { rss = $2 }
    /User time/ { u = $2 } /System time/ { s = $2 }
    END { printf "%.3f %d %.2f %.2f\n", w, rss, u, s }' "$tfile"
}

rows=()
# measure LABEL RECORDS CHECK -- ARGV...: an untimed warm-up run, then $runs timed runs back to
# back (REPEATS for the peer, OUR_REPEATS for ours); verifies the first timed output with CHECK (a
# command taking IN OUT, or "-") after them, so that no timed run follows a pause (on this machine
# a process run after a few idle seconds pays for memory the host took back: benchmarks/README.md);
# adds a row to the table, with its records/s as a multiple of the peer's (peer_wall) when set
peer_wall=
measure() {
  local label=$1 records=$2 check=$3
  shift 4
  local out=$work/out.bin first=$work/out-first.bin results=() r
  if [ "$warmup" = 1 ]; then
    "$@" < "$input" > "$out" 2> "$work/stderr.txt" || true
  fi
  for i in $(seq 1 "$runs"); do
    if [ "$i" = 1 ]; then r=$(timed "$first" -- "$@"); else r=$(timed "$out" -- "$@"); fi
    results+=("$r")
  done
  if [ "$verify" = 1 ] && [ "$check" != - ] \
      && [ "$(stat -c %s "$input")" -le $((verify_max_mb * 1000000)) ]; then
    $check "$input" "$first" > "$work/verify.txt" || { cat "$work/verify.txt" >&2; exit 1; }
    head -2 "$work/verify.txt" | sed 's/^/    /' >&2
  fi
  rm -f "$out" "$first"
  rows+=("$(printf '%s\n' "${results[@]}" | python3 -c '
import statistics, sys
label, n, peer = sys.argv[1], int(sys.argv[2]), sys.argv[3]
runs = [list(map(float, line.split())) for line in sys.stdin if line.strip()]
wall = sorted(r[0] for r in runs)
med = statistics.median
ratio = " (%.1fx)" % (float(peer) / med(wall)) if peer else ""
print("| %s | %.3f s (%.2f-%.2f) | %.0f%s | %d MiB | %.2f s |" % (label, med(wall), wall[0], wall[-1],
      n / med(wall), ratio, med(r[1] for r in runs) / 1024, med(r[2] + r[3] for r in runs)))' \
      "$label" "$records" "$peer_wall")")
  echo "  ${rows[-1]}" >&2
}

peer_verify() { "$pybin" "$peer/verify_output.py" "$@"; }
suspicious_verify() { python3 "$here/verify_suspicious.py" "$@"; }

# ---------------------------------------------------------------- mailbox
if want mailbox; then
  machine
  install_app
  prime "${cmd[0]}" "${ECD_JAVA_OPTS:-}"
  prime "${cmd[0]}" "${ECD_JAVA_OPTS:-} $one_core"
  prime "${cmd[0]}" "${ECD_JAVA_OPTS:-} $with_c2"
  ! on_java25 || prime "${cmd[0]}" "${ECD_JAVA_OPTS:-}" "$java25"
  peer_python
  echo
  echo "| stream | command | wall, median (min-max) of $repeats (peer) or $our_repeats (ours) | records/s | peak RSS | CPU (user+sys) |"
  echo "| --- | --- | --- | --- | --- | --- |"
  for variant in $variants; do
    for records in $sizes; do
      s=$(stream "$records" "$variant")
      tag="$records $variant ($(( $(stat -c %s "$s") / 1000000 )) MB)"
      echo "== $tag" >&2
      input=$s
      rows=()
      runs=$repeats peer_wall=
      measure "$tag | peer (splunklib)" "$records" peer_verify -- env SPLUNKLIB_PATH= "$pybin" "$peer/mailboxscore.py"
      # the peer's median wall time, from its row
      peer_wall=$(echo "${rows[-1]}" | awk -F'|' '{print $4}' | awk '{print $1}')
      runs=$our_repeats
      input=$(with_args "$s" all)
      measure "$tag | mailboxcollection keep=all" "$records" peer_verify -- "${cmd[@]}"
      measure "$tag | mailboxcollection keep=all, one core ($one_core)" "$records" - -- env ECD_JAVA_OPTS="${ECD_JAVA_OPTS:-} $one_core" "${cmd[@]}"
      measure "$tag | mailboxcollection keep=all, C2 ($with_c2)" "$records" - -- env ECD_JAVA_OPTS="${ECD_JAVA_OPTS:-} $with_c2" "${cmd[@]}"
      if on_java25; then
        measure "$tag | mailboxcollection keep=all, Java 25 (AOT cache)" "$records" peer_verify -- env ECD_JAVA_HOME="$java25" "${cmd[@]}"
      fi
      input=$(with_args "$s" suspicious)
      measure "$tag | mailboxcollection keep=suspicious" "$records" suspicious_verify -- "${cmd[@]}"
      printf '%s\n' "${rows[@]}"
    done
  done
  echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
fi

# ---------------------------------------------------------------- cold start
if want coldstart; then
  install_app
  s=$(stream 200000 noraw)
  jar=$root/target/$app.jar
  [ -x "$root/package.sh" ] && jar=$work/splunk/etc/apps/$app/bin/lib/$app.jar
  jsa=$work/$app.jsa
  rm -f "$jsa"
  java -XX:ArchiveClassesAtExit="$jsa" $launcher_opts -jar "$jar" mailboxcollection \
    < <(head -c 1000 "$(with_args "$s" all)" | python3 -c '
import re, sys
d = sys.stdin.buffer.read(); m = re.match(rb"chunked 1\.0,(\d+),(\d+)\n", d)
sys.stdout.buffer.write(d[:m.end() + int(m.group(1)) + int(m.group(2))])') > /dev/null 2>&1 || true
  echo
  echo "cold start to the getinfo reply, $cold_runs runs each (load average $(cut -d' ' -f1-3 /proc/loadavg)):"
  prime "${cmd[0]}" "${ECD_JAVA_OPTS:-}"
  echo "- launcher as installed (its class data sharing archive recorded): $(python3 "$here/coldstart.py" "$s" "$cold_runs" -- "${cmd[@]}")"
  echo "- launcher, ECD_CDS=0 (no archive of the app's classes): $(ECD_CDS=0 python3 "$here/coldstart.py" "$s" "$cold_runs" -- "${cmd[@]}")"
  if on_java25; then
    prime "${cmd[0]}" "${ECD_JAVA_OPTS:-}" "$java25"
    echo "- launcher on Java 25 (its AOT cache recorded): $(ECD_JAVA_HOME="$java25" python3 "$here/coldstart.py" "$s" "$cold_runs" -- "${cmd[@]}")"
  fi
  echo "- java -jar, JVM defaults: $(python3 "$here/coldstart.py" "$s" "$cold_runs" -- java -jar "$jar" mailboxcollection)"
  echo "- launcher options + AppCDS archive: $(python3 "$here/coldstart.py" "$s" "$cold_runs" -- java $launcher_opts -XX:SharedArchiveFile="$jsa" -jar "$jar" mailboxcollection)"
  echo "- launcher options, -Xshare:off: $(python3 "$here/coldstart.py" "$s" "$cold_runs" -- java $launcher_opts -Xshare:off -jar "$jar" mailboxcollection)"
fi

# ---------------------------------------------------------------- stdevoutlier
if want stdev; then
  install_app
  stdev_cmd=("${cmd[@]}")
  if [ "${cmd[0]}" = java ]; then
    stdev_cmd=("${cmd[@]:0:${#cmd[@]}-1}" stdevoutlier)
  else
    stdev_cmd=("${cmd[0]%/*}/stdevoutlier.sh")
  fi
  echo
  echo "stdevoutlier field=bytes_out by=dest_ip current=@d (TZ=UTC), ECD_JAVA_OPTS=-Xmx1g, $stdev_entities entities:"
  echo "| days | rows | JIT | wall | rows/s | peak RSS | heap after GC (max) | GCs | rows out |"
  echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"
  for days in $stdev_days; do
    s="$work/stdev-d$days-e$stdev_entities.bin"
    [ -s "$s" ] || python3 "$here/gen_stdev.py" --days "$days" --entities "$stdev_entities" -o "$s" >&2
    input=$s
    # stdevoutlier.sh turns C2 back on itself; the C1 row shows what that is worth
    for jit in "C2 (launcher)" "C1"; do
      opts="-Xmx1g -Xlog:gc:file=$work/stdev-gc.log"
      [ "$jit" = C1 ] && opts="$opts -XX:TieredStopAtLevel=1"
      prime "${stdev_cmd[0]}" "$opts"
      r=$(timed "$work/stdev-out.bin" -- env TZ=UTC ECD_JAVA_OPTS="$opts" "${stdev_cmd[@]}")
      read -r w rss _ _ <<<"$r"
      out_rows=$(python3 "$here/gen_stdev.py" --count-rows "$work/stdev-out.bin")
      n=$(( days * stdev_entities ))
      awk -v d="$days" -v n="$n" -v w="$w" -v rss="$rss" -v out="$out_rows" -v jit="$jit" '
        /Pause/ { c++; if (match($0, /->[0-9]+M/)) { a = substr($0, RSTART + 2, RLENGTH - 3) + 0; if (a > m) m = a } }
        END { printf "| %d | %d | %s | %.2f s | %.0f | %d MiB | %d MiB | %d | %s |\n", d, n, jit, w, n / w, rss / 1024, m, c, out }' \
        "$work/stdev-gc.log"
    done
  done
  rm -f "$work/stdev-out.bin"
fi
