package org.bookbox.controller.journal;

import io.vertx.core.json.JsonObject;
import java.util.Optional;

/**
 * A scanned code's {@code jti}, spent, and the expiry after which it can never verify again (so
 * after which it may be forgotten). A session's note carries the code that opened its door under
 * {@code code}, which spends it in the note's own write; this record is the one place that knows
 * that shape, in JSON and in the journal's SQL.
 */
public record SpentCode(String jti, long exp) {

    /** The codes held by open-session notes, as (jti, exp) rows; a statement may add {@code AND ...}. */
    static final String IN_OPEN_NOTES = "SELECT json_extract(data, '$.code.jti'), json_extract(data, '$.code.exp')"
            + " FROM open_session WHERE json_type(data, '$.code') = 'object'";

    /** Puts this code into a session's note. */
    public void noteIn(JsonObject note) {
        note.put("code", new JsonObject().put("jti", jti).put("exp", exp));
    }

    /** The code a session's note carries, if a code opened its door. */
    public static Optional<SpentCode> inNote(JsonObject note) {
        return note.getValue("code") instanceof JsonObject c ? Optional.of(new SpentCode(c.getString("jti"), c.getLong("exp"))) : Optional.empty();
    }
}
