#!/usr/bin/env bash
# JMH micro-benchmarks of the hot paths (tests/src/test/java/org/bookbox/tests/bench/jmh): tag decoding,
# Ed25519 verification of a token, the outbox's envelope splice beside a JSON object built and encoded.
#   benchmarks/jmh.sh [JMH options, e.g. -f 1 -wi 3 -i 5]
set -euo pipefail
cd "$(dirname "$0")/.."
source <(sed -n '/^java_major()/,/^}/p; /^find_jdk()/,/^}/p' dev)
JAVA_HOME=$(find_jdk) || { echo "needs a JDK of 21 or newer" >&2; exit 1; }
export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"
if [ "$(java_major "$JAVA_HOME")" -ge 24 ]; then export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"; fi
mvn -B -q -DskipTests install
mvn -B -q -pl tests dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
exec java -Dbookbox.repo="$PWD" -cp "tests/target/test-classes:$(cat tests/target/bench.classpath)" org.openjdk.jmh.Main \
  -jvmArgs "-Dbookbox.repo=$PWD" "org.bookbox.tests.bench.jmh.*" "$@"
