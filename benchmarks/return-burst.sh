#!/usr/bin/env bash
# A burst of returns through the simulated drop box, journaled durably, beside a bare sqlite-jdbc loop.
#   benchmarks/return-burst.sh [returns] [books per stack]
exec "$(dirname "$0")/run.sh" ReturnBurstBenchmark "$@"
