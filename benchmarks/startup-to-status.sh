#!/usr/bin/env bash
# How long from launching the agent's JVM (simulated board) to the first 200 from GET /status.
# Run after ./dev build:   benchmarks/startup-to-status.sh [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
sed "s#^data_dir: .*#data_dir: $tmp/data#; s#^  port: .*#  port: 18080#; s#: \.\./keys/#: $PWD/examples/keys/#; s#^profile: .*#profile: $PWD/examples/sim/profile.yaml#" \
  examples/sim/agent.yaml > "$tmp/agent.yaml"
for i in $(seq "$runs"); do
  t0=$(date +%s%N)
  "$java" -jar simulator/target/bookbox-simulator.jar --config "$tmp/agent.yaml" >/dev/null 2>&1 &
  pid=$!
  until curl -sf -o /dev/null http://127.0.0.1:18080/status; do sleep 0.01; done
  t1=$(date +%s%N)
  echo "run $i: status answered $(( (t1 - t0) / 1000000 )) ms after launch"
  kill -TERM "$pid"; wait "$pid" || true
done
