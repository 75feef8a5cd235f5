#!/usr/bin/env bash
# Runs the performance benchmarks of issue 14 and prints the rows of docs/benchmarks.md's table:
# measure | figure | baseline in the same run | ratio | target | command. Machine line last.
#   benchmarks/table.sh > /tmp/rows.md
set -euo pipefail
cd "$(dirname "$0")"
# each benchmark's whole output is kept beside the table (a failed one says why there)
out=${BENCH_OUT:-$(mktemp -d /tmp/bookbox-bench.XXXX)}
mkdir -p "$out"
echo "raw outputs in $out" >&2
./return-burst.sh 2000 10 > "$out/return-burst.txt" 2>&1
./outbox-flush.sh 100000 1000 5 > "$out/outbox-flush.txt" 2>&1
./scan-to-lock.sh 300 2000 50 > "$out/scan-to-lock.txt" 2>&1
BENCH_JAVA_OPTS= ./scan-to-lock.sh 300 2000 50 > "$out/scan-to-lock-c2.txt" 2>&1
./fleet.sh 1000 30 > "$out/fleet.txt" 2>&1
burst=$(cat "$out/return-burst.txt"); outbox=$(cat "$out/outbox-flush.txt"); lock=$(cat "$out/scan-to-lock.txt"); fleet=$(cat "$out/fleet.txt")
c2=$(cat "$out/scan-to-lock-c2.txt")
num() { grep -E "$1" <<<"$2" | grep -oE "$3" | head -1 | sed -E 's/^p[0-9]+ //' | grep -oE '[0-9.]+' | head -1; }
e2e=$(num 'through the simulated chute' "$burst" '[0-9]+ returns/s')
jp=$(num 'journal.s writer' "$burst" '[0-9]+ returns/s')
tx=$(num 'journal.s writer' "$burst" '[0-9]+ transactions')
bare=$(num '^bare sqlite' "$burst" '[0-9]+ rows/s')
ob=$(num '^outbox:' "$outbox" '[0-9]+ events/s')
pb=$(num '^bare Paho' "$outbox" '[0-9]+ messages/s')
p99=$(num 'scan-to-lock over' "$lock" 'p99 [0-9.]+')
p50=$(num 'scan-to-lock over' "$lock" 'p50 [0-9.]+')
ip99=$(num "^bare durable insert.*at the scans' pace" "$lock" 'p99 [0-9.]+')
bp99=$(num '^bare durable insert back to back' "$lock" 'p99 [0-9.]+')
gc=$(grep -m1 '^GC while' <<<"$lock" | sed -E 's/^GC while the scans were measured: //')
jit=$(num '^JIT compiling' "$lock" '[0-9]+ ms')
c2p99=$(num 'scan-to-lock over' "$c2" 'p99 [0-9.]+'); c2p50=$(num 'scan-to-lock over' "$c2" 'p50 [0-9.]+')
c2ip99=$(num "^bare durable insert.*at the scans' pace" "$c2" 'p99 [0-9.]+')
c2gc=$(grep -m1 '^GC while' <<<"$c2" | sed -E 's/^GC while the scans were measured: //'); c2jit=$(num '^JIT compiling' "$c2" '[0-9]+ ms')
events=$(num '^fleet of' "$fleet" 'all [0-9]+ events')
heap=$(num '^memory per agent' "$fleet" '[0-9]+ KiB of heap')
rss=$(num '^memory per agent' "$fleet" '[0-9]+ KiB of RSS')
threads=$(num '^memory per agent' "$fleet" '[0-9]+ OS threads')
first=$(num '^reconnects after' "$fleet" 'first [0-9]+'); median=$(num '^reconnects after' "$fleet" 'median [0-9]+')
last=$(num '^reconnects after' "$fleet" 'last [0-9]+'); deliver=$(num '^started in' "$fleet" 'delivered [0-9]+')
pct() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.0f%%", 100 * a / b }'; }
times() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1fx", a / b }'; }
echo "| return burst, through the simulated chute (2000 returns, stacks of 10, after a warm-up burst) | $e2e returns/s | bare insert loop $bare rows/s | $(pct "$e2e" "$bare") | >= 50% | \`benchmarks/return-burst.sh 2000 10\` |"
echo "| return burst, the journal's part (notes and returns, group commit) | $jp returns/s, $tx transactions | bare insert loop $bare rows/s | $(pct "$jp" "$bare") | >= 50% | same run |"
echo "| outbox flush of 100,000 events, window 1000 (medians of 5 rounds, order alternating, after a first run of each warmed the JVM) | $ob events/s | bare Paho QoS 1 loop $pb messages/s | $(pct "$ob" "$pb") | >= 80% | \`benchmarks/outbox-flush.sh 100000 1000 5\` |"
echo "| scan-to-lock, the unit's JVM flags (as a box runs: C1 only, serial GC, 48 MB heap), 2000 scans after 300 warm-up, each to a box at rest (50 ms after the last session settled), uplink to Mosquitto (p50 $p50 ms; GC: $gc; JIT: $jit ms while measured) | p99 $p99 ms | bare durable insert at the same pace, in the same loop, p99 $ip99 ms | $(times "$p99" "$ip99") | <= 3x | \`benchmarks/scan-to-lock.sh 300 2000 50\` |"
echo "| scan-to-lock against bare inserts back to back (an fsync at its cheapest: the disk busy, never idle) | p99 $p99 ms | bare durable insert back to back p99 $bp99 ms | $(times "$p99" "$bp99") | - | same run |"
echo "| scan-to-lock, the JVM's defaults (C2, G1), the same scans (p50 $c2p50 ms; GC: $c2gc; JIT: $c2jit ms while measured) | p99 $c2p99 ms | bare durable insert at the same pace, p99 $c2ip99 ms | $(times "$c2p99" "$c2ip99") | - | \`BENCH_JAVA_OPTS= benchmarks/scan-to-lock.sh 300 2000 50\` |"
echo "| fleet of 1,000 boxes in one JVM, 30 s Mosquitto outage | all $events events delivered gap-free, none under two ids, ${deliver} ms after the broker came back | - | - | every event | \`benchmarks/fleet.sh 1000 30\` |"
echo "| fleet of 1,000: reconnects after the outage | first $first ms, median $median ms, last $last ms | - | - | spread by the jitter | same run |"
echo "| fleet of 1,000: memory per agent, threads | $heap KiB heap, $rss KiB RSS; $threads OS threads in all | - | - | measured | same run |"
grep -m1 '^machine' <<<"$lock"
echo
sed -n '/^reconnects per 5 s/,/^machine/p' <<<"$fleet" | grep -v '^machine'
