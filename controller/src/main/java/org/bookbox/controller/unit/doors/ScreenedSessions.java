package org.bookbox.controller.unit.doors;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.bookbox.controller.event.BoxEvent;
import org.bookbox.controller.screen.Notice;
import org.bookbox.controller.screen.ReaderScreen;

/** A door's session log that also tells the reader how their session ended. */
final class ScreenedSessions implements SessionLog {

    private final SessionLog log;
    private final ReaderScreen screen;

    ScreenedSessions(SessionLog log, ReaderScreen screen) {
        this.log = log;
        this.screen = screen;
    }

    @Override
    public void opened(String session, JsonObject note) {
        log.opened(session, note);
    }

    @Override
    public void ended(BoxEvent.SessionEnded e) {
        log.ended(e);
        switch (e.outcome()) {
            case COMPLETED -> screen.show(new Notice.Result(e.door(), books(e.taken()), books(e.left())));
            case NOT_OPENED -> screen.show(new Notice.NotOpened(e.door()));
            // a lock that did not open is the reader's business; a stop or a unit's fault ends quietly
            case ABORTED -> {
                if (e.violations().contains("lock_fault")) {
                    screen.show(new Notice.LockFault(e.door()));
                }
            }
        }
    }

    /** Each book by its title where its tag or the backend gave one, else by its item id, else its tag's UID. */
    static List<String> books(JsonArray items) {
        List<String> out = new ArrayList<>();
        if (items == null) {
            return out;
        }
        for (Object o : items) {
            if (o instanceof JsonObject item) {
                String name = item.getString("title");
                if (name == null || name.isBlank()) {
                    name = item.getString("id");
                }
                if (name == null) {
                    name = "RFID " + item.getString("uid", "?");
                }
                out.add(name);
            }
        }
        return out;
    }
}
