#!/usr/bin/env bash
# Runs a benchmark main class of tests/src/test/java/org/bookbox/tests/bench on the project's classpath.
#   benchmarks/run.sh ScanToLockBenchmark [args]
#   BENCH_LOG=info sets the log level; BENCH_JAVA_OPTS adds JVM options (-Dbench.uplink=false: scan-to-lock without its broker)
set -euo pipefail
cd "$(dirname "$0")/.."
source <(sed -n '/^java_major()/,/^}/p; /^find_jdk()/,/^}/p' dev)
JAVA_HOME=$(find_jdk) || { echo "needs a JDK of 21 or newer" >&2; exit 1; }
export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"
if [ "$(java_major "$JAVA_HOME")" -ge 24 ]; then export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"; fi
name=$1; shift
mvn -B -q -DskipTests install
mvn -B -q -pl tests dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
exec java ${BENCH_JAVA_OPTS:-} --enable-native-access=ALL-UNNAMED -Dbookbox.repo="$PWD" -Dtinylog.writer.level=${BENCH_LOG:-warn} \
  -cp "tests/target/test-classes:$(cat tests/target/bench.classpath)" "org.bookbox.tests.bench.$name" "$@"
