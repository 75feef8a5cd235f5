package org.bookbox.controller.journal;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;

/** A journaled event as the uplink sends it: its seq, its type (for the topic) and its CloudEvents JSON. */
public record OutgoingEvent(long seq, String type, byte[] payload) {

    /**
     * The event of a row of {@code seq, id, type, time, clock_unsynced, data} as CloudEvents JSON text,
     * ready to publish: the stored data is spliced in as it is, not parsed and written again.
     */
    static OutgoingEvent of(ResultSet rs, String source) throws SQLException {
        // id (a UUID), source (contract ids), type and time hold no character JSON must escape
        StringBuilder json = new StringBuilder(256 + 64)
                .append("{\"specversion\":\"1.0\",\"id\":\"").append(rs.getString(2))
                .append("\",\"source\":\"").append(source)
                .append("\",\"type\":\"bookbox.").append(rs.getString(3))
                .append("\",\"time\":\"").append(rs.getString(4)).append('"');
        if (rs.getInt(5) != 0) {
            json.append(",\"clockunsynced\":true");
        }
        json.append(",\"datacontenttype\":\"application/json\",\"seq\":").append(rs.getLong(1))
                .append(",\"data\":").append(rs.getString(6)).append('}');
        return new OutgoingEvent(rs.getLong(1), rs.getString(3), json.toString().getBytes(StandardCharsets.UTF_8));
    }
}
