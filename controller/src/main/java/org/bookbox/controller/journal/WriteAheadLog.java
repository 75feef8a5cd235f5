package org.bookbox.controller.journal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.bookbox.controller.store.JournalException;

/** The journal's write-ahead log: moved into the database when the box chooses, not only when SQLite does. */
public final class WriteAheadLog {

    private final Journal journal;

    WriteAheadLog(Journal journal) {
        this.journal = journal;
    }

    /** Moves the log into the database and truncates it: gives back its space on a full partition. */
    public void checkpoint() throws JournalException {
        synchronized (journal) {
            try (Statement st = journal.db().createStatement()) {
                st.execute("PRAGMA wal_checkpoint(TRUNCATE)");
            } catch (SQLException e) {
                throw journal.failed("checkpoint", e);
            }
        }
    }

    /**
     * Moves what the log holds into the database (SQLite's own passive checkpoint, run at a time of
     * our choosing) and starts the log over at once (ADR 0015). SQLite starts it over in the first
     * write after a checkpoint, which writes the log's new header and fsyncs it before its own
     * commit's fsync: two fsyncs, which would fall on the next session's note. Counting the checkpoint
     * in the journal's state row is a write that pays them now (SQLite skips an update that changes
     * nothing, hence a count).
     */
    public void checkpointAndStartOver() throws JournalException {
        synchronized (journal) {
            try (Statement st = journal.db().createStatement()) {
                boolean whole;
                try (ResultSet rs = st.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
                    // busy, frames in the log, frames moved into the database
                    whole = rs.next() && rs.getInt(1) == 0 && rs.getInt(2) > 0 && rs.getInt(3) == rs.getInt(2);
                }
                if (whole) {
                    st.executeUpdate("UPDATE journal_state SET quiet_checkpoints = quiet_checkpoints + 1 WHERE id = 1");
                }
            } catch (SQLException e) {
                throw journal.failed("checkpoint", e);
            }
        }
    }
}
