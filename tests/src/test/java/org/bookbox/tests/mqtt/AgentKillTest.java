package org.bookbox.tests.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.bookbox.controller.journal.Journal;
import org.bookbox.controller.journal.RecordedEvent;
import org.bookbox.simulator.SimulatorMain;
import org.bookbox.tests.AgentFiles;
import org.bookbox.tests.ChildJvmStarter;
import org.bookbox.tests.ChildJvmSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent as a process, killed with SIGKILL in the middle of flushing a backlog: the broker
 * publishes its will, and after a restart every event reaches the backend with the id it was
 * recorded with.
 */
class AgentKillTest {

    static final int BACKLOG = 5000;

    @TempDir
    Path dir;

    @Test
    void aSigkillMidFlushLosesNothingAndMintsNoNewId() throws Exception {
        try (TestBroker broker = TestBroker.of(TestBroker.available().get(TestBroker.available().size() - 1), dir.resolve("broker"));
             Subscriber backend = new Subscriber(broker, "consortium/demo-consortium/device/kill-box/#")) {
            Path data = dir.resolve("data");
            Files.createDirectories(data);
            try (Journal j = Journal.open(data, Clock.systemUTC(), () -> true)) {
                for (int i = 0; i < BACKLOG; i++) {
                    j.append("return", new JsonObject().put("unit", "entrance-return").put("bin", "local").put("security", "set")
                            .put("item", new JsonObject().put("id", "B" + i).put("owner", "DE-705").put("uid", String.format("e0040100%08x", i))));
                }
            }
            Path config = AgentFiles.config(dir, "kill-box", broker.url().toString(), data,
                    "{ max_inflight: 20, reconnect_min_ms: 50, reconnect_max_ms: 500, keepalive_s: 5 }");

            Process first = ChildJvmStarter.start(SimulatorMain.class, "--simulate", "--config", config.toString());
            ChildJvmSupport.await("part of the backlog delivered", 60, () -> backend.events().size() >= 1000);
            first.destroyForcibly();
            assertTrue(first.waitFor(30, TimeUnit.SECONDS));
            int before = backend.events().size();
            assertTrue(before < BACKLOG, "killed mid-flush: " + before + " of " + BACKLOG + " delivered");
            ChildJvmSupport.await("the will", 30, () -> backend.received().stream()
                    .anyMatch(r -> r.topic().endsWith("/status") && !r.json().getBoolean("online")));

            Process second = ChildJvmStarter.start(SimulatorMain.class, "--simulate", "--config", config.toString());
            long[] last = new long[1];
            ChildJvmSupport.await("everything delivered after the restart", 120, () -> {
                Map<Long, String> seen = bySeq(backend.events());
                return seen.size() >= BACKLOG + 2 && seen.keySet().stream().mapToLong(Long::longValue).max().orElse(0) == seen.size();
            });
            second.destroy();
            assertTrue(second.waitFor(30, TimeUnit.SECONDS));
            try (Journal j = Journal.open(data, Clock.systemUTC(), () -> true)) {
                Map<Long, String> seen = bySeq(backend.events());
                List<RecordedEvent> all = j.readAfter(0, 1_000_000);
                for (RecordedEvent e : all) {
                    if (seen.containsKey(e.seq())) {
                        assertEquals(e.id(), seen.get(e.seq()), "seq " + e.seq() + " keeps its id");
                    }
                }
                for (long s = 1; s <= BACKLOG; s++) {
                    assertTrue(seen.containsKey(s), "seq " + s + " reached the backend");
                }
                last[0] = j.lastSeq();
            }
            assertTrue(last[0] > BACKLOG);
        }
    }

    /** seq -> id; fails if one seq ever arrived with two ids. */
    static Map<Long, String> bySeq(List<JsonObject> events) {
        Map<Long, String> out = new HashMap<>();
        for (JsonObject e : events) {
            String prior = out.putIfAbsent(e.getLong("seq"), e.getString("id"));
            if (prior != null && !prior.equals(e.getString("id"))) {
                throw new AssertionError("seq " + e.getLong("seq") + " under two ids");
            }
        }
        return out;
    }

}
