#!/usr/bin/env bash
# JMH micro-benchmarks of the hot paths (tests/src/test/java/org/bookbox/tests/bench/jmh): tag decoding,
# Ed25519 verification of a token, the outbox's envelope splice beside a JSON object built and encoded.
#   benchmarks/jmh.sh [JMH options, e.g. -f 1 -wi 3 -i 5]
exec "$(dirname "$0")/run.sh" Jmh "$@"
