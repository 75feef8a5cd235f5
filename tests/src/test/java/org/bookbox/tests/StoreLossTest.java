package org.bookbox.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.bookbox.controller.Agent;
import org.bookbox.controller.Await;
import org.bookbox.controller.journal.Journal;
import org.bookbox.controller.journal.RecordedEvent;
import org.bookbox.controller.lifecycle.AgentStartException;
import org.bookbox.controller.token.TokenState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store lost or damaged between two starts (issue 9, defects 13 and 14): seq is never issued twice,
 * a damaged journal is a clear refusal to start, and a used code does not open a door again.
 */
class StoreLossTest {

    @TempDir
    Path data;
    Agent agent;
    final LocalApiClient api = new LocalApiClient(() -> agent.apiPort());

    @AfterEach
    void stop() {
        if (agent != null) {
            agent.stop();
        }
    }

    long lastSeq() throws Exception {
        try (Journal j = Journal.open(data, Clock.systemUTC(), () -> true)) {
            return j.lastSeq();
        }
    }

    List<RecordedEvent> journal() throws Exception {
        try (Journal j = Journal.open(data, Clock.systemUTC(), () -> true)) {
            return j.readAfter(0, 100_000);
        }
    }

    void deleteJournal(boolean leaveEmptyFile) throws Exception {
        for (String suffix : List.of("", "-wal", "-shm")) {
            Files.deleteIfExists(data.resolve(Journal.FILE_NAME + suffix));
        }
        if (leaveEmptyFile) {
            Files.createFile(data.resolve(Journal.FILE_NAME));
        }
    }

    @Test
    void aDeletedJournalContinuesAfterTheSeqsAlreadyHandedOutWithAnAlarm() throws Exception {
        agent = SimBox.start(data);
        agent.stop();
        long before = lastSeq();
        assertTrue(before > 0);
        deleteJournal(false);
        agent = SimBox.start(data);
        agent.stop();
        List<RecordedEvent> after = journal();
        assertTrue(after.get(0).seq() > before, "seq " + after.get(0).seq() + " was handed out before");
        RecordedEvent alarm = after.stream().filter(e -> e.type().equals("alarm")).findFirst().orElseThrow();
        assertEquals("journal_reset", alarm.data().getString("kind"));
        assertTrue(alarm.data().getString("detail").contains("continues after"), alarm.data().encode());
        agent = null;
    }

    @Test
    void anEmptiedJournalFileIsTheSame() throws Exception {
        agent = SimBox.start(data);
        agent.stop();
        long before = lastSeq();
        deleteJournal(true);
        agent = SimBox.start(data);
        agent.stop();
        assertTrue(journal().get(0).seq() > before);
        assertTrue(journal().stream().anyMatch(e -> e.type().equals("alarm") && e.data().getString("kind").equals("journal_reset")));
        agent = null;
    }

    @Test
    void aJournalDamagedMidPageIsAClearStopNotASilentQueue() throws Exception {
        agent = SimBox.start(data);
        agent.stop();
        agent = null;
        try (Journal j = Journal.open(data, Clock.systemUTC(), () -> true)) {
            for (int i = 0; i < 300; i++) {
                j.append("inventory", new JsonObject().put("unit", "park-nest").put("door", "left").put("reason", "periodic")
                        .put("items", new JsonArray()).put("pad", "x".repeat(200)));
            }
            j.log().checkpoint();
        }
        try (RandomAccessFile f = new RandomAccessFile(data.resolve(Journal.FILE_NAME).toFile(), "rw")) {
            long pages = f.length() / 4096;
            assertTrue(pages > 20, "a journal of many pages");
            for (long page = pages / 2 - 2; page <= pages / 2 + 2; page++) {
                f.seek(page * 4096); // pages in the middle of the file lose their headers, as a torn write of a dying card does
                f.write(new byte[64]);
            }
        }
        AgentStartException e = assertThrows(AgentStartException.class, () -> SimBox.start(data));
        assertEquals(74, e.exitCode().code);
        assertTrue(e.getMessage().contains("is damaged"), e.getMessage());
    }

    @Test
    void aLostTokenStoreIsRebuiltFromTheJournalAndAUsedCodeStaysUsed() throws Exception {
        agent = SimBox.start(data);
        String token = SimBox.token("once-only", "patron", "exchange", new JsonObject());
        api.call("POST", "/sim/units/park-nest/scan", token);
        Await.until(() -> new JsonObject(api.call("GET", "/status", null)).getJsonArray("units").getJsonObject(1)
                .getJsonArray("doors").getJsonObject(0).getString("session").equals("unlocked"));
        api.call("POST", "/sim/units/park-nest/doors/left/open", null);
        api.call("POST", "/sim/units/park-nest/doors/left/close", null);
        Await.until(() -> !api.events("session").isEmpty());
        agent.stop();
        for (String suffix : List.of("", "-wal", "-shm")) {
            Files.deleteIfExists(data.resolve(TokenState.FILE_NAME + suffix));
        }
        agent = SimBox.start(data);
        assertTrue(api.events("alarm").stream().anyMatch(a -> a.getString("kind").equals("token_state_lost")));
        api.call("POST", "/sim/units/park-nest/scan", token);
        Await.until(() -> api.events("scan.rejected").stream().anyMatch(r -> "once-only".equals(r.getString("jti"))));
        assertEquals("replayed", api.events("scan.rejected").get(0).getString("reason"));
        assertEquals(1, api.events("session").size(), "the code opened no second door");
    }
}
