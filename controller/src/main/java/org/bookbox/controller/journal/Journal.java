package org.bookbox.controller.journal;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.bookbox.controller.event.EventTime;
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
    /** How far ahead the seq mark is raised: one extra durable write per this many events. */
    public static final long SEQ_RESERVE = 1000;

    private final Path file;
    private final Connection db;
    private final Clock clock;
    private final BooleanSupplier clockSynced;
    private final UuidV7 ids = new UuidV7();
    private final SeqMark mark;
    private final ReplyQueue replies = new ReplyQueue(this);
    private final Notes notes = new Notes(this);
    private final History history = new History(this);
    private final WriteAheadLog log = new WriteAheadLog(this);

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

    /** Replies to commands, kept until the broker acknowledges them. */
    public ReplyQueue replies() {
        return replies;
    }

    /** Notes of what is under way (returns before their event, sessions before their end), settled by their event. */
    public Notes notes() {
        return notes;
    }

    /** What the journal remembers that the box needs back after a loss or a restart. */
    public History history() {
        return history;
    }

    /** The write-ahead log's upkeep: checkpoints. */
    public WriteAheadLog log() {
        return log;
    }

    /** The connection, for the journal's other tables; used under this journal's lock. */
    Connection db() {
        return db;
    }

    /** A new event or reply id. */
    String nextId() {
        return ids.next(clock.instant().toEpochMilli()).toString();
    }

    JournalException failed(String action, SQLException e) {
        return SqliteFile.translate(file, "journal", action, e);
    }

    /**
     * Continues after a seq handed out before (the mark said so, the journal did not): the seqs in
     * between are a gap the backend sees, never reissued.
     */
    public synchronized void continueAfter(long seq) throws JournalException {
        update("UPDATE journal_state SET last_seq = max(last_seq, ?) WHERE id = 1", seq);
    }

    /** Appends one event durably and returns it with its seq and id. */
    public synchronized RecordedEvent append(String type, JsonObject data) throws JournalException {
        return append(type, data, (String) null);
    }

    /** Runs work in one transaction: committed whole, or rolled back whole (inside {@link #inOneTransaction}, part of its). */
    <T> T inTransaction(String action, Transactions.Work<T> work) throws JournalException {
        return Transactions.run(db, file, action, work);
    }

    /**
     * Runs several writes as one transaction (the writer's group commit): committed whole, or rolled
     * back whole, the first failure being the one reported. Readers wait for it, as for any write.
     */
    synchronized void inOneTransaction(Transactions.Batch batch) throws JournalException {
        Transactions.batch(db, file, batch);
    }

    /** Appends an event and, in the same transaction, forgets the pending return it settles. */
    public synchronized RecordedEvent append(String type, JsonObject data, String settlesPendingUid) throws JournalException {
        return append(type, data, settlesPendingUid == null ? null : new Settles(List.of("DELETE FROM pending_return WHERE uid = ?"), settlesPendingUid));
    }

    /**
     * Appends a session's event and, in the same transaction, forgets its open-session note, keeping
     * the code it spent (if a code opened it) until the code expires.
     */
    public synchronized RecordedEvent appendSessionEnd(JsonObject data, String session) throws JournalException {
        return append("session", data, new Settles(List.of(
                "INSERT OR IGNORE INTO spent_code (jti, exp) " + SpentCode.IN_OPEN_NOTES + " AND session = ?",
                "DELETE FROM open_session WHERE session = ?"), session));
    }

    /** A note the event settles: deleted in the event's own transaction (the statements, each on the key), so it is settled once or not at all. */
    private record Settles(List<String> sql, String key) {
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
                for (String sql : settles.sql()) {
                    try (PreparedStatement st = db.prepareStatement(sql)) {
                        st.setString(1, settles.key());
                        st.executeUpdate();
                    }
                }
            }
            return new RecordedEvent(seq, id, type, Instant.parse(EventTime.format(now)), unsynced, data.copy());
        });
    }

    /** One statement with one number, in a transaction of its own; the rows it changed. */
    int update(String sql, long value) throws JournalException {
        try (PreparedStatement st = db.prepareStatement(sql)) {
            st.setLong(1, value);
            return st.executeUpdate();
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
        return queryLong("SELECT count(*) FROM event WHERE seq > (SELECT acked_through FROM journal_state WHERE id = 1)");
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
                    out.add(RecordedEvent.of(rs));
                }
            }
        } catch (SQLException e) {
            throw SqliteFile.translate(file, "journal", "read", e);
        }
        return out;
    }

    /**
     * Every event up to {@code seq} is acknowledged by the broker: one row written, however many events
     * that is. The watermark never moves back (a late or repeated call changes nothing).
     *
     * <p>Written without an fsync of its own ({@code synchronous=NORMAL} for this one statement): the
     * next event's commit, whose fsync covers the whole log before it, makes it durable, and one lost to
     * a power cut only has those events sent again under their ids. Its own fsync would hold this
     * journal's lock while a session's note waits behind it.
     */
    public synchronized void acknowledgeThrough(long seq) throws JournalException {
        try (Statement st = db.createStatement()) {
            st.execute("PRAGMA synchronous = NORMAL");
            try {
                update("UPDATE journal_state SET acked_through = max(acked_through, ?) WHERE id = 1", seq);
            } finally {
                st.execute("PRAGMA synchronous = FULL");
            }
        } catch (SQLException e) {
            throw SqliteFile.translate(file, "journal", "write", e);
        }
    }

    /** The seq of the first event the broker has not acknowledged, or lastSeq + 1 when there is none. */
    public synchronized long firstUnacknowledged() throws JournalException {
        return queryLong("SELECT coalesce((SELECT min(seq) FROM event WHERE seq > s.acked_through), s.last_seq + 1) "
                + "FROM journal_state s WHERE s.id = 1");
    }

    /**
     * Deletes acknowledged events recorded before {@code before} (all acknowledged ones when null).
     * An event the broker has not acknowledged is never deleted.
     *
     * @return how many were deleted
     */
    public synchronized int pruneAcknowledged(Instant before) throws JournalException {
        String acked = "DELETE FROM event WHERE seq <= (SELECT acked_through FROM journal_state WHERE id = 1)";
        String sql = before == null ? acked : acked + " AND time < ?";
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
                    out.add(OutgoingEvent.of(rs, source));
                }
            }
        } catch (SQLException e) {
            throw SqliteFile.translate(file, "journal", "read", e);
        }
        return out;
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
}
