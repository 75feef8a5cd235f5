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
./fleet.sh 1000 30 > "$out/fleet.txt" 2>&1
burst=$(cat "$out/return-burst.txt"); outbox=$(cat "$out/outbox-flush.txt"); lock=$(cat "$out/scan-to-lock.txt"); fleet=$(cat "$out/fleet.txt")
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
echo "| scan-to-lock, 2000 scans after 300 warm-up, each to a box at rest (50 ms after the last session settled), uplink to Mosquitto (p50 $p50 ms; GC: $gc) | p99 $p99 ms | bare durable insert at the same pace, in the same loop, p99 $ip99 ms | $(times "$p99" "$ip99") | <= 3x | \`benchmarks/scan-to-lock.sh 300 2000 50\` |"
echo "| scan-to-lock against bare inserts back to back (an fsync at its cheapest: the disk busy, never idle) | p99 $p99 ms | bare durable insert back to back p99 $bp99 ms | $(times "$p99" "$bp99") | - | same run |"
echo "| fleet of 1,000 boxes in one JVM, 30 s Mosquitto outage | all $events events delivered gap-free, none under two ids, ${deliver} ms after the broker came back | - | - | every event | \`benchmarks/fleet.sh 1000 30\` |"
echo "| fleet of 1,000: reconnects after the outage | first $first ms, median $median ms, last $last ms | - | - | spread by the jitter | same run |"
echo "| fleet of 1,000: memory per agent, threads | $heap KiB heap, $rss KiB RSS; $threads OS threads in all | - | - | measured | same run |"
grep -m1 '^machine' <<<"$lock"
echo
sed -n '/^reconnects per 5 s/,/^machine/p' <<<"$fleet" | grep -v '^machine'
