package org.bookbox.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bookbox.controller.Await;
import org.bookbox.controller.journal.Journal;
import org.bookbox.controller.journal.RecordedEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A door session under way when the agent stops (issue 9, defect 3): a clean stop ends it
 * {@code aborted} before the shutdown event; a SIGKILL leaves its note, and the next start ends it
 * {@code aborted} with the shelves as counted then.
 */
class SessionStopTest {

    @TempDir
    Path dir;

    /** The simulated box as a process, and its API. */
    record Box(Process process, LocalApiClient api) {
    }

    Box start(Path config) throws Exception {
        ChildJvmStarter.Agent agent = ChildJvmStarter.agent("--simulate", "--config", config.toString());
        return new Box(agent.process(), new LocalApiClient(agent::port));
    }

    Path config() throws Exception {
        return AgentFiles.config(dir, "stop-test", "tcp://127.0.0.1:1883", dir.resolve("data"), "{ enabled: false }");
    }

    /** Puts a book on the left shelf, scans a patron's token and opens the left door. */
    void openASession(LocalApiClient api, String jti) throws Exception {
        api.call("POST", "/sim/units/park-nest/antennas/left-1/tags", "{\"item\": \"1001\", \"owner\": \"DE-705\"}");
        api.call("POST", "/units/park-nest/inventory?door=left", null);
        Await.until(() -> api.events("inventory").stream().anyMatch(i -> i.getString("reason").equals("requested")));
        api.call("POST", "/sim/units/park-nest/scan", SimBox.token(jti, "patron", "exchange", new JsonObject()));
        Await.until(() -> new JsonObject(api.call("GET", "/status", null)).getJsonArray("units").getJsonObject(1)
                .getJsonArray("doors").getJsonObject(0).getString("session").equals("unlocked"));
        api.call("POST", "/sim/units/park-nest/doors/left/open", null);
    }

    List<RecordedEvent> journal() throws Exception {
        try (Journal j = Journal.open(dir.resolve("data"), Clock.systemUTC(), () -> true)) {
            return j.readAfter(0, 10_000);
        }
    }

    @Test
    void aCleanStopEndsTheOpenSessionAbortedBeforeTheShutdown() throws Exception {
        Box box = start(config());
        openASession(box.api(), "stop-1");
        box.process().destroy(); // SIGTERM
        assertTrue(box.process().waitFor(30, TimeUnit.SECONDS));
        List<RecordedEvent> events = journal();
        List<RecordedEvent> sessions = events.stream().filter(e -> e.type().equals("session")).toList();
        assertEquals(1, sessions.size());
        JsonObject s = sessions.get(0).data();
        assertEquals("aborted", s.getString("outcome"));
        assertEquals("stop-1", s.getJsonObject("actor").getString("jti"));
        assertEquals(new JsonArray().add("agent_stopped"), s.getJsonArray("violations"));
        assertEquals("shutdown", events.get(events.size() - 1).data().getString("phase"));
        // nothing more at the next start: the session is settled
        Box again = start(config());
        Await.until(() -> again.api().events("inventory").size() >= 2);
        again.process().destroy();
        assertTrue(again.process().waitFor(30, TimeUnit.SECONDS));
        assertEquals(1, journal().stream().filter(e -> e.type().equals("session")).count());
    }

    @Test
    void aSessionOpenAtACrashEndsAbortedAtTheNextStartCountedThen() throws Exception {
        Box box = start(config());
        openASession(box.api(), "crash-1");
        box.process().destroyForcibly(); // SIGKILL: no shutdown hook
        assertTrue(box.process().waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, journal().stream().filter(e -> e.type().equals("session")).count());

        Box again = start(config()); // the simulated shelves start empty: the book is gone
        Await.until(() -> !again.api().events("session").isEmpty());
        JsonObject s = again.api().events("session").get(0);
        assertEquals("aborted", s.getString("outcome"));
        assertEquals("crash-1", s.getJsonObject("actor").getString("jti"));
        assertEquals("1001", s.getJsonArray("taken").getJsonObject(0).getString("id"));
        assertEquals(new JsonArray().add("agent_stopped"), s.getJsonArray("violations"));
        again.process().destroy();
        assertTrue(again.process().waitFor(30, TimeUnit.SECONDS));
    }
}
