package org.bookbox.controller.journal;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.bookbox.controller.store.JournalException;
import org.bookbox.controller.store.SqliteFile;

/**
 * The box's record of everything that happened: a SQLite file in WAL mode with
 * {@code synchronous=FULL}, so an event whose append has returned survives a power cut.
 *
 * <p>Each append is one transaction that takes the next {@code seq} and writes the event, so a
 * seq is never skipped and never handed out twice, whatever moment the process dies at.
 * One connection, used under this object's lock; callers keep it off their event loops.
 */
public final class Journal implements AutoCloseable {

    public static final String FILE_NAME = "journal.db";

    private final Path file;
    private final Connection db;
    private final Clock clock;
    private final BooleanSupplier clockSynced;
    private final UuidV7 ids = new UuidV7();
    private final SeqMark mark;

    private Journal(Path file, Connection db, Clock clock, BooleanSupplier clockSynced, SeqMark mark) {
        this.mark = mark;
        this.file = file;
        this.db = db;
        this.clock = clock;
        this.clockSynced = clockSynced;
    }

    /**
     * Opens (or creates) the journal in a data directory. A file that is not a SQLite database is
     * refused and left exactly as it is.
     */
    public static Journal open(Path dataDir, Clock clock, BooleanSupplier clockSynced) throws JournalException {
        return open(dataDir, clock, clockSynced, SeqMark.NONE);
    }

    /**
     * Opens the journal, checks that SQLite finds it whole, and keeps its seq mark in {@code mark}.
     * A damaged journal is a clear refusal to start, never a queue that silently publishes nothing.
     */
    public static Journal open(Path dataDir, Clock clock, BooleanSupplier clockSynced, SeqMark mark) throws JournalException {
        Path file = dataDir.resolve(FILE_NAME);
        Connection db = SqliteFile.open(file, "journal", Schema.MIGRATIONS);
        try {
            SqliteFile.boundWriteAheadLog(db, dataDir);
            SqliteFile.requireIntact(db, file, "journal");
        } catch (JournalException e) {
            SqliteFile.closeQuietly(db);
            throw e;
        }
        return new Journal(file, db, clock, clockSynced, mark);
    }

    /** How far ahead the seq mark is raised: one extra durable write per this many events. */
    public static final long SEQ_RESERVE = 1000;

    /**
     * Continues after a seq handed out before (the mark said so, the journal did not): the seqs in
     * between are a gap the backend sees, never reissued.
     */
    public synchronized void continueAfter(long seq) throws JournalException {
        update("UPDATE journal_state SET last_seq = max(last_seq, ?) WHERE id = 1", seq);
    }

    /**
     * The token ids the journal saw used: sessions' actors and refused scans (for a {@code tokens.db}
     * that was lost: a used code must not open a door again).
     */
    public synchronized List<String> usedTokenIds() throws JournalException {
        List<String> out = new ArrayList<>();
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT json_extract(data, '$.actor.jti') FROM event WHERE type = 'session' AND json_extract(data, '$.actor.role') <> 'backend'"
                        + " UNION SELECT json_extract(data, '$.jti') FROM event WHERE type = 'scan.rejected'")) {
            while (rs.next()) {
                if (rs.getString(1) != null) {
                    out.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw SqliteFile.translate(file, "journal", "read", e);
        }
        return out;
    }

    /** The time of the latest event recorded while the clock was known right, if any. */
    public synchronized Optional<Instant> lastSyncedTime() throws JournalException {
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("SELECT max(time) FROM event WHERE clock_unsynced = 0")) {
            String t = rs.getString(1);
            return t == null ? Optional.empty() : Optional.of(Instant.parse(t));
        } catch (SQLException e) {
            throw SqliteFile.translate(file, "journal", "read", e);
        }
    }

    /** Appends one event durably and returns it with its seq and id. */
    public synchronized RecordedEvent append(String type, JsonObject data) throws JournalException {
        return append(type, data, (String) null);
    }

    /**
     * Notes returns read in the chute before their security write, in one transaction: should the
     * agent die before their events are written, they are recorded at the next start.
     */
    public synchronized void addPendingReturns(String unit, Map<String, JsonObject> byUid) throws JournalException {
        inTransaction("write", () -> {
            try (PreparedStatement ins = db.prepareStatement("INSERT OR REPLACE INTO pending_return (uid, unit, data) VALUES (?, ?, ?)")) {
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

    /** Work inside one transaction. */
    private interface SqlWork<T> {
        T run() throws SQLException;
    }

    /** Runs work in one transaction: committed whole, or rolled back whole. */
    private <T> T inTransaction(String action, SqlWork<T> work) throws JournalException {
        try {
            db.setAutoCommit(false);
            T result;
            try {
                result = work.run();
                db.commit();
            } catch (SQLException e) {
                rollbackQuietly();
                restoreAutoCommitQuietly();
                throw e; // the first failure (disk full, mostly) is the one that says why
            }
            db.setAutoCommit(true);
            return result;
        } catch (SQLException e) {
            throw SqliteFile.translate(file, "journal", action, e);
        }
    }

    /** Returns of a unit noted but never recorded (the agent stopped in between), by tag UID. */
    public synchronized Map<String, JsonObject> pendingReturns(String unit) throws JournalException {
        Map<String, JsonObject> out = new LinkedHashMap<>();
        try (PreparedStatement st = db.prepareStatement("SELECT uid, data FROM pending_return WHERE unit = ? ORDER BY rowid")) {
            st.setString(1, unit);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), new JsonObject(rs.getString(2)));
                }
            }
        } catch (SQLException e) {
            throw SqliteFile.translate(file, "journal", "read", e);
        }
        return out;
    }

    /** Appends an event and, in the same transaction, forgets the pending return it settles. */
    public synchronized RecordedEvent append(String type, JsonObject data, String settlesPendingUid) throws JournalException {
        return append(type, data, settlesPendingUid == null ? null : new Settles("DELETE FROM pending_return WHERE uid = ?", settlesPendingUid));
    }

    /** Appends a session's event and, in the same transaction, forgets its open-session note. */
    public synchronized RecordedEvent appendSessionEnd(JsonObject data, String session) throws JournalException {
        return append("session", data, new Settles("DELETE FROM open_session WHERE session = ?", session));
    }

    /** A note the event settles: deleted in the event's own transaction, so it is settled once or not at all. */
    private record Settles(String deleteSql, String key) {
    }

    /** Notes a door session as started; {@link #appendSessionEnd} settles it. */
    public synchronized void noteOpenSession(String session, String unit, String door, JsonObject note) throws JournalException {
        inTransaction("write", () -> {
            try (PreparedStatement ins = db.prepareStatement("INSERT OR REPLACE INTO open_session (session, unit, door, data) VALUES (?, ?, ?, ?)")) {
                ins.setString(1, session);
                ins.setString(2, unit);
                ins.setString(3, door);
                ins.setString(4, note.encode());
                ins.executeUpdate();
            }
            return null;
        });
    }

    /** Sessions of a unit noted as started and never ended (the agent died in between), in the order they started. */
    public synchronized List<JsonObject> openSessions(String unit) throws JournalException {
        List<JsonObject> out = new ArrayList<>();
        try (PreparedStatement st = db.prepareStatement("SELECT data FROM open_session WHERE unit = ? ORDER BY rowid")) {
            st.setString(1, unit);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(new JsonObject(rs.getString(1)));
                }
            }
        } catch (SQLException e) {
            throw SqliteFile.translate(file, "journal", "read", e);
        }
        return out;
    }

    private RecordedEvent append(String type, JsonObject data, Settles settles) throws JournalException {
        long next = lastSeq() + 1;
        if (next > mark.reserved()) {
            mark.reserve(next + SEQ_RESERVE - 1); // durable before the seq is used
        }
        Instant now = clock.instant();
        boolean unsynced = !clockSynced.getAsBoolean();
        String id = ids.next(now.toEpochMilli()).toString();
        String json = data.encode();
        return inTransaction("append to", () -> {
            long seq;
            try (Statement st = db.createStatement();
                 ResultSet rs = st.executeQuery("UPDATE journal_state SET last_seq = last_seq + 1 WHERE id = 1 RETURNING last_seq")) {
                seq = rs.getLong(1);
            }
            try (PreparedStatement ins = db.prepareStatement(
                    "INSERT INTO event (seq, id, type, time, clock_unsynced, data) VALUES (?, ?, ?, ?, ?, ?)")) {
                ins.setLong(1, seq);
                ins.setString(2, id);
                ins.setString(3, type);
                ins.setString(4, EventTime.format(now));
                ins.setInt(5, unsynced ? 1 : 0);
                ins.setString(6, json);
                ins.executeUpdate();
            }
            if (settles != null) {
                try (PreparedStatement del = db.prepareStatement(settles.deleteSql())) {
                    del.setString(1, settles.key());
                    del.executeUpdate();
                }
            }
            return new RecordedEvent(seq, id, type, Instant.parse(EventTime.format(now)), unsynced, data.copy());
        });
    }

    /** The last {@code alarm} event of a kind for a unit (and no door), if the journal still holds one. */
    public synchronized Optional<RecordedEvent> lastAlarm(String unit, String kind) throws JournalException {
        try (PreparedStatement st = db.prepareStatement("SELECT seq, id, type, time, clock_unsynced, data FROM event WHERE type = 'alarm'"
                + " AND json_extract(data, '$.unit') = ? AND json_extract(data, '$.kind') = ? ORDER BY seq DESC LIMIT 1")) {
            st.setString(1, unit);
            st.setString(2, kind);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(event(rs));
            }
        } catch (SQLException e) {
            throw SqliteFile.translate(file, "journal", "read", e);
        }
    }

    /** A reply waiting to be sent: its place in the order and its payload (which holds its id). */
    public record PendingReply(long n, String payload) {
    }

    /**
     * Keeps a command's reply until the broker acknowledges it; the reply gets its {@code id} here,
     * so that every time it is sent it is the same reply.
     */
    public synchronized PendingReply addReply(JsonObject reply) throws JournalException {
        String id = ids.next(clock.instant().toEpochMilli()).toString();
        String payload = reply.copy().put("id", id).encode();
        return inTransaction("write", () -> {
            try (PreparedStatement ins = db.prepareStatement("INSERT INTO reply (id, payload) VALUES (?, ?) RETURNING n")) {
                ins.setString(1, id);
                ins.setString(2, payload);
                try (ResultSet rs = ins.executeQuery()) {
                    return new PendingReply(rs.getLong(1), payload);
                }
            }
        });
    }

    /** Replies not yet acknowledged by the broker, oldest first. */
    public synchronized List<PendingReply> pendingReplies() throws JournalException {
        List<PendingReply> out = new ArrayList<>();
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("SELECT n, payload FROM reply ORDER BY n")) {
            while (rs.next()) {
                out.add(new PendingReply(rs.getLong(1), rs.getString(2)));
            }
        } catch (SQLException e) {
            throw SqliteFile.translate(file, "journal", "read", e);
        }
        return out;
    }

    /** The broker acknowledged a reply. */
    public synchronized void replyAcknowledged(long n) throws JournalException {
        update("DELETE FROM reply WHERE n = ?", n);
    }

    /** One statement with one number, in a transaction of its own. */
    private void update(String sql, long value) throws JournalException {
        try (PreparedStatement st = db.prepareStatement(sql)) {
            st.setLong(1, value);
            st.executeUpdate();
        } catch (SQLException e) {
            throw SqliteFile.translate(file, "journal", "write", e);
        }
    }

    /** The seq of the last event ever recorded (0 before the first). */
    public synchronized long lastSeq() throws JournalException {
        return queryLong("SELECT last_seq FROM journal_state WHERE id = 1");
    }

    /** How many events the broker has not yet acknowledged. */
    public synchronized long unacknowledged() throws JournalException {
        return queryLong("SELECT count(*) FROM event WHERE acked = 0");
    }

    /** Up to {@code max} events with seq greater than {@code afterSeq}, in seq order. */
    public synchronized List<RecordedEvent> readAfter(long afterSeq, int max) throws JournalException {
        List<RecordedEvent> out = new ArrayList<>();
        try (PreparedStatement st = db.prepareStatement(
                "SELECT seq, id, type, time, clock_unsynced, data FROM event WHERE seq > ? ORDER BY seq LIMIT ?")) {
            st.setLong(1, afterSeq);
            st.setInt(2, max);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(event(rs));
                }
            }
        } catch (SQLException e) {
            throw SqliteFile.translate(file, "journal", "read", e);
        }
        return out;
    }

    /**
     * Marks events as acknowledged by the broker, in one transaction. PUBACKs come mostly in order,
     * so the seqs are written as runs: one statement per run, not per event.
     */
    public synchronized void acknowledge(Collection<Long> seqs) throws JournalException {
        if (seqs.isEmpty()) {
            return;
        }
        long[] sorted = seqs.stream().mapToLong(Long::longValue).sorted().toArray();
        inTransaction("write", () -> {
            try (PreparedStatement st = db.prepareStatement("UPDATE event SET acked = 1 WHERE seq BETWEEN ? AND ? AND acked = 0")) {
                int i = 0;
                while (i < sorted.length) {
                    int j = i;
                    while (j + 1 < sorted.length && sorted[j + 1] <= sorted[j] + 1) {
                        j++;
                    }
                    st.setLong(1, sorted[i]);
                    st.setLong(2, sorted[j]);
                    st.addBatch();
                    i = j + 1;
                }
                st.executeBatch();
            }
            return null;
        });
    }

    /** The seq of the first event the broker has not acknowledged, or lastSeq + 1 when there is none. */
    public synchronized long firstUnacknowledged() throws JournalException {
        return queryLong("SELECT coalesce(min(seq), (SELECT last_seq FROM journal_state WHERE id = 1) + 1) FROM event WHERE acked = 0");
    }

    /**
     * Deletes acknowledged events recorded before {@code before} (all acknowledged ones when null).
     * An event the broker has not acknowledged is never deleted.
     *
     * @return how many were deleted
     */
    public synchronized int pruneAcknowledged(Instant before) throws JournalException {
        String sql = before == null ? "DELETE FROM event WHERE acked = 1" : "DELETE FROM event WHERE acked = 1 AND time < ?";
        try (PreparedStatement st = db.prepareStatement(sql)) {
            if (before != null) {
                st.setString(1, EventTime.format(before));
            }
            return st.executeUpdate();
        } catch (SQLException e) {
            throw SqliteFile.translate(file, "journal", "write", e);
        }
    }

    /**
     * Up to {@code max} events after {@code afterSeq} as CloudEvents JSON text, ready to publish:
     * the stored data is spliced in as it is, not parsed and written again.
     */
    public synchronized List<OutgoingEvent> outgoingAfter(long afterSeq, int max, String source) throws JournalException {
        List<OutgoingEvent> out = new ArrayList<>();
        try (PreparedStatement st = db.prepareStatement(
                "SELECT seq, id, type, time, clock_unsynced, data FROM event WHERE seq > ? ORDER BY seq LIMIT ?")) {
            st.setLong(1, afterSeq);
            st.setInt(2, max);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
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
                    out.add(new OutgoingEvent(rs.getLong(1), rs.getString(3), json.toString().getBytes(StandardCharsets.UTF_8)));
                }
            }
        } catch (SQLException e) {
            throw SqliteFile.translate(file, "journal", "read", e);
        }
        return out;
    }

    /** Moves the write-ahead log into the database and truncates it: gives back its space on a full partition. */
    public synchronized void checkpoint() throws JournalException {
        try (Statement st = db.createStatement()) {
            st.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        } catch (SQLException e) {
            throw SqliteFile.translate(file, "journal", "checkpoint", e);
        }
    }

    /** An event from a row of {@code seq, id, type, time, clock_unsynced, data}. */
    private static RecordedEvent event(ResultSet rs) throws SQLException {
        return new RecordedEvent(rs.getLong(1), rs.getString(2), rs.getString(3),
                Instant.parse(rs.getString(4)), rs.getInt(5) != 0, new JsonObject(rs.getString(6)));
    }

    /** A PRAGMA's value, for the checks that prove the durability settings are in force. */
    public synchronized String pragma(String name) throws JournalException {
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("PRAGMA " + name)) {
            return rs.getString(1);
        } catch (SQLException e) {
            throw SqliteFile.translate(file, "journal", "read", e);
        }
    }

    public Path file() {
        return file;
    }

    @Override
    public synchronized void close() {
        SqliteFile.closeQuietly(db);
    }

    private long queryLong(String sql) throws JournalException {
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.getLong(1);
        } catch (SQLException e) {
            throw SqliteFile.translate(file, "journal", "read", e);
        }
    }

    private void restoreAutoCommitQuietly() {
        try {
            db.setAutoCommit(true);
        } catch (SQLException ignored) {
            // SQLite may have rolled back by itself already (SQLITE_FULL does): nothing is open
        }
    }

    private void rollbackQuietly() {
        try {
            db.rollback();
        } catch (SQLException ignored) {
            // the failure that got us here is the one worth reporting
        }
    }
}
