package org.bookbox.controller.unit.doors;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.bookbox.controller.event.Mode;
import org.bookbox.controller.event.Outcome;
import org.tinylog.Logger;

/** Writes one door's sessions down: the note when one starts, the {@code session} event when it ends. */
final class SessionWriter {

    private final String unit;
    private final String door;
    private final SessionLog log;
    private final Shelves shelves;

    SessionWriter(String unit, String door, SessionLog log, Shelves shelves) {
        this.unit = unit;
        this.door = door;
        this.log = log;
        this.shelves = shelves;
    }

    /** Noted durably before the lock is pulsed, with the stock the session will be judged against. */
    void opened(DoorSession s) {
        log.opened(s.id, s.note(door, shelves.stockJson()));
    }

    /** Writes a session's event (and so settles its note). */
    void ended(String id, SessionRequest req, Instant openedAt, Instant closedAt, Outcome outcome,
               JsonArray taken, JsonArray left, List<String> violations, TagSecurity.Writes writes) {
        log.ended(DoorSession.event(id, req, unit, door, openedAt, closedAt, outcome, taken, left, violations, shelves.occupancy(), writes));
        Logger.info("{} door {}: session {} {} (taken {}, left {}, violations {})", unit, door, id, outcome.wire(),
                taken.size(), left.size(), violations);
    }

    /**
     * A session noted as started and never ended (the agent died in it): counts the shelves now and
     * ends it {@code aborted}, what changed since it started charged to it, and that count is the stock.
     */
    void interrupted(JsonObject note, Duration openWithin, BooleanSupplier idle) {
        SessionRequest req = new SessionRequest(Mode.of(note.getString("mode")).orElse(Mode.SERVICE), note.getJsonObject("actor"),
                Integer.MAX_VALUE, note.getString("hold"), openWithin);
        shelves.recount(note, idle, (taken, left, violations) ->
                ended(note.getString("session"), req, null, null, Outcome.ABORTED, taken, left, violations, TagSecurity.Writes.NONE));
    }
}
