#!/usr/bin/env bash
# The agent's footprint with the production flags, on the simulated box, beside a bare JVM with the
# same flags in the same run: steady RSS after a mixed workload (scans, door sessions, returns),
# threads, idle CPU over 30 s, and the time from launch to READY=1 (socat as the notify socket).
# Run after ./dev build:   benchmarks/footprint.sh [flags...]
# Without flags it uses the unit's own (ExecStart's JVM flags and Environment=MALLOC_ARENA_MAX).
set -euo pipefail
cd "$(dirname "$0")/.."
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
flags=("$@")
if [ ${#flags[@]} -eq 0 ]; then
  read -r -a flags <<< "$(benchmarks/unit-flags.sh)"
  export MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-$(sed -n 's#^Environment=MALLOC_ARENA_MAX=##p' systemd/bookbox.service)}
fi
tmp=$(mktemp -d); trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$tmp"' EXIT
sed "s#^data_dir: .*#data_dir: $tmp/data#; s#^  port: .*#  port: 18081#; s#: \.\./keys/#: $PWD/examples/keys/#; s#^profile: .*#profile: $PWD/examples/sim/profile.yaml#" \
  examples/sim/agent.yaml > "$tmp/agent.yaml"
rss() { awk '/VmRSS/ { print int($2 / 1024) }' "/proc/$1/status"; }
threads() { awk '/Threads/ { print $2 }' "/proc/$1/status"; }
ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }

# the bare baseline: the same JVM and flags, doing nothing
cat > "$tmp/Idle.java" <<'JAVA'
public class Idle { public static void main(String[] a) throws Exception { Thread.sleep(120_000); } }
JAVA
"${java%java}javac" -d "$tmp" "$tmp/Idle.java"
"$java" "${flags[@]}" -cp "$tmp" Idle & bare=$!
sleep 8
echo "bare JVM (${flags[*]}): RSS $(rss $bare) MB, $(threads $bare) threads"
kill $bare; wait $bare 2>/dev/null || true

# start to ready: from the launch to READY=1 on a notify socket of our own, as systemd would hear it (socat)
socat -u "UNIX-RECV:$tmp/notify" STDOUT > "$tmp/notified" & sleep 0.2
launched=$(date +%s%N)
NOTIFY_SOCKET="$tmp/notify" MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2} "$java" "${flags[@]}" -jar simulator/target/bookbox-simulator.jar --config "$tmp/agent.yaml" >/dev/null 2>&1 & pid=$!
until grep -q READY=1 "$tmp/notified"; do
  kill -0 $pid 2>/dev/null || { echo "the agent ended before it was ready (a JDK of 21 or newer? set JAVA_HOME)" >&2; exit 1; }
  sleep 0.005
done
ready=$(date +%s%N)
echo "agent: start to ready $(( (ready - launched) / 1000000 )) ms"
until curl -sf -o /dev/null http://127.0.0.1:18081/status; do sleep 0.05; done
api=http://127.0.0.1:18081
tool=(-cp "provisioning/target/bookbox-provision.jar:controller/target/bookbox-agent.jar:controller/target/lib/*" org.bookbox.provisioning.ProvisionTool)
token() { "$java" "${tool[@]}" token --key examples/keys/demo-signer.jwk --iss demo-consortium --sub "patron-$1" --act exchange --ttl 600; }
for i in $(seq 1 20); do
  curl -s -X POST "$api/sim/units/park-nest/antennas/left-1/tags" -d "{\"item\": \"$((1000 + i))\", \"owner\": \"DE-705\"}" >/dev/null
  curl -s -X POST "$api/sim/units/park-nest/scan" --data-binary "$(token $i)" >/dev/null
  sleep 0.2
  curl -s -X POST "$api/sim/units/park-nest/doors/left/open" >/dev/null
  curl -s -X POST "$api/sim/units/park-nest/doors/left/close" >/dev/null
  curl -s -X POST "$api/sim/units/entrance-return/chute" -d "{\"items\": [{\"item\": \"R$i\", \"owner\": \"DE-705\"}], \"dwell_ms\": 200}" >/dev/null
  sleep 0.5
done
curl -s "$api/events?after=0&limit=1000" >/dev/null
sleep 10
t0=$(ticks $pid); sleep 30; t1=$(ticks $pid)
hz=$(getconf CLK_TCK)
echo "agent (${flags[*]}, MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2}) after 20 sessions and 20 returns: RSS $(rss $pid) MB, $(threads $pid) threads, idle CPU $(awk -v t=$((t1 - t0)) -v hz="$hz" 'BEGIN { printf "%.2f", 100 * t / hz / 30 }')% of a core"
kill -TERM $pid; wait $pid 2>/dev/null || true
