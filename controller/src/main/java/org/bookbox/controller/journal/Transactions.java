package org.bookbox.controller.journal;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.bookbox.controller.store.JournalException;
import org.bookbox.controller.store.SqliteFile;

/** One SQLite transaction: committed whole, or rolled back whole, the first failure being the one reported. */
final class Transactions {

    /** Writes of the journal's own (appends, notes) done in one transaction and one fsync: all or none. */
    public interface Batch {
        void run() throws JournalException;
    }

    /** Work inside one transaction. */
    interface Work<T> {
        T run() throws SQLException;
    }

    private Transactions() {
    }

    static <T> T run(Connection db, Path file, String action, Work<T> work) throws JournalException {
        try {
            if (!db.getAutoCommit()) {
                return work.run(); // part of a batch's transaction: it commits or rolls back the whole
            }
            return SqliteFile.inTransaction(db, work::run);
        } catch (SQLException e) {
            throw SqliteFile.translate(file, "journal", action, e);
        }
    }

    /** A batch of writes in one transaction; a failure inside rolls back every write of it. */
    static void batch(Connection db, Path file, Batch batch) throws JournalException {
        try {
            db.setAutoCommit(false);
        } catch (SQLException e) {
            throw SqliteFile.translate(file, "journal", "begin a transaction in", e);
        }
        try {
            batch.run();
            db.commit();
        } catch (JournalException | RuntimeException e) {
            SqliteFile.rollbackQuietly(db);
            throw e;
        } catch (SQLException e) {
            SqliteFile.rollbackQuietly(db);
            throw SqliteFile.translate(file, "journal", "commit to", e);
        } finally {
            SqliteFile.restoreAutoCommitQuietly(db);
        }
    }
}
