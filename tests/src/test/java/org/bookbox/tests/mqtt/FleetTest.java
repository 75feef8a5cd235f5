package org.bookbox.tests.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.bookbox.controller.Agent;
import org.bookbox.controller.config.AgentConfig;
import org.bookbox.controller.config.AgentConfigLoader;
import org.bookbox.controller.profile.ProfileLoader;
import org.bookbox.simulator.SimulatedBoard;
import org.bookbox.tests.ChildJvmSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinylog.Logger;

/**
 * A hundred agents with simulated boards in one JVM (no global state) against one broker. The
 * broker goes away for a while and comes back: every agent's events arrive, gap-free by seq, and
 * the reconnects are spread out by the jitter, which is measured here rather than assumed.
 */
class FleetTest {

    static final int AGENTS = 100;
    static final int BEFORE = 5;
    static final int DURING = 10;

    @TempDir
    Path dir;

    @Test
    void aHundredBoxesRideOutABrokerOutage() throws Exception {
        Path profile = dir.resolve("profile.yaml");
        Files.writeString(profile, """
                units:
                  - name: lockers
                    kind: locker
                    scanner: evdev:/dev/input/event0
                    doors:
                      - name: "01"
                        lock: { address: gpio:12, pulse_ms: 500 }
                        sensor: gpio:13
                """);
        String kind = TestBroker.available().get(TestBroker.available().size() - 1);
        Vertx loops = Vertx.vertx();
        List<Agent> fleet = new ArrayList<>();
        try (TestBroker broker = TestBroker.of(kind, dir.resolve("broker"));
             Subscriber backend = new Subscriber(broker, "consortium/demo-consortium/device/+/event/#")) {
            AgentConfig base = AgentConfigLoader.load(ChildJvmSupport.repo().resolve("examples/sim/agent.yaml"));
            AgentConfig.Uplink uplink = new AgentConfig.Uplink(true, 50, 30, Duration.ofMillis(250), Duration.ofSeconds(4), Duration.ofDays(30), 1);
            for (int i = 0; i < AGENTS; i++) {
                AgentConfig c = base.withDeviceId(String.format("fleet-%03d", i)).withDataDir(dir.resolve("agent-" + i)).withApiPort(0)
                        .withBroker(broker.url(), uplink);
                Agent a = new Agent(c, ProfileLoader.load(profile), new SimulatedBoard(), Clock.systemUTC(), () -> true, loops);
                a.start();
                fleet.add(a);
            }
            for (Agent a : fleet) {
                append(a, BEFORE);
            }
            ChildJvmSupport.await("first events of every box", 120, () -> backend.events().size() >= AGENTS * (1 + BEFORE));

            broker.stop();
            ChildJvmSupport.await("every box notices", 60, () -> fleet.stream().noneMatch(a -> a.uplink().orElseThrow().connected()));
            for (Agent a : fleet) {
                append(a, DURING);
            }
            Thread.sleep(3000); // the outage: several back-off rounds
            Instant back = Instant.now();
            broker.start();
            ChildJvmSupport.await("every box back", 120, () -> fleet.stream().allMatch(a -> a.uplink().orElseThrow().connected()));
            ChildJvmSupport.await("every event of every box", 180, () -> distinctPerDevice(backend).values().stream()
                    .mapToInt(Set::size).sum() == AGENTS * (1 + BEFORE + DURING));

            Map<String, Set<Long>> perDevice = distinctPerDevice(backend);
            assertEquals(AGENTS, perDevice.size());
            for (var e : perDevice.entrySet()) {
                Set<Long> seqs = e.getValue();
                assertEquals(1 + BEFORE + DURING, seqs.size(), e.getKey());
                assertEquals(seqs.size(), ((TreeSet<Long>) seqs).last(), e.getKey() + " gap-free from 1");
            }

            // how the reconnects after the outage spread
            List<Long> ms = new ArrayList<>();
            for (Agent a : fleet) {
                List<Instant> connects = a.uplink().orElseThrow().connects();
                ms.add(Duration.between(back, connects.get(connects.size() - 1)).toMillis());
            }
            ms.sort(Long::compare);
            Set<Long> buckets = new TreeSet<>();
            ms.forEach(m -> buckets.add(m / 100));
            long spread = ms.get(ms.size() - 1) - ms.get(0);
            Logger.info("reconnects after the outage: first {} ms, median {} ms, last {} ms, spread {} ms over {} buckets of 100 ms",
                    ms.get(0), ms.get(ms.size() / 2), ms.get(ms.size() - 1), spread, buckets.size());
            assertTrue(spread >= 500, "reconnects spread over " + spread + " ms");
            assertTrue(buckets.size() >= 5, "reconnects fall in " + buckets.size() + " distinct 100 ms slots");
        } finally {
            fleet.forEach(Agent::stop);
            loops.close();
        }
    }

    static void append(Agent a, int n) throws Exception {
        for (int i = 0; i < n; i++) {
            a.journal().append("alarm", new JsonObject().put("kind", "tamper").put("unit", "lockers").put("door", null).put("active", i % 2 == 0)
                    .put("detail", "fleet test " + i));
        }
        a.uplink().orElseThrow().wake();
    }

    static Map<String, Set<Long>> distinctPerDevice(Subscriber backend) {
        Map<String, Set<Long>> out = new HashMap<>();
        for (JsonObject e : backend.events()) {
            out.computeIfAbsent(e.getString("source"), s -> new TreeSet<>()).add(e.getLong("seq"));
        }
        return out;
    }
}
