package org.bookbox.controller.unit;

import io.vertx.core.json.JsonObject;
import org.bookbox.controller.journal.EventRecorder;
import org.bookbox.controller.session.SessionLog;
import org.tinylog.Logger;

/** A unit's door sessions in the journal: the note as each starts, the event (settling it) as each ends. */
final class JournalSessionLog implements SessionLog {

    private final String unit;
    private final EventRecorder recorder;

    JournalSessionLog(String unit, EventRecorder recorder) {
        this.unit = unit;
        this.recorder = recorder;
    }

    @Override
    public void opened(String session, JsonObject note) {
        // queued before anything the session records, on the same writer: its note is on disk first
        recorder.call(j -> {
            j.noteOpenSession(session, unit, note.getString("door"), note);
            return null;
        }).exceptionally(e -> {
            Logger.error("{}: session {} not noted; a crash now would leave it without an event: {}", unit, session, e.getMessage());
            return null;
        });
    }

    @Override
    public void ended(String session, JsonObject event) {
        recorder.recordSessionEnd(event, session);
    }
}
