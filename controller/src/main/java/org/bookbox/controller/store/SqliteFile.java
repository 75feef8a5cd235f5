package org.bookbox.controller.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * A SQLite file of the box's own: WAL, {@code synchronous=FULL}, its schema migrated forward from
 * {@code PRAGMA user_version}. A file that is not SQLite, or from a newer agent, is refused and
 * left exactly as it is.
 */
public final class SqliteFile {

    private static final byte[] SQLITE_HEADER = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

    private SqliteFile() {
    }

    /**
     * Opens (or creates) the file and runs the migrations it has not seen.
     *
     * @param what       how messages name the file ("journal", "token state")
     * @param migrations each entry one migration's statements; entries are only ever appended
     */
    public static Connection open(Path file, String what, List<List<String>> migrations) throws JournalException {
        refuseForeignFile(file, what);
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setBusyTimeout(5000);
        Connection db = null;
        try {
            db = config.createConnection("jdbc:sqlite:" + file);
            migrate(db, what, migrations);
            return db;
        } catch (SQLException e) {
            closeQuietly(db);
            throw translate(file, what, "open", e);
        }
    }

    private static void refuseForeignFile(Path file, String what) throws JournalException {
        if (!Files.exists(file)) {
            return;
        }
        if (!Files.isRegularFile(file)) {
            throw new JournalException(what + " " + file + " is not a regular file");
        }
        byte[] head = new byte[SQLITE_HEADER.length];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            throw new JournalException("cannot read " + what + " " + file + ": " + e.getMessage(), e);
        }
        if (n == 0) {
            return; // an empty file is what SQLite itself leaves before its first write
        }
        if (n < head.length || !Arrays.equals(head, SQLITE_HEADER)) {
            throw new JournalException(what + " " + file + " is not a SQLite database; it was left untouched (move it away to start a new " + what + ")");
        }
    }

    private static void migrate(Connection db, String what, List<List<String>> migrations) throws SQLException {
        int version;
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("PRAGMA user_version")) {
            version = rs.getInt(1);
        }
        if (version > migrations.size()) {
            throw new SQLException(what + " schema version " + version + " is newer than this agent knows (" + migrations.size() + ")", "BOOKBOX_SCHEMA");
        }
        for (int v = version; v < migrations.size(); v++) {
            int next = v + 1;
            List<String> steps = migrations.get(v);
            inTransaction(db, () -> {
                try (Statement st = db.createStatement()) {
                    for (String sql : steps) {
                        st.executeUpdate(sql);
                    }
                    st.executeUpdate("PRAGMA user_version = " + next);
                }
                return null;
            });
        }
    }

    /** Statements inside one transaction. */
    public interface SqlWork<T> {
        T run() throws SQLException;
    }

    /**
     * Runs statements as one transaction: committed whole, or rolled back whole with the first failure
     * (disk full, mostly) the one reported; the connection is back in autocommit either way.
     */
    public static <T> T inTransaction(Connection db, SqlWork<T> work) throws SQLException {
        db.setAutoCommit(false);
        try {
            T result = work.run();
            db.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly(db);
            throw e;
        } finally {
            restoreAutoCommitQuietly(db);
        }
    }

    /** Rolls back what is open; a failure to do so is not the one worth reporting. */
    public static void rollbackQuietly(Connection db) {
        try {
            db.rollback();
        } catch (SQLException ignored) {
            // the failure that got us here is the one worth reporting
        }
    }

    /** Back to autocommit; SQLite may have rolled back by itself already (SQLITE_FULL does): nothing is open then. */
    public static void restoreAutoCommitQuietly(Connection db) {
        try {
            db.setAutoCommit(true);
        } catch (SQLException ignored) {
            // nothing is open
        }
    }

    /**
     * Keeps the write-ahead log small beside a small partition. SQLite lets it grow to 1000 pages (4 MiB)
     * before moving it into the database; on a 2 MiB data partition that growth alone fills the disk
     * while the database holds a few hundred KiB. The log is checkpointed after at most a 64th of the
     * partition (16 to 1000 pages) and truncated to twice that afterwards.
     */
    public static void boundWriteAheadLog(Connection db, Path dir) {
        try (Statement st = db.createStatement()) {
            long total = Files.getFileStore(dir).getTotalSpace();
            long pages = Math.clamp(total / 64 / 4096, 16, 1000);
            st.execute("PRAGMA wal_autocheckpoint = " + pages);
            st.execute("PRAGMA journal_size_limit = " + pages * 4096 * 2);
        } catch (SQLException | IOException e) {
            // SQLite's defaults then: right for any partition of a few hundred MiB and more
        }
    }

    /** SQLite's own check of the file's pages and indexes; a damaged file is named, and left as it is. */
    public static void requireIntact(Connection db, Path file, String what) throws JournalException {
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("PRAGMA quick_check")) {
            String first = rs.next() ? rs.getString(1) : "no answer";
            if (!"ok".equals(first)) {
                throw new JournalException(what + " " + file + " is damaged (" + first + "); it was left untouched: move it away and"
                        + " start again, and the box continues after the seq it had reached");
            }
        } catch (SQLException e) {
            throw translate(file, what, "check", e);
        }
    }

    public static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // nothing left to save on a connection that will not close
            }
        }
    }

    /** A SQLite failure in a technician's words: not a database, disk full, not writable. */
    public static JournalException translate(Path file, String what, String action, SQLException e) {
        if (e instanceof SQLiteException s) {
            SQLiteErrorCode code = s.getResultCode();
            String base = code == null ? "" : code.name();
            if (base.startsWith("SQLITE_NOTADB") || base.startsWith("SQLITE_CORRUPT")) {
                return new JournalException(what + " " + file + " is not a SQLite database or is damaged; it was left untouched", e);
            }
            if (base.startsWith("SQLITE_FULL")) {
                return new JournalException("cannot " + action + " " + what + " " + file + ": the disk is full", e, true);
            }
            if (base.startsWith("SQLITE_CANTOPEN") || base.startsWith("SQLITE_READONLY") || base.startsWith("SQLITE_PERM")) {
                return new JournalException("cannot " + action + " " + what + " " + file + ": the data directory is not writable", e);
            }
        }
        return new JournalException("cannot " + action + " " + what + " " + file + ": " + e.getMessage(), e);
    }
}
