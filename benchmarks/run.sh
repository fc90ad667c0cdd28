#!/usr/bin/env bash
# Runs every benchmark and writes the figures, a summary and a chart to benchmarks/results/<mode>/.
# Usage: benchmarks/run.sh [full|short|transports]
#   short only proves that everything runs (CI uses it); transports runs the throughput and start-up
#   benchmarks alone.
set -euo pipefail
mode=${1:-full}
cd "$(dirname "$0")/.."

case "$mode" in
  full)
    # In-process client and server JIT-compile for about 10 s before they reach a steady state.
    jmh=(-f 3 -wi 5 -w 3s -i 5 -r 3s)
    await=(-f 1 -wi 3 -i 10)
    # URLs, requests per window, window in ms, rounds: 2 000 URLs at 100/s, about 20 s a contender.
    bulk=(2000 100 1000 2)
    startup_runs=10 ;;
  transports)
    # Throughput and start-up only, with one fork: the transports' figures, about 15 minutes.
    jmh=(-f 1 -wi 3 -w 3s -i 5 -r 3s)
    startup_runs=10 ;;
  short)
    jmh=(-f 1 -wi 0 -i 1 -w 100ms -r 300ms)
    await=(-f 1 -wi 0 -i 1)
    bulk=(200 100 1000 1)
    startup_runs=2 ;;
  *) echo "usage: $0 [full|short|transports]" >&2; exit 2 ;;
esac

out=benchmarks/results/$mode
mkdir -p "$out"
mvn -q -B -DskipTests install -pl bom,benchmarks -am
jar=benchmarks/target/benchmarks.jar
# The SDK on each transport, each library by hand, and the baselines no transport runs on (OkHttp).
throughput='(StatusThroughput|BaselineThroughput)Benchmark'

{
  echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -sr)"
  echo "java: $(java -version 2>&1 | head -1)"
  echo "date: $(date -u +%Y-%m-%dT%H:%MZ)"
  echo "command: benchmarks/run.sh $mode"
} > "$out/environment.txt"

java -jar "$jar" "$throughput" "${jmh[@]}" -t 1 -rf json -rff "$out/throughput-t1.json"
java -jar "$jar" "$throughput" "${jmh[@]}" -t 16 -rf json -rff "$out/throughput-t16.json"
java -cp "$jar" io.github.ikpurge.benchmarks.StartupBenchmark "$startup_runs" benchmarks/target \
  | tee "$out/startup.txt"
if [ "$mode" = transports ]; then
  java -cp "$jar" io.github.ikpurge.benchmarks.Report "$out"
  exit 0
fi
java -jar "$jar" EngineBenchmark "${jmh[@]}" -prof gc -rf json -rff "$out/engine.json"
java -jar "$jar" AwaitBenchmark "${await[@]}" -rf json -rff "$out/await.json"
java -cp "$jar" io.github.ikpurge.benchmarks.BulkPurgeBenchmark "${bulk[@]}" \
  | tee "$out/bulk-purge.txt"

for module in core transport-jdk transport-apache transport-feign; do
  mvn -q -B dependency:build-classpath -pl "$module" -DincludeScope=runtime \
    -Dmdep.outputFile="$PWD/$out/cp-${module#transport-}.txt"
done
java -cp "$jar" io.github.ikpurge.benchmarks.Footprint "$out" \
  core=core/target/ikpurge-core-0.1.0-SNAPSHOT.jar \
  jdk=transport-jdk/target/ikpurge-transport-jdk-0.1.0-SNAPSHOT.jar \
  apache=transport-apache/target/ikpurge-transport-apache-0.1.0-SNAPSHOT.jar \
  feign=transport-feign/target/ikpurge-transport-feign-0.1.0-SNAPSHOT.jar \
  | tee "$out/footprint.txt"

java -cp "$jar" io.github.ikpurge.benchmarks.Report "$out"
