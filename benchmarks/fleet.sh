#!/usr/bin/env bash
# A fleet of simulated boxes in one JVM rides out a Mosquitto outage: reconnect histogram, memory per agent.
#   benchmarks/fleet.sh [agents, default 1000] [outage seconds, default 30]
exec "$(dirname "$0")/run.sh" FleetBenchmark "$@"
