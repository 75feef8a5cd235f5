package org.bookbox.controller.journal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bookbox.controller.store.JournalException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {

    @TempDir
    Path dir;

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-24T09:15:02.481Z"), ZoneOffset.UTC);

    @Test
    void durabilitySettingsAreInForce() throws Exception {
        try (Journal j = Journal.open(dir, clock, () -> true)) {
            assertEquals("wal", j.pragma("journal_mode"));
            assertEquals("2", j.pragma("synchronous"), "2 is FULL");
            assertEquals(String.valueOf(Schema.latest()), j.pragma("user_version"));
        }
    }

    @Test
    void seqStartsAtOneAndContinuesAcrossReopening() throws Exception {
        try (Journal j = Journal.open(dir, clock, () -> true)) {
            assertEquals(0, j.lastSeq());
            assertEquals(1, j.append("lifecycle", new JsonObject().put("phase", "boot")).seq());
            assertEquals(2, j.append("lifecycle", new JsonObject().put("phase", "shutdown")).seq());
        }
        try (Journal j = Journal.open(dir, clock, () -> true)) {
            assertEquals(2, j.lastSeq());
            RecordedEvent third = j.append("return", new JsonObject().put("unit", "u"));
            assertEquals(3, third.seq());
            List<RecordedEvent> all = j.readAfter(0, 10);
            assertEquals(List.of(1L, 2L, 3L), all.stream().map(RecordedEvent::seq).toList());
            assertEquals("shutdown", all.get(1).data().getString("phase"));
            assertEquals(third.id(), all.get(2).id());
            assertEquals(3, j.unacknowledged());
        }
    }

    @Test
    void idsAreUniqueVersion7Uuids() throws Exception {
        Set<String> ids = new HashSet<>();
        try (Journal j = Journal.open(dir, Clock.systemUTC(), () -> true)) {
            for (int i = 0; i < 200; i++) {
                String id = j.append("alarm", new JsonObject()).id();
                assertEquals(7, UUID.fromString(id).version());
                assertEquals(2, UUID.fromString(id).variant());
                ids.add(id);
            }
        }
        assertEquals(200, ids.size());
    }

    @Test
    void anEventRecordedOnAnUnsyncedClockSaysSo() throws Exception {
        AtomicBoolean synced = new AtomicBoolean(false);
        try (Journal j = Journal.open(dir, clock, synced::get)) {
            RecordedEvent e = j.append("return", new JsonObject());
            assertTrue(e.clockUnsynced());
            JsonObject ce = e.toCloudEvent("urn:bookbox:c:d");
            assertEquals(true, ce.getBoolean("clockunsynced"));
            assertEquals("2026-11-24T09:15:02.481Z", ce.getString("time"));
            assertEquals("bookbox.return", ce.getString("type"));
            synced.set(true);
            assertFalse(j.append("return", new JsonObject()).toCloudEvent("urn:bookbox:c:d").containsKey("clockunsynced"));
        }
    }

    @Test
    void aFileThatIsNotSqliteIsRefusedAndLeftAsItWas() throws Exception {
        byte[] notes = "technician's notes, not a database\n".repeat(100).getBytes();
        Files.write(dir.resolve(Journal.FILE_NAME), notes);
        JournalException e = assertThrows(JournalException.class, () -> Journal.open(dir, clock, () -> true));
        assertEquals("journal " + dir.resolve(Journal.FILE_NAME) + " is not a SQLite database; it was left untouched (move it away to start a new journal)", e.getMessage());
        assertArrayEquals(notes, Files.readAllBytes(dir.resolve(Journal.FILE_NAME)));
        assertFalse(Files.exists(dir.resolve(Journal.FILE_NAME + "-wal")));
    }

    @Test
    void aJournalFromANewerAgentIsNotTouched() throws Exception {
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(Journal.FILE_NAME)); var st = c.createStatement()) {
            st.executeUpdate("PRAGMA user_version = 99");
        }
        JournalException e = assertThrows(JournalException.class, () -> Journal.open(dir, clock, () -> true));
        assertTrue(e.getMessage().contains("journal schema version 99 is newer than this agent knows (" + Schema.latest() + ")"), e.getMessage());
    }

    @Test
    void theUplinksReadyMadeJsonIsTheCloudEventOfTheRecord() throws Exception {
        AtomicBoolean synced = new AtomicBoolean(true);
        try (Journal j = Journal.open(dir, clock, synced::get)) {
            RecordedEvent a = j.append("return", new JsonObject().put("unit", "u").put("item", new JsonObject().put("id", "Ä \"1\"").put("owner", null)));
            synced.set(false);
            RecordedEvent b = j.append("scan.rejected", new JsonObject().put("unit", "u").put("reason", "replayed"));
            List<OutgoingEvent> out = j.outgoingAfter(0, 10, "urn:bookbox:c:d");
            assertEquals(a.toCloudEvent("urn:bookbox:c:d"), new JsonObject(new String(out.get(0).payload(), StandardCharsets.UTF_8)));
            assertEquals(b.toCloudEvent("urn:bookbox:c:d"), new JsonObject(new String(out.get(1).payload(), StandardCharsets.UTF_8)));
            assertEquals("scan.rejected", out.get(1).type());
        }
    }

    @Test
    void aJournalWithAcknowledgedFlagsMovesToTheWatermarkAtTheFirstUnacknowledged() throws Exception {
        // a journal as schema 4 left it: events 1-3 and 5 acknowledged, 4 and 6 not
        try (var db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(Journal.FILE_NAME)); var st = db.createStatement()) {
            for (List<String> migration : Schema.MIGRATIONS.subList(0, 4)) {
                for (String sql : migration) {
                    st.executeUpdate(sql);
                }
            }
            for (int seq = 1; seq <= 6; seq++) {
                st.executeUpdate("INSERT INTO event (seq, id, type, time, data, acked) VALUES (" + seq + ", 'id-" + seq
                        + "', 'return', '2026-11-24T09:15:02.481Z', '{}', " + (seq == 4 || seq == 6 ? 0 : 1) + ")");
            }
            st.executeUpdate("UPDATE journal_state SET last_seq = 6");
            st.executeUpdate("PRAGMA user_version = 4");
        }
        try (Journal j = Journal.open(dir, clock, () -> true)) {
            assertEquals(4, j.firstUnacknowledged(), "sent again from 4: 5 goes twice, under its id");
            assertEquals(3, j.unacknowledged());
            assertEquals(3, j.pruneAcknowledged(null), "1-3 are under the watermark");
            j.acknowledgeThrough(6);
            j.acknowledgeThrough(5);
            assertEquals(7, j.firstUnacknowledged(), "the watermark never moves back");
        }
    }

    @Test
    void aCodeSpentInASessionsNoteIsKeptAfterTheSessionEndsUntilItExpires() throws Exception {
        JsonObject withCode = new JsonObject().put("session", "s-1").put("door", "d1")
                .put("code", new JsonObject().put("jti", "t-1").put("exp", 1_800_000_000L));
        try (Journal j = Journal.open(dir, clock, () -> true)) {
            j.notes().noteOpenSession("s-1", "nest", "d1", withCode);
            j.notes().noteOpenSession("s-2", "nest", "d2", new JsonObject().put("session", "s-2").put("door", "d2")); // the backend's unlock
            assertEquals(List.of(new SpentCode("t-1", 1_800_000_000L)), j.notes().spentCodes(), "spent by the note's own write");
        }
        try (Journal j = Journal.open(dir, clock, () -> true)) {
            assertEquals(List.of(new SpentCode("t-1", 1_800_000_000L)), j.notes().spentCodes(), "across a restart, the session still open");
            j.appendSessionEnd(new JsonObject().put("session", "s-1"), "s-1");
            j.appendSessionEnd(new JsonObject().put("session", "s-2"), "s-2");
            assertEquals(List.of(), j.notes().openSessions("nest"));
            assertEquals(List.of(new SpentCode("t-1", 1_800_000_000L)), j.notes().spentCodes(), "kept when its note is settled");
            assertEquals(0, j.notes().pruneSpentCodes(1_800_000_000L));
            assertEquals(1, j.notes().pruneSpentCodes(1_800_000_001L));
            assertEquals(List.of(), j.notes().spentCodes());
        }
    }

    @Test
    void aCheckpointInTheQuietStartsTheLogOverBeforeTheNextEventComes() throws Exception {
        Path wal = dir.resolve("journal.db-wal");
        try (Journal j = Journal.open(dir, clock, () -> true)) {
            j.append("lifecycle", new JsonObject().put("phase", "boot"));
            long before = logSalt(wal);
            j.log().checkpointAndStartOver();
            long after = logSalt(wal);
            assertTrue(after != before, "a new log header (salt " + before + " then " + after + "): its fsync is paid now, not by the next event");
            j.append("lifecycle", new JsonObject().put("phase", "shutdown"));
            assertEquals(after, logSalt(wal), "the next event goes into the log as it is");
        }
        try (Journal j = Journal.open(dir, clock, () -> true)) {
            assertEquals(2, j.lastSeq());
            assertEquals(List.of("boot", "shutdown"), j.readAfter(0, 10).stream().map(e -> e.data().getString("phase")).toList());
        }
    }

    @Test
    void anAcknowledgementWrittenWithoutItsOwnFsyncLeavesTheJournalDurable() throws Exception {
        try (Journal j = Journal.open(dir, clock, () -> true)) {
            j.append("lifecycle", new JsonObject().put("phase", "boot"));
            j.acknowledgeThrough(1);
            assertEquals("2", j.pragma("synchronous"), "FULL again for the events after it");
            assertEquals(2, j.firstUnacknowledged());
        }
    }

    /** Salt-1 of the write-ahead log's header (bytes 16 to 19): SQLite draws a new one each time it starts the log over. */
    private static long logSalt(Path wal) throws Exception {
        byte[] header = Files.readAllBytes(wal);
        return ((header[16] & 0xffL) << 24) | ((header[17] & 0xffL) << 16) | ((header[18] & 0xffL) << 8) | (header[19] & 0xffL);
    }
}
