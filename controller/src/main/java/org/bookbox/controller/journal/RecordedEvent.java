package org.bookbox.controller.journal;

import io.vertx.core.json.JsonObject;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import org.bookbox.controller.event.EventTime;

/**
 * An event as the journal holds it: durable, numbered, with the id it will carry forever.
 *
 * @param type the contract's topic type, e.g. {@code return} or {@code alarm}
 */
public record RecordedEvent(long seq, String id, String type, Instant time, boolean clockUnsynced, JsonObject data) {

    /** The CloudEvents 1.0 structured-mode envelope of the contract. */
    public JsonObject toCloudEvent(String source) {
        JsonObject e = new JsonObject()
                .put("specversion", "1.0")
                .put("id", id)
                .put("source", source)
                .put("type", "bookbox." + type)
                .put("time", EventTime.format(time))
                .put("datacontenttype", "application/json")
                .put("seq", seq);
        if (clockUnsynced) {
            e.put("clockunsynced", true);
        }
        return e.put("data", data);
    }

    /** An event from a row of {@code seq, id, type, time, clock_unsynced, data}. */
    static RecordedEvent of(ResultSet rs) throws SQLException {
        return new RecordedEvent(rs.getLong(1), rs.getString(2), rs.getString(3),
                Instant.parse(rs.getString(4)), rs.getInt(5) != 0, new JsonObject(rs.getString(6)));
    }
}
