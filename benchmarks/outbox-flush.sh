#!/usr/bin/env bash
# A journaled backlog flushed to a local broker, beside a bare Paho QoS 1 loop with the same window.
#   benchmarks/outbox-flush.sh [events] [in-flight window] [rounds after the warm-up, median reported]
exec "$(dirname "$0")/run.sh" OutboxFlushBenchmark "$@"
