package org.bookbox.controller.unit.doors;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.bookbox.controller.journal.EventRecorder;
import org.bookbox.controller.journal.Journal;
import org.bookbox.controller.journal.SpentCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalSessionLogTest {

    @TempDir
    Path dir;

    static JsonObject note(String session, JsonObject code) {
        JsonObject n = new JsonObject().put("session", session).put("door", "left");
        return code == null ? n : n.put("code", code);
    }

    @Test
    void theNoteSpendsTheCodeAndTheTokenStateIsNotNeededBeforeTheDoor() throws Exception {
        List<SpentCode> elsewhere = new ArrayList<>();
        try (Journal journal = Journal.open(dir, Clock.systemUTC(), () -> true); EventRecorder recorder = new EventRecorder(journal, "box")) {
            new JournalSessionLog("park-nest", recorder, elsewhere::add).opened("s-1", note("s-1", new JsonObject().put("jti", "t-1").put("exp", 99L)));
            assertEquals(List.of(new SpentCode("t-1", 99)), journal.notes().spentCodes());
        }
        assertEquals(List.of(), elsewhere);
    }

    @Test
    void aNoteThatCannotBeWrittenHasItsCodeSpentInTheTokenStateBeforeTheDoorOpens() throws Exception {
        List<SpentCode> elsewhere = new ArrayList<>();
        try (Journal journal = Journal.open(dir, Clock.systemUTC(), () -> true)) {
            EventRecorder recorder = new EventRecorder(journal, "box");
            recorder.close(); // the journal refuses every write from now on
            JournalSessionLog log = new JournalSessionLog("park-nest", recorder, elsewhere::add);
            log.opened("s-1", note("s-1", new JsonObject().put("jti", "t-1").put("exp", 99L)));
            log.opened("s-2", note("s-2", null)); // the backend's unlock: no code to spend
        }
        assertEquals(List.of(new SpentCode("t-1", 99)), elsewhere);
    }
}
