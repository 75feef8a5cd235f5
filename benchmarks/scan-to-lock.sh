#!/usr/bin/env bash
# Scan-to-lock latency on the simulated board (token check and durable jti write included).
#   benchmarks/scan-to-lock.sh [warm-up scans] [measured scans]
set -euo pipefail
cd "$(dirname "$0")/.."
source <(sed -n '/^java_major()/,/^}/p; /^find_jdk()/,/^}/p' dev)
JAVA_HOME=$(find_jdk) || { echo "needs a JDK of 21 or newer" >&2; exit 1; }
export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"
[ "$(java_major "$JAVA_HOME")" -ge 24 ] && export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
mvn -B -q -DskipTests install
mvn -B -q -pl tests dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
exec java --enable-native-access=ALL-UNNAMED -Dbookbox.repo="$PWD" \
  -cp "tests/target/test-classes:$(cat tests/target/bench.classpath)" org.bookbox.tests.bench.ScanToLockBenchmark "$@"
