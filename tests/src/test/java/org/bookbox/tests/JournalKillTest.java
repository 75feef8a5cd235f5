package org.bookbox.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.bookbox.controller.journal.Journal;
import org.bookbox.controller.journal.RecordedEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real child JVM appending to the journal is killed with SIGKILL in the middle of its writes,
 * three times over. Every event it was told is durable is there with the id it was told, seq runs
 * 1..n with no gap and no repeat, and the next append takes n+1.
 */
class JournalKillTest {

    @TempDir
    Path data;

    @Test
    void seqIsGapFreeAndAcknowledgedEventsSurviveSigkill() throws Exception {
        Map<Long, String> acknowledged = new HashMap<>();
        for (int round = 0; round < 3; round++) {
            Process child = ChildJvm.start(JournalHammer.class, data.toString());
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                String first = out.readLine();
                assertTrue(first != null && first.startsWith("open "), "child did not open the journal: " + first);
                long startedAt = Long.parseLong(first.substring(5));
                assertEquals(acknowledged.size(), startedAt, "the reopened journal continues where the last one stopped");
                // Let it write a varying number of events, then kill it mid-stream.
                int target = 150 + round * 97;
                for (int i = 0; i < target; i++) {
                    String line = out.readLine();
                    String[] parts = line.split(" ");
                    acknowledged.put(Long.parseLong(parts[0]), parts[1]);
                }
                child.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no flush
                assertTrue(child.waitFor(30, TimeUnit.SECONDS));
                assertEquals(137, child.exitValue(), "killed by SIGKILL");
            }
            try (Journal journal = Journal.open(data, Clock.systemUTC(), () -> true)) {
                List<RecordedEvent> all = journal.readAfter(0, 1_000_000);
                long last = journal.lastSeq();
                assertEquals(last, all.size(), "one event per seq handed out");
                Set<String> ids = new HashSet<>();
                for (int i = 0; i < all.size(); i++) {
                    assertEquals(i + 1, all.get(i).seq(), "no gap, no repeat");
                    assertTrue(ids.add(all.get(i).id()), "ids are unique");
                }
                for (var e : acknowledged.entrySet()) {
                    assertTrue(e.getKey() <= last, "acknowledged seq " + e.getKey() + " lost");
                    assertEquals(e.getValue(), all.get((int) (e.getKey() - 1)).id(), "seq " + e.getKey() + " keeps its id");
                }
                // An event the child wrote but had not yet reported is kept too: count what is beyond.
                for (long s = acknowledged.size() + 1; s <= last; s++) {
                    acknowledged.put(s, all.get((int) (s - 1)).id());
                }
                assertEquals(last + 1, journal.append("lifecycle", new JsonObject().put("phase", "boot")).seq());
                acknowledged.put(last + 1, journal.readAfter(last, 1).get(0).id());
            }
        }
    }
}
