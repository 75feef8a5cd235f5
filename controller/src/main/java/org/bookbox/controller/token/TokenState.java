package org.bookbox.controller.token;

import io.vertx.core.json.JsonArray;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.bookbox.controller.journal.SeqMark;
import org.bookbox.controller.journal.SpentCode;
import org.bookbox.controller.store.JournalException;
import org.bookbox.controller.store.SqliteFile;

/**
 * What the token check must remember across power cuts, in {@code tokens.db}: every {@code jti}
 * used until its {@code exp}, the revocation list, and the latest time the clock was known right.
 */
public final class TokenState implements AutoCloseable {

    public static final String FILE_NAME = "tokens.db";

    private static final List<List<String>> MIGRATIONS = List.of(List.of(
            "CREATE TABLE used_jti (jti TEXT PRIMARY KEY, exp INTEGER NOT NULL)",
            "CREATE INDEX used_jti_exp ON used_jti (exp)",
            "CREATE TABLE revocations (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL, iat INTEGER, sub TEXT NOT NULL, jti TEXT NOT NULL)",
            "CREATE TABLE clock (id INTEGER PRIMARY KEY CHECK (id = 1), last_known_good INTEGER NOT NULL)",
            "INSERT INTO clock (id, last_known_good) VALUES (1, 0)"),
            // 2: the signed documents the backend keeps retained (config), as last applied
            List.of("CREATE TABLE document (name TEXT PRIMARY KEY, version INTEGER NOT NULL, jws TEXT NOT NULL)"),
            // 3: the journal's seq high-water mark, kept apart from the journal (journal.db lost or replaced: seq never reissued)
            List.of("CREATE TABLE seq_mark (id INTEGER PRIMARY KEY CHECK (id = 1), reserved INTEGER NOT NULL)",
                    "INSERT INTO seq_mark (id, reserved) VALUES (1, 0)"));

    /** A revocation list as applied: tokens whose sub or jti is listed are refused. */
    public record Revocations(long version, Set<String> subs, Set<String> jtis) {
        static final Revocations NONE = new Revocations(0, Set.of(), Set.of());
    }

    private final Path file;
    private final Connection db;
    private volatile Revocations revocations;
    private volatile long lastKnownGood;
    private volatile long reservedSeq;
    /** Codes let through whose jti is not in this file yet (on its way: noted in the journal with its session first). */
    private final Set<String> claimed = new HashSet<>();
    /** The file was missing or empty when opened: whatever it held before is gone. */
    private final boolean fresh;

    private TokenState(Path file, Connection db, boolean fresh) throws SQLException {
        this.file = file;
        this.db = db;
        this.fresh = fresh;
        try (Statement st = db.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT version, sub, jti FROM revocations WHERE id = 1")) {
                revocations = rs.next() ? new Revocations(rs.getLong(1), set(rs.getString(2)), set(rs.getString(3))) : Revocations.NONE;
            }
            try (ResultSet rs = st.executeQuery("SELECT reserved FROM seq_mark WHERE id = 1")) {
                reservedSeq = rs.getLong(1);
            }
            try (ResultSet rs = st.executeQuery("SELECT last_known_good FROM clock WHERE id = 1")) {
                lastKnownGood = rs.getLong(1);
            }
        }
    }

    public static TokenState open(Path dataDir) throws JournalException {
        Path file = dataDir.resolve(FILE_NAME);
        boolean fresh;
        try {
            fresh = !Files.exists(file) || Files.size(file) == 0;
        } catch (IOException e) {
            throw new JournalException("cannot read token state " + file + ": " + e.getMessage(), e);
        }
        Connection db = SqliteFile.open(file, "token state", MIGRATIONS);
        SqliteFile.boundWriteAheadLog(db, dataDir);
        try {
            return new TokenState(file, db, fresh);
        } catch (SQLException e) {
            SqliteFile.closeQuietly(db);
            throw SqliteFile.translate(file, "token state", "read", e);
        }
    }

    public synchronized boolean used(String jti) throws JournalException {
        if (claimed.contains(jti)) {
            return true;
        }
        try (PreparedStatement st = db.prepareStatement("SELECT 1 FROM used_jti WHERE jti = ?")) {
            st.setString(1, jti);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw SqliteFile.translate(file, "token state", "read", e);
        }
    }

    /**
     * Claims a jti not used before, in memory: no other scan of it passes while this agent runs. The
     * caller makes it durable before a door opens on it (the session's note, {@link SpentCode}) and
     * then here with {@link #remember}.
     *
     * @return false if the jti was used or claimed already
     */
    public synchronized boolean claim(String jti) throws JournalException {
        if (used(jti)) {
            return false;
        }
        claimed.add(jti);
        return true;
    }

    /** Durably remembers a jti until its exp; returns once it is on disk. */
    public synchronized void remember(String jti, long exp) throws JournalException {
        try {
            insertJti(jti, exp);
        } catch (SQLException e) {
            throw SqliteFile.translate(file, "token state", "write", e);
        }
        claimed.remove(jti);
    }

    /** Durably remembers codes spent elsewhere (the journal's notes, at start), in one transaction. */
    public synchronized void rememberAll(List<SpentCode> codes) throws JournalException {
        if (codes.isEmpty()) {
            return;
        }
        try {
            SqliteFile.inTransaction(db, () -> {
                for (SpentCode c : codes) {
                    insertJti(c.jti(), c.exp());
                }
                return null;
            });
        } catch (SQLException e) {
            throw SqliteFile.translate(file, "token state", "write", e);
        }
    }

    /**
     * Durably remembers a jti and, in the same transaction (one fsync on the scan's path, not two),
     * the time the clock is known right, if later than the one stored.
     *
     * @param knownGood the synchronized clock's time in epoch seconds, or null when it is not synchronized
     */
    public synchronized void remember(String jti, long exp, Long knownGood) throws JournalException {
        if (knownGood == null || knownGood <= lastKnownGood) {
            remember(jti, exp);
            return;
        }
        try {
            SqliteFile.inTransaction(db, () -> {
                insertJti(jti, exp);
                storeKnownGood(knownGood);
                return null;
            });
        } catch (SQLException e) {
            throw SqliteFile.translate(file, "token state", "write", e);
        }
        lastKnownGood = knownGood;
        claimed.remove(jti);
    }

    private void insertJti(String jti, long exp) throws SQLException {
        try (PreparedStatement st = db.prepareStatement("INSERT OR IGNORE INTO used_jti (jti, exp) VALUES (?, ?)")) {
            st.setString(1, jti);
            st.setLong(2, exp);
            st.executeUpdate();
        }
    }

    private void storeKnownGood(long epochSecond) throws SQLException {
        try (PreparedStatement st = db.prepareStatement("UPDATE clock SET last_known_good = ? WHERE id = 1 AND last_known_good < ?")) {
            st.setLong(1, epochSecond);
            st.setLong(2, epochSecond);
            st.executeUpdate();
        }
    }

    /** Forgets jtis whose tokens expired before {@code beforeEpochSecond}: they can never verify again. */
    public synchronized int prune(long beforeEpochSecond) throws JournalException {
        try (PreparedStatement st = db.prepareStatement("DELETE FROM used_jti WHERE exp < ?")) {
            st.setLong(1, beforeEpochSecond);
            return st.executeUpdate();
        } catch (SQLException e) {
            throw SqliteFile.translate(file, "token state", "write", e);
        }
    }

    public Revocations revocations() {
        return revocations;
    }

    /** Applies a newer revocation list; an older or equal version is ignored (returns false). */
    public synchronized boolean applyRevocations(long version, Long iat, Set<String> subs, Set<String> jtis) throws JournalException {
        if (version <= revocations.version()) {
            return false;
        }
        try (PreparedStatement st = db.prepareStatement("INSERT OR REPLACE INTO revocations (id, version, iat, sub, jti) VALUES (1, ?, ?, ?, ?)")) {
            st.setLong(1, version);
            if (iat == null) {
                st.setNull(2, Types.INTEGER);
            } else {
                st.setLong(2, iat);
            }
            st.setString(3, new JsonArray(List.copyOf(subs)).encode());
            st.setString(4, new JsonArray(List.copyOf(jtis)).encode());
            st.executeUpdate();
        } catch (SQLException e) {
            throw SqliteFile.translate(file, "token state", "write", e);
        }
        revocations = new Revocations(version, Set.copyOf(subs), Set.copyOf(jtis));
        return true;
    }

    /** The version of a stored document (0 when none), e.g. {@code config}. */
    public synchronized long documentVersion(String name) throws JournalException {
        try (PreparedStatement st = db.prepareStatement("SELECT version FROM document WHERE name = ?")) {
            st.setString(1, name);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        } catch (SQLException e) {
            throw SqliteFile.translate(file, "token state", "read", e);
        }
    }

    /** The stored signed form of a document, when there is one. */
    public synchronized Optional<String> document(String name) throws JournalException {
        try (PreparedStatement st = db.prepareStatement("SELECT jws FROM document WHERE name = ?")) {
            st.setString(1, name);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw SqliteFile.translate(file, "token state", "read", e);
        }
    }

    public synchronized void storeDocument(String name, long version, String jws) throws JournalException {
        try (PreparedStatement st = db.prepareStatement("INSERT OR REPLACE INTO document (name, version, jws) VALUES (?, ?, ?)")) {
            st.setString(1, name);
            st.setLong(2, version);
            st.setString(3, jws);
            st.executeUpdate();
        } catch (SQLException e) {
            throw SqliteFile.translate(file, "token state", "write", e);
        }
    }

    /** The latest time (epoch seconds) the clock was known to be right; 0 if never. */
    /** Whether this file was missing or empty when the agent started (used ids, revocations and the clock mark lost with it). */
    public boolean fresh() {
        return fresh;
    }

    /** The journal may hand out seqs up to this one: every seq ever used is at or below it. */
    public long reservedSeq() {
        return reservedSeq;
    }

    /** Raises the journal's seq mark (durably, before a seq above the old mark is used). */
    public synchronized void reserveSeq(long upTo) throws JournalException {
        if (upTo <= reservedSeq) {
            return;
        }
        try (PreparedStatement st = db.prepareStatement("UPDATE seq_mark SET reserved = ? WHERE id = 1")) {
            st.setLong(1, upTo);
            st.executeUpdate();
            reservedSeq = upTo;
        } catch (SQLException e) {
            throw SqliteFile.translate(file, "token state", "write", e);
        }
    }

    /** The mark as the journal uses it. */
    public SeqMark seqMark() {
        return new SeqMark() {
            @Override
            public long reserved() {
                return reservedSeq;
            }

            @Override
            public void reserve(long upTo) throws JournalException {
                reserveSeq(upTo);
            }
        };
    }

    public long lastKnownGood() {
        return lastKnownGood;
    }

    /** Records that the clock is right at this time; kept only if later than what is stored. */
    public synchronized void clockKnownGood(long epochSecond) throws JournalException {
        if (epochSecond <= lastKnownGood) {
            return;
        }
        try {
            storeKnownGood(epochSecond);
        } catch (SQLException e) {
            throw SqliteFile.translate(file, "token state", "write", e);
        }
        lastKnownGood = epochSecond;
    }

    @Override
    public synchronized void close() {
        SqliteFile.closeQuietly(db);
    }

    private static Set<String> set(String json) {
        return new JsonArray(json).stream().map(String::valueOf).collect(Collectors.toUnmodifiableSet());
    }
}
