package org.bookbox.controller.unit.doors;

import io.vertx.core.json.JsonObject;
import java.util.function.Consumer;
import org.bookbox.controller.event.BoxEvent;

/**
 * Where a door's sessions are written: a note when one starts, and its {@code session} event when it
 * ends, the event settling the note. A note still there at the next start is a session the agent
 * died in; it ends then, {@code aborted}.
 */
public interface SessionLog {

    /** A session starts: noted durably before its lock is pulsed. */
    void opened(String session, JsonObject note);

    /** A session ended: its event is recorded and its note forgotten, together. */
    void ended(BoxEvent.SessionEnded event);

    /** Events only, no notes: for tests of the state machine and boxes that keep no journal. */
    static SessionLog eventsOnly(Consumer<BoxEvent> record) {
        return new SessionLog() {
            @Override
            public void opened(String session, JsonObject note) {
                // nothing to note
            }

            @Override
            public void ended(BoxEvent.SessionEnded event) {
                record.accept(event);
            }
        };
    }
}
