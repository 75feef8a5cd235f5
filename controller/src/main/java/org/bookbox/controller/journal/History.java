package org.bookbox.controller.journal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bookbox.controller.store.JournalException;

/** What the journal's events tell the box after a loss or a restart: used codes, the last good time, the last alarm. */
public final class History {

    private final Journal journal;

    History(Journal journal) {
        this.journal = journal;
    }

    /**
     * The token ids the journal saw used: sessions' actors and refused scans (for a {@code tokens.db}
     * that was lost: a used code must not open a door again).
     */
    public List<String> usedTokenIds() throws JournalException {
        synchronized (journal) {
            List<String> out = new ArrayList<>();
            try (Statement st = journal.db().createStatement(); ResultSet rs = st.executeQuery(
                    "SELECT json_extract(data, '$.actor.jti') FROM event WHERE type = 'session' AND json_extract(data, '$.actor.role') <> 'backend'"
                            + " UNION SELECT json_extract(data, '$.jti') FROM event WHERE type = 'scan.rejected'")) {
                while (rs.next()) {
                    if (rs.getString(1) != null) {
                        out.add(rs.getString(1));
                    }
                }
            } catch (SQLException e) {
                throw journal.failed("read", e);
            }
            return out;
        }
    }


    /** The time of the latest event recorded while the clock was known right, if any. */
    public Optional<Instant> lastSyncedTime() throws JournalException {
        synchronized (journal) {
            try (Statement st = journal.db().createStatement(); ResultSet rs = st.executeQuery("SELECT max(time) FROM event WHERE clock_unsynced = 0")) {
                String t = rs.getString(1);
                return t == null ? Optional.empty() : Optional.of(Instant.parse(t));
            } catch (SQLException e) {
                throw journal.failed("read", e);
            }
        }
    }


    /** The last {@code alarm} event of a kind for a unit (and no door), if the journal still holds one. */
    public Optional<RecordedEvent> lastAlarm(String unit, String kind) throws JournalException {
        synchronized (journal) {
            try (PreparedStatement st = journal.db().prepareStatement("SELECT seq, id, type, time, clock_unsynced, data FROM event WHERE type = 'alarm'"
                    + " AND json_extract(data, '$.unit') = ? AND json_extract(data, '$.kind') = ? ORDER BY seq DESC LIMIT 1")) {
                st.setString(1, unit);
                st.setString(2, kind);
                try (ResultSet rs = st.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(RecordedEvent.of(rs));
                }
            } catch (SQLException e) {
                throw journal.failed("read", e);
            }
        }
    }
}
