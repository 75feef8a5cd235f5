package org.bookbox.controller.unit.doors;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.bookbox.controller.event.Mode;
import org.bookbox.controller.journal.SpentCode;

/**
 * A door to open and why: from a scanned token, or from the backend's {@code unlock} command.
 *
 * @param mode       why the door opens
 * @param actor      the contract's actor: role, sub, jti
 * @param maxItems   the most items this session may take
 * @param hold       the hold id of a pickup, or null
 * @param openWithin how long the reader has to open the door
 * @param code       the scanned code that opened it, spent with the session's note; null when no code did
 */
public record SessionRequest(Mode mode, JsonObject actor, int maxItems, String hold, Duration openWithin, SpentCode code) {

    /** A door opened on no code: the backend's unlock, a session ended after a crash. */
    public SessionRequest(Mode mode, JsonObject actor, int maxItems, String hold, Duration openWithin) {
        this(mode, actor, maxItems, hold, openWithin, null);
    }

    public static JsonObject actor(String role, String sub, String jti) {
        return new JsonObject().put("role", role).put("sub", sub).put("jti", jti);
    }
}
