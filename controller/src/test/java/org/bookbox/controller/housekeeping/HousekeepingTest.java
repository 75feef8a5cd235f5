package org.bookbox.controller.housekeeping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.bookbox.controller.config.AgentConfig;
import org.bookbox.controller.event.EventJson;
import org.bookbox.controller.journal.Journal;
import org.bookbox.controller.journal.SpentCode;
import org.bookbox.controller.store.Storage;
import org.bookbox.controller.token.TokenState;
import org.bookbox.drivers.part.Threads;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Housekeeping on real files: what it prunes, when the partition counts as low or full. */
class HousekeepingTest {

    static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

    @TempDir
    Path data;
    Journal journal;
    TokenState tokens;
    final List<JsonObject> alarms = new ArrayList<>();
    final Storage storage = new Storage();

    @BeforeEach
    void open() throws Exception {
        journal = Journal.open(data, Clock.fixed(NOW, ZoneOffset.UTC), () -> true);
        tokens = TokenState.open(data);
    }

    @AfterEach
    void close() {
        journal.close();
        tokens.close();
    }

    Housekeeping housekeeping(long storageLowBytes) {
        AgentConfig.Uplink settings = new AgentConfig.Uplink(false, 10, 30, Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofDays(30), storageLowBytes);
        return new Housekeeping("hk", data, journal, tokens, settings, Clock.fixed(NOW, ZoneOffset.UTC), () -> true,
                e -> alarms.add(EventJson.data(e).put("type", e.type())), storage, Threads.PLATFORM);
    }

    @Test
    void spentTokenIdsAreForgottenOnceTheirTokensHaveExpired() throws Exception {
        // issue 9, defect 8: tokens.db grew forever outside the tests
        SpentCode expired = new SpentCode("long-expired", NOW.minusSeconds(3600).getEpochSecond());
        SpentCode valid = new SpentCode("still-valid", NOW.plusSeconds(3600).getEpochSecond());
        for (SpentCode code : List.of(expired, valid)) {
            tokens.remember(code.jti(), code.exp());
            // the same code as its session's note spent it in the journal
            JsonObject note = new JsonObject();
            code.noteIn(note);
            journal.notes().noteOpenSession("s-" + code.jti(), "nest", "left", note);
            journal.appendSessionEnd(new JsonObject(), "s-" + code.jti());
        }
        housekeeping(1).pruneOld();
        assertFalse(tokens.used("long-expired"));
        assertTrue(tokens.used("still-valid"), "an id whose token could still be shown is kept");
        assertEquals(List.of(valid), journal.notes().spentCodes());
    }

    @Test
    void thresholdsFitTheSizeOfThePartition() {
        // a 2 MiB partition: the 50 MiB default would mean "always low"
        Housekeeping.Thresholds small = Housekeeping.Thresholds.of(2L << 20, 50L << 20);
        assertEquals(128L << 10, small.reserve());
        assertEquals((2L << 20) / 5, small.low());
        // a 32 GB card: the configured figure, and a reserve of 8 MiB
        Housekeeping.Thresholds card = Housekeeping.Thresholds.of(32_000_000_000L, 50L << 20);
        assertEquals(8L << 20, card.reserve());
        assertEquals(50L << 20, card.low());
    }

    @Test
    void lowIsAnAlarmOnceAndPrunesOnlyWhatTheBrokerAcknowledged() throws Exception {
        journal.append("return", new JsonObject().put("n", 1));
        journal.append("return", new JsonObject().put("n", 2));
        journal.acknowledgeThrough(1);
        long wholeDisk = Files.getFileStore(data).getTotalSpace() - 1;
        Housekeeping h = housekeeping(wholeDisk);
        h.checkStorage();
        h.checkStorage();
        assertEquals(1, alarms.stream().filter(a -> a.getString("kind").equals("storage_low")).count());
        assertEquals(List.of(2L), journal.readAfter(0, 10).stream().map(e -> e.seq()).toList());
        assertFalse(storage.full(), "low is not full");
    }
}
