package org.bookbox.controller.journal;

import io.vertx.core.json.JsonObject;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bookbox.controller.store.JournalException;

/**
 * Notes in the journal of what is under way: returns read before their event, sessions started and
 * not yet ended. Each is settled by its event, in the event's own transaction; one still there at
 * the next start is something the agent died in.
 */
public final class Notes {

    private final Journal journal;

    Notes(Journal journal) {
        this.journal = journal;
    }

    /**
     * Notes returns read in the chute before their security write, in one transaction: should the
     * agent die before their events are written, they are recorded at the next start.
     */
    public void addPendingReturns(String unit, Map<String, JsonObject> byUid) throws JournalException {
        synchronized (journal) {
            journal.inTransaction("write", () -> {
                try (PreparedStatement ins = journal.db().prepareStatement("INSERT OR REPLACE INTO pending_return (uid, unit, data) VALUES (?, ?, ?)")) {
                    for (var e : byUid.entrySet()) {
                        ins.setString(1, e.getKey());
                        ins.setString(2, unit);
                        ins.setString(3, e.getValue().encode());
                        ins.executeUpdate();
                    }
                }
                return null;
            });
        }
    }

    /** Returns of a unit noted but never recorded (the agent stopped in between), by tag UID. */
    public Map<String, JsonObject> pendingReturns(String unit) throws JournalException {
        synchronized (journal) {
            Map<String, JsonObject> out = new LinkedHashMap<>();
            try (PreparedStatement st = journal.db().prepareStatement("SELECT uid, data FROM pending_return WHERE unit = ? ORDER BY rowid")) {
                st.setString(1, unit);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getString(1), new JsonObject(rs.getString(2)));
                    }
                }
            } catch (SQLException e) {
                throw journal.failed("read", e);
            }
            return out;
        }
    }

    /**
     * Notes a door session as started; {@link Journal#appendSessionEnd} settles it. A note with a
     * {@code code} (jti, exp) spends it: the code that opened the door, durable in the same fsync
     * as the note; the session's end keeps it in {@code spent_code} until it expires.
     */
    public void noteOpenSession(String session, String unit, String door, JsonObject note) throws JournalException {
        synchronized (journal) {
            journal.inTransaction("write", () -> {
                try (PreparedStatement ins = journal.db().prepareStatement("INSERT OR REPLACE INTO open_session (session, unit, door, data) VALUES (?, ?, ?, ?)")) {
                    ins.setString(1, session);
                    ins.setString(2, unit);
                    ins.setString(3, door);
                    ins.setString(4, note.encode());
                    ins.executeUpdate();
                }
                return null;
            });
        }
    }

    /** The codes spent with sessions' notes (open or ended) and not yet pruned: the token state takes them at every start. */
    public List<SpentCode> spentCodes() throws JournalException {
        synchronized (journal) {
            List<SpentCode> out = new ArrayList<>();
            try (PreparedStatement st = journal.db().prepareStatement("SELECT jti, exp FROM spent_code UNION ALL " + SpentCode.IN_OPEN_NOTES);
                 ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(new SpentCode(rs.getString(1), rs.getLong(2)));
                }
            } catch (SQLException e) {
                throw journal.failed("read", e);
            }
            return out;
        }
    }

    /** Forgets spent codes that expired before {@code beforeEpochSecond}: they can never verify again. */
    public int pruneSpentCodes(long beforeEpochSecond) throws JournalException {
        synchronized (journal) {
            return journal.update("DELETE FROM spent_code WHERE exp < ?", beforeEpochSecond);
        }
    }

    /** Sessions of a unit noted as started and never ended (the agent died in between), in the order they started. */
    public List<JsonObject> openSessions(String unit) throws JournalException {
        synchronized (journal) {
            List<JsonObject> out = new ArrayList<>();
            try (PreparedStatement st = journal.db().prepareStatement("SELECT data FROM open_session WHERE unit = ? ORDER BY rowid")) {
                st.setString(1, unit);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.add(new JsonObject(rs.getString(1)));
                    }
                }
            } catch (SQLException e) {
                throw journal.failed("read", e);
            }
            return out;
        }
    }
}
