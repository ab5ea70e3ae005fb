# shellcheck shell=sh
# Shared part of the search command launchers in this folder; POSIX sh, sourced (not run) by
# mailboxcollection.sh and stdevoutlier.sh after they set ECD_COMMAND and ECD_BIN.
#
# Finds Java 17 or later (ECD_JAVA_HOME, then JAVA_HOME, then java on PATH) and replaces this shell
# with the JVM serving the command over stdin/stdout (protocol v2). The jar is found relative to
# this folder (bin/lib/), so the launcher also works from a search peer's knowledge bundle.
# JVM options: the command's own ECD_COMMAND_OPTS (set by its launcher) and then ECD_JAVA_OPTS are
# appended to the defaults below; the last occurrence of an option wins. The launcher writes nothing of its own to stdout: when it cannot start Java it answers
# splunkd's getinfo request with a protocol frame carrying an ERROR message, and exits 1.

if [ -z "${ECD_COMMAND:-}" ] || [ -z "${ECD_BIN:-}" ]; then
  echo "ecd_java.sh is sourced by a command launcher (such as mailboxcollection.sh), not run" >&2
  exit 2
fi
ecd_app=email_collection_detections
ecd_min_java=17
ecd_jar=$ECD_BIN/lib/$ecd_app.jar
# Start-up is paid again for every getinfo probe: C1 only, serial GC, no hsperfdata file. Class
# data sharing is on by default; -Xshare is not given, since Java 25 refuses it beside an AOT cache.
# VM warnings go to stderr, never into the protocol: both the printed ones (DisplayVMOutputToStderr)
# and the logged ones, which the JVM otherwise writes to stdout (-Xlog:disable, then warnings and
# errors to stderr; a user's -Xlog options still apply).
ecd_default_opts='-XX:+DisplayVMOutputToStderr -Xlog:disable -Xlog:all=warning:stderr -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData'

# ecd_json TEXT: TEXT as the inside of a JSON string (quote and backslash escaped, control
# characters dropped); shell built-ins only, so it works with an empty PATH.
ecd_json() {
  ecd_s=$1
  ecd_r=
  while [ -n "$ecd_s" ]; do
    ecd_c=${ecd_s%"${ecd_s#?}"}
    ecd_s=${ecd_s#?}
    # shellcheck disable=SC1003 # '\' is a lone backslash, not an escaped quote
    case $ecd_c in
      '"' | '\') ecd_r="$ecd_r\\$ecd_c" ;;
      [[:cntrl:]]) ;;
      *) ecd_r="$ecd_r$ecd_c" ;;
    esac
  done
  printf '%s' "$ecd_r"
}

# ecd_fail TEXT: tells splunkd why Java cannot run (stderr -> search.log, and an ERROR frame in
# reply to its getinfo request, "chunked 1.0,<metadata bytes>,<body bytes>"), then exits 1.
ecd_fail() {
  ecd_msg="$ECD_COMMAND: $1"
  printf '%s: %s\n' "$ecd_app" "$ecd_msg" >&2
  # shellcheck disable=SC2034 # ecd_more takes anything after the two lengths
  if IFS=' ,' read -r ecd_w1 ecd_w2 ecd_m ecd_b ecd_more; then
    ecd_b=${ecd_b%"$(printf '\r')"}
    case $ecd_w1,$ecd_w2,$ecd_m,$ecd_b in
      chunked,1.0,[0-9]*,[0-9]*)
        case $ecd_m$ecd_b in
          *[!0-9]*) ;;
          *)
            if [ ${#ecd_m} -le 9 ] && [ ${#ecd_b} -le 9 ] && [ $((ecd_m + ecd_b)) -gt 0 ]; then
              dd bs=1 count=$((ecd_m + ecd_b)) of=/dev/null 2>/dev/null || :
            fi
            ;;
        esac
        ;;
    esac
    ecd_meta="{\"type\":\"streaming\",\"finished\":true,\"inspector\":{\"messages\":[[\"ERROR\",\"$(ecd_json "$ecd_msg")\"]]}}"
    LC_ALL=C
    printf 'chunked 1.0,%d,0\n%s' ${#ecd_meta} "$ecd_meta"
  fi
  exit 1
}

# ecd_feature VERSION: the feature release of a Java version string (1.8.0_292 -> 8, 17.0.15 -> 17).
ecd_feature() {
  ecd_v=${1#1.}
  case $1 in 1.*) ;; *) ecd_v=$1 ;; esac
  ecd_v=${ecd_v%%[!0-9]*}
  printf '%s' "$ecd_v"
}

# ecd_release_version HOME: JAVA_VERSION from HOME/release (no JVM started), or nothing.
ecd_release_version() {
  [ -r "$1/release" ] || return 0
  while IFS= read -r ecd_line || [ -n "$ecd_line" ]; do
    case $ecd_line in
      JAVA_VERSION=*)
        ecd_line=${ecd_line#JAVA_VERSION=}
        ecd_line=${ecd_line#\"}
        printf '%s' "${ecd_line%\"}"
        return 0
        ;;
    esac
  done < "$1/release"
}

if [ -n "${ECD_JAVA_HOME:-}" ]; then
  ecd_home=$ECD_JAVA_HOME
  ecd_where="ECD_JAVA_HOME=$ECD_JAVA_HOME"
elif [ -n "${JAVA_HOME:-}" ]; then
  ecd_home=$JAVA_HOME
  ecd_where="JAVA_HOME=$JAVA_HOME"
else
  ecd_home=
  ecd_where=PATH
fi

if [ -n "$ecd_home" ]; then
  ecd_java=$ecd_home/bin/java
  [ -x "$ecd_java" ] || ecd_fail "Java $ecd_min_java or later is required, but $ecd_where has no executable bin/java. Set JAVA_HOME (or ECD_JAVA_HOME) in \$SPLUNK_HOME/etc/splunk-launch.conf to a Java $ecd_min_java+ installation and restart Splunk."
else
  ecd_java=$(command -v java 2>/dev/null) || ecd_java=
  [ -n "$ecd_java" ] || ecd_fail "Java $ecd_min_java or later is required, but no java was found on the PATH and JAVA_HOME is not set. Install Java $ecd_min_java+ on this host, or set JAVA_HOME in \$SPLUNK_HOME/etc/splunk-launch.conf, and restart Splunk."
  ecd_real=$(readlink -f "$ecd_java" 2>/dev/null) || ecd_real=$ecd_java
  ecd_home=${ecd_real%/bin/java}
fi

ecd_version=$(ecd_release_version "$ecd_home")
if [ -z "$ecd_version" ]; then
  # no release file (unusual layout, a macOS stub): ask the JVM once
  ecd_version=$("$ecd_java" -version 2>&1 | sed -n '1s/^[^"]*"\([^"]*\)".*/\1/p')
fi
ecd_feature_version=$(ecd_feature "$ecd_version")
if [ -n "$ecd_feature_version" ] && [ "$ecd_feature_version" -lt $ecd_min_java ]; then
  ecd_fail "Java $ecd_min_java or later is required, but $ecd_java (found through $ecd_where) is Java $ecd_version. Install Java $ecd_min_java+ and point JAVA_HOME (or ECD_JAVA_HOME) at it in \$SPLUNK_HOME/etc/splunk-launch.conf, then restart Splunk."
fi

[ -r "$ecd_jar" ] || ecd_fail "the app's jar is missing: $ecd_jar. Reinstall the app."

# Class data sharing archive of the classes a search loads (AppCDS), one per command, Java, jar and
# options: mapped instead of loading and verifying those classes again (about 25 ms of start-up,
# 85 ms of a 200k-event search). On Java 25 and later it is an AOT cache (JEP 483, 514, 515), which
# also holds the training's method profiles, so the JIT compiles the hot code sooner (a further
# 0.1 s of a 200k-event search). When it is missing, a background run of the jar's train tool on
# built-in sample searches records it once (-XX:ArchiveClassesAtExit, -XX:AOTCacheOutput); this
# search goes on without it. Off with ECD_CDS=0, when $SPLUNK_HOME/var/run is missing or not
# writable, and when ECD_JAVA_OPTS (or JAVA_TOOL_OPTIONS, JDK_JAVA_OPTIONS) has class data sharing
# or AOT options of its own (the JVM refuses an AOT cache beside -Xshare or a second archive). The JVM checks an archive against its
# own build and the jar, and goes on without one that does not match. Sets ecd_cds_file and
# ecd_cds_use when there is an archive to use.
ecd_cds_file=
ecd_cds() {
  [ "${ECD_CDS:-1}" != 0 ] && [ -n "${SPLUNK_HOME:-}" ] && [ -d "$SPLUNK_HOME/var/run" ] || return 0
  case " ${ECD_JAVA_OPTS:-} ${JAVA_TOOL_OPTIONS:-} ${JDK_JAVA_OPTIONS:-} " in
    *' -Xshare'* | *SharedArchive* | *ArchiveClassesAtExit* | *' -XX:AOT'* | *SharedClassListFile* \
      | *DumpLoadedClassList*) return 0 ;;
  esac
  # before Java 21 (JDK-8306460) a dynamic archive keeps the "queued for compilation" mark of every
  # method still waiting for the JIT when the training exits, and the searches that map it never
  # compile those methods: -Xbatch makes the training wait for each compilation it asks for
  if [ -n "$ecd_feature_version" ] && [ "$ecd_feature_version" -ge 25 ]; then
    ecd_cds_ext=aot ecd_cds_record=-XX:AOTCacheOutput ecd_cds_use=-XX:AOTCache ecd_cds_train=
  else
    ecd_cds_ext=jsa ecd_cds_record=-XX:ArchiveClassesAtExit ecd_cds_use=-XX:SharedArchiveFile
    ecd_cds_train=-Xbatch
  fi
  ecd_cds_dir=$SPLUNK_HOME/var/run/$ecd_app
  ecd_cds_key=$({ printf '%s\n' "$ecd_java" "$ecd_version" "${ECD_COMMAND_OPTS:-}" "${ECD_JAVA_OPTS:-}"
    ls -lniL "$ecd_jar"; } 2>/dev/null | cksum) || return 0
  ecd_cds_archive=$ecd_cds_dir/$ECD_COMMAND-${ecd_cds_key%% *}.$ecd_cds_ext
  if [ -s "$ecd_cds_archive" ]; then
    ecd_cds_file=$ecd_cds_archive
    return 0
  fi
  [ -e "$ecd_cds_archive.failed" ] && return 0
  mkdir -p "$ecd_cds_dir" 2>/dev/null || return 0
  # one training at a time; a lock left by a training that was killed expires after 10 minutes
  if ! mkdir "$ecd_cds_archive.lock" 2>/dev/null; then
    [ -n "$(find "$ecd_cds_archive.lock" -prune -mmin +10 2>/dev/null)" ] || return 0
    rmdir "$ecd_cds_archive.lock" 2>/dev/null
    rm -- "$ecd_cds_archive".tmp.* 2>/dev/null
    mkdir "$ecd_cds_archive.lock" 2>/dev/null || return 0
  fi
  (
    set -f
    ecd_cds_tmp=$ecd_cds_archive.tmp.$$
    # shellcheck disable=SC2086 # the options are meant to be split into words
    if nice -n 10 "$ecd_java" $ecd_default_opts ${ECD_COMMAND_OPTS:-} ${ECD_JAVA_OPTS:-} \
        $ecd_cds_train "$ecd_cds_record=$ecd_cds_tmp" -jar "$ecd_jar" train "$ECD_COMMAND" \
        && [ -s "$ecd_cds_tmp" ]; then
      mv -f "$ecd_cds_tmp" "$ecd_cds_archive"
    else
      rm -- "$ecd_cds_tmp" "$ecd_cds_tmp.config"
      : > "$ecd_cds_archive.failed"
    fi
    rmdir "$ecd_cds_archive.lock"
  ) </dev/null >/dev/null 2>&1 &
}

ecd_cds
set -f
# shellcheck disable=SC2086 # the options are meant to be split into words
if [ -n "$ecd_cds_file" ]; then
  exec "$ecd_java" $ecd_default_opts ${ECD_COMMAND_OPTS:-} "$ecd_cds_use=$ecd_cds_file" \
    ${ECD_JAVA_OPTS:-} -jar "$ecd_jar" "$ECD_COMMAND" "$@"
fi
# shellcheck disable=SC2086 # the options are meant to be split into words
exec "$ecd_java" $ecd_default_opts ${ECD_COMMAND_OPTS:-} ${ECD_JAVA_OPTS:-} -jar "$ecd_jar" "$ECD_COMMAND" "$@"
