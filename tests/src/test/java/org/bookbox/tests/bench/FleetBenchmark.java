package org.bookbox.tests.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.bookbox.tests.mqtt.FleetRun;

/**
 * A thousand boxes in one JVM ride out a 30 s Mosquitto outage ({@link FleetRun}): every event arrives
 * gap-free under one id; prints the reconnect histogram, the memory per agent and the threads.
 * Run with {@code benchmarks/fleet.sh [agents] [outage seconds]}.
 */
public final class FleetBenchmark {

    public static void main(String[] args) throws Exception {
        int agents = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        Duration outage = Duration.ofSeconds(args.length > 1 ? Integer.parseInt(args[1]) : 30);
        Path dir = Files.createTempDirectory("bookbox-fleet");
        FleetRun.Result r = new FleetRun(dir, agents, outage).run();
        System.out.printf("fleet of %d boxes (a nest with two doors and three antennas, a drop box), %d s broker outage: "
                        + "all %d events delivered gap-free, none under two ids%n", agents, outage.toSeconds(), r.events());
        System.out.printf("started in %d ms; every event delivered %d ms after the broker came back%n", r.startAll().toMillis(),
                r.deliverAfterBack().toMillis());
        System.out.printf("memory per agent: %d KiB of heap (after GC), %d KiB of RSS; %d OS threads in the JVM%n",
                r.heapPerAgent() / 1024, r.rssPerAgent() / 1024, r.osThreads());
        System.out.printf("reconnects after the broker came back: first %d ms, median %d ms, 90%% %d ms, last %d ms%n",
                r.reconnectMs().getFirst(), r.reconnectMs().get(agents / 2), r.reconnectMs().get(agents * 9 / 10), r.reconnectMs().getLast());
        System.out.println("reconnects per 5 s after the broker came back:");
        for (Map.Entry<Long, Integer> e : r.histogram(5000).entrySet()) {
            System.out.printf("  %3d-%3d s %5d %s%n", e.getKey() / 1000, e.getKey() / 1000 + 5, e.getValue(),
                    "#".repeat(Math.max(1, e.getValue() * 60 / agents)));
        }
        System.out.printf("machine: %d cores, %s, Java %s, max heap %d MiB%n", Runtime.getRuntime().availableProcessors(), ScanToLockBenchmark.cpu(),
                System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20);
        System.exit(0);
    }
}
