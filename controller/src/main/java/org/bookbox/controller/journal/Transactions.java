package org.bookbox.controller.journal;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.bookbox.controller.store.JournalException;
import org.bookbox.controller.store.SqliteFile;

/** One SQLite transaction: committed whole, or rolled back whole, the first failure being the one reported. */
final class Transactions {

    /** Work inside one transaction. */
    interface Work<T> {
        T run() throws SQLException;
    }

    private Transactions() {
    }

    static <T> T run(Connection db, Path file, String action, Work<T> work) throws JournalException {
        try {
            db.setAutoCommit(false);
            T result;
            try {
                result = work.run();
                db.commit();
            } catch (SQLException e) {
                rollbackQuietly(db);
                restoreAutoCommitQuietly(db);
                throw e; // the first failure (disk full, mostly) is the one that says why
            }
            db.setAutoCommit(true);
            return result;
        } catch (SQLException e) {
            throw SqliteFile.translate(file, "journal", action, e);
        }
    }

    private static void restoreAutoCommitQuietly(Connection db) {
        try {
            db.setAutoCommit(true);
        } catch (SQLException ignored) {
            // SQLite may have rolled back by itself already (SQLITE_FULL does): nothing is open
        }
    }

    private static void rollbackQuietly(Connection db) {
        try {
            db.rollback();
        } catch (SQLException ignored) {
            // the failure that got us here is the one worth reporting
        }
    }
}
