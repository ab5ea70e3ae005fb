#!/usr/bin/env bash
# Start-up and throughput of the JVM option sets the launcher could use (bin/ecd_java.sh).
#
#   tools/bench_jvm_options.sh GETINFO_STREAM BIG_STREAM REPEATS -- <java command line without java>
#
# GETINFO_STREAM holds one getinfo chunk (a getinfo-only probe), BIG_STREAM a whole session.
# For each option set it runs each stream REPEATS times and prints the median CPU time (user +
# system) and wall time in ms and the largest peak RSS (GNU time). CPU time is the figure to
# compare on a shared machine, where wall time depends on the other load. Example, with the built jar:
#   tools/bench_jvm_options.sh getinfo.bin big.bin 11 -- -jar target/email_collection_detections.jar mailboxcollection
set -euo pipefail
getinfo=$1 big=$2 repeats=$3
shift 3
[ "$1" = -- ] && shift

sets=(
  "(none)|"
  "C1 only|-XX:TieredStopAtLevel=1"
  "serial GC|-XX:+UseSerialGC"
  "no perf data|-XX:-UsePerfData"
  "launcher defaults|-XX:+DisplayVMOutputToStderr -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData"
  "defaults but C2|-XX:+DisplayVMOutputToStderr -XX:+UseSerialGC -XX:-UsePerfData"
  "no CDS|-Xshare:off"
)

median_ms() { # stream, options...: prints "<median CPU ms> <median wall ms> <largest peak RSS MiB>"
  local stream=$1; shift
  local cpu=() wall=() i r rss=0 mid=$(((repeats + 1) / 2))
  for ((i = 0; i < repeats; i++)); do
    /usr/bin/time -f '%e %U %S %M' -o /tmp/bench_time.$$ java "$@" < "$stream" > /dev/null 2>/dev/null || true
    read -r e u s r < <(tail -n 1 /tmp/bench_time.$$)
    cpu+=("$(awk -v u="$u" -v s="$s" 'BEGIN { printf "%d", (u + s) * 1000 }')")
    wall+=("$(awk -v e="$e" 'BEGIN { printf "%d", e * 1000 }')")
    ((r > rss)) && rss=$r
  done
  rm -f /tmp/bench_time.$$
  echo "$(printf '%s\n' "${cpu[@]}" | sort -n | sed -n "${mid}p") $(printf '%s\n' "${wall[@]}" | sort -n | sed -n "${mid}p") $((rss / 1024))"
}

printf '%-18s %26s %26s\n' "" "getinfo probe" "whole session"
printf '%-18s %8s %8s %8s %8s %8s %8s\n' "options" "CPU ms" "wall ms" "RSS MiB" "CPU ms" "wall ms" "RSS MiB"
for s in "${sets[@]}"; do
  name=${s%%|*} opts=${s#*|}
  # shellcheck disable=SC2086
  read -r gc gw gr < <(median_ms "$getinfo" $opts "$@")
  # shellcheck disable=SC2086
  read -r bc bw br < <(median_ms "$big" $opts "$@")
  printf '%-18s %8s %8s %8s %8s %8s %8s\n' "$name" "$gc" "$gw" "$gr" "$bc" "$bw" "$br"
done
