package org.bookbox.controller.unit.doors;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.bookbox.controller.event.BoxEvent;
import org.bookbox.controller.event.Mode;
import org.bookbox.controller.event.Occupancy;
import org.bookbox.controller.event.Outcome;

/**
 * One session at one door: who opened it and why, and whether the door was ever known unlatched
 * (what a backend's {@code unlock} is answered with).
 */
final class DoorSession {

    final String id;
    final SessionRequest request;
    /** True once the door is known unlatched (latch contact, door open, or a door that cannot tell); false if it never was. */
    final CompletableFuture<Boolean> unlatched = new CompletableFuture<>();
    /** The security written for this session so far (on its loop only). */
    TagSecurity.Writes writes = TagSecurity.Writes.NONE;

    DoorSession(String id, SessionRequest request) {
        this.id = id;
        this.request = request;
    }

    /** What a session's note holds: enough to end it after a crash. */
    JsonObject note(String door, JsonArray stock) {
        JsonObject n = new JsonObject().put("session", id).put("door", door).put("mode", request.mode().wire())
                .put("actor", request.actor()).put("stock", stock);
        if (request.hold() != null) {
            n.put("hold", request.hold());
        }
        if (request.code() != null) {
            // the code is spent by this note's write: one fsync before the lock (Notes#noteOpenSession)
            request.code().noteIn(n);
        }
        return n;
    }

    /** The {@code session} event of a session that ended. */
    static BoxEvent.SessionEnded event(String id, SessionRequest req, String unit, String door, Instant openedAt, Instant closedAt,
                                       Outcome outcome, JsonArray taken, JsonArray left, List<String> violations, Occupancy occupancy,
                                       TagSecurity.Writes writes) {
        return new BoxEvent.SessionEnded(id, unit, door, req.mode(), req.actor(), openedAt, closedAt, outcome, taken, left,
                List.copyOf(violations), req.hold(), req.mode() == Mode.PICKUP || req.mode() == Mode.LOAD ? occupancy : null,
                writes.any() ? new BoxEvent.SecurityWritten(writes.written(), writes.failed()) : null);
    }
}
