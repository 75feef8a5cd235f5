package org.bookbox.controller.unit.doors;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.bookbox.controller.event.BoxEvent;
import org.bookbox.controller.journal.EventRecorder;
import org.bookbox.controller.journal.SpentCode;
import org.bookbox.controller.store.JournalException;
import org.tinylog.Logger;

/** A unit's door sessions in the journal: the note as each starts, the event (settling it) as each ends. */
final class JournalSessionLog implements SessionLog {

    /** Longest a door waits for its session's note (one fsync, normally a few milliseconds). */
    private static final Duration NOTE_WAIT = Duration.ofSeconds(2);

    /** Spends a code durably elsewhere (the token state): for a note that could not be written. */
    interface Spender {
        void spend(SpentCode code) throws JournalException;
    }

    private final String unit;
    private final EventRecorder recorder;
    private final Spender fallback;

    JournalSessionLog(String unit, EventRecorder recorder, Spender fallback) {
        this.unit = unit;
        this.recorder = recorder;
        this.fallback = fallback;
    }

    @Override
    public void opened(String session, JsonObject note) {
        // durable before the lock is pulsed: a power cut between the two must not leave an opened door without a record
        try {
            recorder.note(j -> {
                j.notes().noteOpenSession(session, unit, note.getString("door"), note);
                return null;
            }).get(NOTE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // the door still opens: a reader is not refused for the journal's sake (a full disk refuses scans before this)
            Logger.error("{}: session {} not noted; a crash now would leave it without an event: {}", unit, session, e.getMessage());
            spendElsewhere(session, note);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The note would have spent the code that opened the door: it is spent in the token state before the door opens instead. */
    private void spendElsewhere(String session, JsonObject note) {
        Optional<SpentCode> code = SpentCode.inNote(note);
        if (code.isEmpty()) {
            return;
        }
        try {
            fallback.spend(code.get());
        } catch (JournalException e) {
            Logger.error("{}: the code of session {} not spent either: {}", unit, session, e.getMessage());
        }
    }

    @Override
    public void ended(BoxEvent.SessionEnded event) {
        recorder.recordSessionEnd(event);
    }
}
