#!/usr/bin/env bash
# Scan-to-lock latency on the simulated board (token check and the session note spending the jti included),
# beside a bare durable insert at the same pace.
#   benchmarks/scan-to-lock.sh [warm-up scans] [measured scans] [ms of rest before each scan and before its bare insert]
exec "$(dirname "$0")/run.sh" ScanToLockBenchmark "$@"
