#!/usr/bin/env bash
# Scan-to-lock latency on the simulated board (token check and the session note spending the jti included),
# beside a bare durable insert at the same pace, in one JVM run with the unit's own JVM flags (as a box runs:
# C1 only, serial GC, a 48 MB heap; benchmarks/unit-flags.sh). BENCH_JAVA_OPTS replaces them: set it empty
# for the JVM's defaults (C2, G1).
#   benchmarks/scan-to-lock.sh [warm-up scans] [measured scans] [ms of rest before each scan and before its bare insert]
BENCH_JAVA_OPTS=${BENCH_JAVA_OPTS-$("$(dirname "$0")/unit-flags.sh")} exec "$(dirname "$0")/run.sh" ScanToLockBenchmark "$@"
