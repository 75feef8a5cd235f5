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
        return splice(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5) != 0, rs.getString(6), source);
    }

    /** The envelope around a stored event's data text, which is spliced in as it is. */
    public static OutgoingEvent splice(long seq, String id, String type, String time, boolean clockUnsynced, String data, String source) {
        // id (a UUID), source (contract ids), type and time hold no character JSON must escape
        StringBuilder json = new StringBuilder(256 + data.length())
                .append("{\"specversion\":\"1.0\",\"id\":\"").append(id)
                .append("\",\"source\":\"").append(source)
                .append("\",\"type\":\"bookbox.").append(type)
                .append("\",\"time\":\"").append(time).append('"');
        if (clockUnsynced) {
            json.append(",\"clockunsynced\":true");
        }
        json.append(",\"datacontenttype\":\"application/json\",\"seq\":").append(seq)
                .append(",\"data\":").append(data).append('}');
        return new OutgoingEvent(seq, type, json.toString().getBytes(StandardCharsets.UTF_8));
    }
}
