package org.bookbox.controller.journal;

import io.vertx.core.json.JsonObject;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.bookbox.controller.store.JournalException;

/**
 * Replies to the backend's commands, kept in the journal until the broker acknowledges them: one due
 * while the broker is away, or when the agent dies before its PUBACK, goes out later with the same id.
 */
public final class ReplyQueue {

    /** A reply waiting to be sent: its place in the order and its payload (which holds its id). */
    public record PendingReply(long n, String payload) {
    }

    private final Journal journal;

    ReplyQueue(Journal journal) {
        this.journal = journal;
    }


    /**
     * Keeps a command's reply until the broker acknowledges it; the reply gets its {@code id} here,
     * so that every time it is sent it is the same reply.
     */
    public PendingReply add(JsonObject reply) throws JournalException {
        synchronized (journal) {
            String id = journal.nextId();
            String payload = reply.copy().put("id", id).encode();
            return journal.inTransaction("write", () -> {
                try (PreparedStatement ins = journal.db().prepareStatement("INSERT INTO reply (id, payload) VALUES (?, ?) RETURNING n")) {
                    ins.setString(1, id);
                    ins.setString(2, payload);
                    try (ResultSet rs = ins.executeQuery()) {
                        return new PendingReply(rs.getLong(1), payload);
                    }
                }
            });
        }
    }

    /** Replies not yet acknowledged by the broker, oldest first. */
    public List<PendingReply> pending() throws JournalException {
        synchronized (journal) {
            List<PendingReply> out = new ArrayList<>();
            try (Statement st = journal.db().createStatement(); ResultSet rs = st.executeQuery("SELECT n, payload FROM reply ORDER BY n")) {
                while (rs.next()) {
                    out.add(new PendingReply(rs.getLong(1), rs.getString(2)));
                }
            } catch (SQLException e) {
                throw journal.failed("read", e);
            }
            return out;
        }
    }

    /** The broker acknowledged a reply. */
    public void acknowledged(long n) throws JournalException {
        synchronized (journal) {
            journal.update("DELETE FROM reply WHERE n = ?", n);
        }
    }
}
