#!/usr/bin/env bash
# Start-up of the installed ikpurge command: the wall time of `ikpurge status <id>` against a
# simulator on loopback, with its class-data archive and without (IKPURGE_CDS=off), runs
# alternating, on each Java given. Writes the per-run times, the medians and the ratios.
#
# Usage: benchmarks/cli-startup.sh [RUNS] [OUTPUT]   (default: 5 runs each, to stdout only)
#   CLI_STARTUP_JAVAS   the Java homes to measure, separated by blanks
#                       (default: the Java on the PATH, and /usr/lib/jvm/temurin-25-jdk-amd64 if present)
# Needs the distribution: mvn -q -DskipTests package (it makes cli/target/ikpurge-<version>.tar.gz).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
output=${2:-}

dist=$(ls cli/target/ikpurge-*.tar.gz 2>/dev/null | head -1 || true)
if [ -z "$dist" ]; then
  echo "no cli/target/ikpurge-<version>.tar.gz: run mvn -q -DskipTests package first" >&2
  exit 2
fi

if [ -n "${CLI_STARTUP_JAVAS:-}" ]; then
  read -r -a javas <<<"$CLI_STARTUP_JAVAS"
else
  path_java=$(readlink -f "$(command -v java)")
  javas=("${path_java%/bin/java}")
  [ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ] && javas+=(/usr/lib/jvm/temurin-25-jdk-amd64)
fi

work=$(mktemp -d)
simulator_pid=
cleanup() {
  [ -n "$simulator_pid" ] && kill "$simulator_pid" 2>/dev/null && wait "$simulator_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

tar -xzf "$dist" -C "$work"
home=$(echo "$work"/ikpurge-*)
ikpurge=$home/bin/ikpurge
export XDG_CACHE_HOME=$work/cache
unset IKPURGE_OPTS JAVA_OPTS IKPURGE_TRANSPORT

# The simulator of the distribution's testkit jar, on an ephemeral loopback port, answering
# Completed at once so that every run ends with exit 0.
"${javas[0]}/bin/java" -cp "$home/lib/*" io.github.ikpurge.testkit.SimulatorMain \
  --port 0 --complete-after-polls 0 >"$work/simulator.log" 2>&1 &
simulator_pid=$!
for _ in $(seq 1 100); do
  grep -q 'listening on' "$work/simulator.log" && break
  sleep 0.1
done
base_url=$(sed -n 's/.*listening on \(http[^ ]*\).*/\1/p' "$work/simulator.log")
[ -n "$base_url" ] || { echo "the simulator did not start:" >&2; cat "$work/simulator.log" >&2; exit 1; }
export IMAGEKIT_PRIVATE_KEY=private_simulator_key IMAGEKIT_API_BASE_URL=$base_url
request_id=$(IKPURGE_CDS=off JAVA_HOME=${javas[0]} "$ikpurge" purge https://ik.imagekit.io/demo/logo.png)

# One run: prints its wall time in milliseconds; fails unless the status is printed, alone.
run() { # JAVA_HOME IKPURGE_CDS
  local start end out
  start=$(date +%s%N)
  out=$(JAVA_HOME=$1 IKPURGE_CDS=$2 "$ikpurge" status "$request_id" 2>"$work/stderr")
  end=$(date +%s%N)
  if [ "$out" != "$request_id Completed" ] || [ -s "$work/stderr" ]; then
    echo "unexpected output of ikpurge status ($1, IKPURGE_CDS=$2): $out" >&2
    cat "$work/stderr" >&2
    exit 1
  fi
  echo $(((end - start) / 1000000))
}

archive_made() {
  local file
  for file in "$XDG_CACHE_HOME"/ikpurge/*.aot "$XDG_CACHE_HOME"/ikpurge/*.jsa; do
    [ -f "$file" ] && return 0
  done
  return 1
}

median() { tr ' ' '\n' | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

report() {
  echo "ikpurge status <id>: wall time of the whole command (launcher, JVM, one status call)"
  echo "machine: $(nproc) cores, $(uname -sr), load average $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "date: $(date -u +%Y-%m-%dT%H:%MZ)"
  echo "command: benchmarks/cli-startup.sh $runs${output:+ $output}"
  echo "distribution: ${dist#cli/target/}; simulator: $base_url (loopback)"
  echo "runs: $runs each, alternating; before them one run that makes the archive (timed below) and one without"
  echo
  for java_home in "${javas[@]}"; do
    version=$("$java_home/bin/java" -version 2>&1 | head -1)
    major=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$java_home/release")
    modes=(on off)
    [ "$major" -ge 25 ] && modes=(on cds off)

    # The first run of a cache makes the archive; an AOT cache is assembled after it, in the background.
    rm -rf "$XDG_CACHE_HOME"
    first=$(run "$java_home" on)
    for _ in $(seq 1 600); do
      archive_made && break
      sleep 0.1
    done
    [ "$major" -ge 25 ] && run "$java_home" cds >/dev/null
    run "$java_home" off >/dev/null

    declare -A times=()
    for _ in $(seq 1 "$runs"); do
      for mode in "${modes[@]}"; do
        times[$mode]="${times[$mode]:-} $(run "$java_home" "$mode")"
      done
    done
    echo "== $version ($java_home)"
    echo "first run, making the archive: $first ms"
    off_median=$(echo ${times[off]} | median)
    for mode in "${modes[@]}"; do
      case $mode in
        on) [ "$major" -ge 25 ] && label="AOT cache (-XX:AOTCache)" || label="CDS archive (-XX:SharedArchiveFile)" ;;
        cds) label="dynamic CDS archive (IKPURGE_CDS=cds)" ;;
        off) label="no archive (IKPURGE_CDS=off)" ;;
      esac
      m=$(echo ${times[$mode]} | median)
      ratio=$(awk -v a="$m" -v b="$off_median" 'BEGIN { printf "%.2f", a / b }')
      printf '%-40s median %5s ms  with/without %s  runs (ms):%s\n' "$label" "$m" "$ratio" "${times[$mode]}"
    done
    echo "archive: $(cd "$XDG_CACHE_HOME/ikpurge" && ls -l -- *.aot *.jsa 2>/dev/null | awk '{ printf "%s %d KiB; ", $NF, $5 / 1024 }')"
    echo
    unset times
  done
}

if [ -n "$output" ]; then
  mkdir -p "$(dirname "$output")"
  report | tee "$output"
else
  report
fi
