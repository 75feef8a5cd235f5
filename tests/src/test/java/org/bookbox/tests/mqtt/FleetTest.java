package org.bookbox.tests.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinylog.Logger;

/**
 * Two hundred boxes in one JVM (no global state; one Vert.x, one scheduler, one Pi4J mock context)
 * ride out a 30 s broker outage: every event of every box's journal arrives, gap-free by seq and
 * never under two ids, and the reconnects after the outage are spread by the jitter, which is
 * measured here rather than assumed. The thousand-box run is {@code benchmarks/fleet.sh}.
 */
class FleetTest {

    static final int AGENTS = 200;

    @TempDir
    Path dir;

    @Test
    void twoHundredBoxesRideOutABrokerOutage() throws Exception {
        FleetRun.Result r = new FleetRun(dir, AGENTS, Duration.ofSeconds(30)).run();
        assertEquals(AGENTS, r.reconnectMs().size());
        Logger.info("fleet of {}: {} events, reconnects first {} ms, median {} ms, last {} ms; {} threads; per agent {} KiB heap, {} KiB RSS",
                AGENTS, r.events(), r.reconnectMs().getFirst(), r.reconnectMs().get(AGENTS / 2), r.reconnectMs().getLast(), r.osThreads(),
                r.heapPerAgent() / 1024, r.rssPerAgent() / 1024);
        // five returns-or-more per box: boot, three returns, a forced door and its count
        assertTrue(r.events() >= AGENTS * 5L, r.events() + " events");
        // full jitter after 30 s of doubling back-off: the attempts fall across tens of seconds, not in one burst
        assertTrue(r.spreadMs() >= 5_000, "reconnects spread over " + r.spreadMs() + " ms");
        assertTrue(r.histogram(1000).size() >= 10, "reconnects fall in " + r.histogram(1000).size() + " distinct seconds");
        assertTrue(r.histogram(1000).values().stream().allMatch(n -> n <= AGENTS / 4), "no second takes a quarter of the fleet: " + r.histogram(1000));
    }
}
