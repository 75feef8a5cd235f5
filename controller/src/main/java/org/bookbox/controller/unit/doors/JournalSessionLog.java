package org.bookbox.controller.unit.doors;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.bookbox.controller.event.BoxEvent;
import org.bookbox.controller.journal.EventRecorder;
import org.tinylog.Logger;

/** A unit's door sessions in the journal: the note as each starts, the event (settling it) as each ends. */
final class JournalSessionLog implements SessionLog {

    /** Longest a door waits for its session's note (one fsync, normally a few milliseconds). */
    private static final Duration NOTE_WAIT = Duration.ofSeconds(2);

    private final String unit;
    private final EventRecorder recorder;

    JournalSessionLog(String unit, EventRecorder recorder) {
        this.unit = unit;
        this.recorder = recorder;
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
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void ended(BoxEvent.SessionEnded event) {
        recorder.recordSessionEnd(event);
    }
}
