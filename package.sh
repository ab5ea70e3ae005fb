#!/usr/bin/env bash
# Builds the installable Splunk app package dist/email_collection_detections-<version>.tgz.
#
#   ./package.sh [--no-build] [--jar FILE] [--out DIR] [--stage DIR]
#
#   --no-build   do not run Maven; use the jar that is there (target/email_collection_detections.jar)
#   --jar FILE   put FILE into bin/lib/ instead of the Maven jar (implies --no-build)
#   --out DIR    write the package into DIR (default: dist)
#   --stage DIR  assemble the app folder under DIR (default: build)
#
# Without --no-build, Maven runs (mvn -B -q -DskipTests package) unless the jar is newer than
# pom.xml and every file under src/main. The app folder is assembled from app/ (bin, lookups,
# metadata, static, README.md), default/ and the jar; app.conf gets the version of pom.xml and
# [install] build = the time of the last commit. The tar is reproducible: sorted names, owner 0:0,
# every mtime = SOURCE_DATE_EPOCH (default: the last commit's time), gzip without name or time.
# Prints the path of the package on stdout; everything else goes to stderr.
set -euo pipefail

app_id=email_collection_detections
root=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
build=true
jar=
out=$root/dist
stage_root=$root/build

die() {
  echo "package.sh: $*" >&2
  exit 1
}

usage() { # exit code; the text goes to stdout for --help, else to stderr
  if [ "$1" = 0 ]; then
    sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'
  else
    sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//' >&2
  fi
  exit "$1"
}

while [ $# -gt 0 ]; do
  case $1 in
    --no-build) build=false ;;
    --jar) [ $# -ge 2 ] || usage 2; jar=$2; build=false; shift ;;
    --out) [ $# -ge 2 ] || usage 2; out=$2; shift ;;
    --stage) [ $# -ge 2 ] || usage 2; stage_root=$2; shift ;;
    -h | --help) usage 0 ;;
    *) echo "package.sh: unknown option '$1'" >&2; usage 2 ;;
  esac
  shift
done

cd "$root"

# --- version: <version> of the project in pom.xml (outside <parent>) ---------------------------
version=$(awk '
  /<parent>/ { inparent = 1 } /<\/parent>/ { inparent = 0; next }
  /<(dependencies|build|properties|dependencyManagement|profiles)>/ { exit }
  !inparent && match($0, /<version>[^<]*<\/version>/) {
    v = substr($0, RSTART + 9, RLENGTH - 19); print v; exit
  }' pom.xml)
[[ $version =~ ^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$ ]] \
  || die "pom.xml: the project <version> '$version' is not Major.Minor.Patch, which app.conf needs"

# --- the fixed time of every entry, also [install] build ---------------------------------------
if [ -n "${SOURCE_DATE_EPOCH:-}" ]; then
  epoch=$SOURCE_DATE_EPOCH
elif epoch=$(git -C "$root" log -1 --format=%ct 2>/dev/null) && [ -n "$epoch" ]; then
  :
else
  epoch=$(date -r pom.xml +%s)
  echo "package.sh: no git history and no SOURCE_DATE_EPOCH; using the time of pom.xml ($epoch)" >&2
fi
[[ $epoch =~ ^[1-9][0-9]*$ ]] || die "SOURCE_DATE_EPOCH '$epoch' is not a positive number of seconds"

# --- the jar ------------------------------------------------------------------------------------
maven_jar=$root/target/$app_id.jar
if [ -z "$jar" ]; then
  jar=$maven_jar
  if $build; then
    if [ ! -f "$jar" ] || [ -n "$(find pom.xml src/main -newer "$jar" -print -quit)" ]; then
      echo "package.sh: building the jar (mvn -B -q -DskipTests package)" >&2
      mvn -B -q -DskipTests package >&2
    else
      echo "package.sh: $jar is newer than the sources; not rebuilding" >&2
    fi
  fi
fi
[ -f "$jar" ] || die "no jar at $jar; run without --no-build, or mvn -B package first"
if [ "$jar" = "$maven_jar" ] && [ -f target/maven-archiver/pom.properties ]; then
  built=$(sed -n 's/^version=//p' target/maven-archiver/pom.properties)
  [ "$built" = "$version" ] || die "$jar was built for version $built but pom.xml says $version; run without --no-build"
fi

# --- stage --------------------------------------------------------------------------------------
stage=$stage_root/$app_id
rm -rf "$stage"
mkdir -p "$stage/bin/lib" "$out"
cp -R "$root/app/." "$stage/"
mkdir -p "$stage/default"
cp -R "$root/default/." "$stage/default/"
# no hidden files, editor droppings, or anything Splunk must not receive from an app package
find "$stage" -mindepth 1 \( -name '.*' -o -name '__MACOSX' -o -name '__pycache__' -o -name '*.pyc' \
  -o -name '*~' \) -prune -exec rm -rf {} +
rm -rf "$stage/local" "$stage/users" "$stage/metadata/local.meta"
cp "$jar" "$stage/bin/lib/$app_id.jar"

# stamp the version and build into app.conf
conf=$stage/default/app.conf
[ -f "$conf" ] || die "default/app.conf is missing"
awk -v version="$version" -v build="$epoch" '
  /^[ \t]*\[/ { s = $0; gsub(/[ \t\[\]]/, "", s); stanza = s }
  (stanza == "id" || stanza == "launcher") && /^[ \t]*version[ \t]*=/ { print "version = " version; seen[stanza]++; next }
  stanza == "install" && /^[ \t]*build[ \t]*=/ { print "build = " build; seen[stanza]++; next }
  { print }
  END { if (seen["id"] != 1 || seen["launcher"] != 1 || seen["install"] != 1) exit 3 }
' "$conf" > "$conf.tmp" || die "default/app.conf needs exactly one 'version' in [id] and in [launcher] and one 'build' in [install]"
mv "$conf.tmp" "$conf"

# text files Splunk parses: LF line endings only
if bad=$(grep -rlI $'\r' "$stage/default" "$stage/bin" "$stage/metadata" 2>/dev/null) && [ -n "$bad" ]; then
  die "CR line endings in: $bad"
fi

# modes: folders 755, bin/*.sh 755, everything else 644
find "$stage" -type d -exec chmod 755 {} +
find "$stage" -type f -exec chmod 644 {} +
find "$stage/bin" -maxdepth 1 -type f -name '*.sh' -exec chmod 755 {} +

# --- the package --------------------------------------------------------------------------------
package=$out/$app_id-$version.tgz
tmp=$package.tmp
LC_ALL=C tar -C "$stage_root" --sort=name --format=gnu --owner=0 --group=0 --numeric-owner \
  --mtime="@$epoch" -cf - "$app_id" | gzip -n -9 > "$tmp"
mv "$tmp" "$package"

# self-check: one top folder, nothing else
if stray=$(tar -tzf "$package" | grep -v "^$app_id/" | head -n 1) && [ -n "$stray" ]; then
  die "the package holds '$stray' outside $app_id/"
fi
(cd "$(dirname "$package")" && echo "$(pwd)/$(basename "$package")")
