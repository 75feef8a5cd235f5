#!/usr/bin/env bash
# Scan-to-lock latency on the simulated board (token check and durable jti write included).
#   benchmarks/scan-to-lock.sh [warm-up scans] [measured scans]
exec "$(dirname "$0")/run.sh" ScanToLockBenchmark "$@"
