package org.bookbox.controller.journal;

import java.util.List;

/**
 * The journal's schema as a list of migrations; {@code PRAGMA user_version} says how many have run.
 * A migration is only ever appended, never edited: boxes in the field carry every older version.
 */
final class Schema {

    private Schema() {
    }

    static final List<List<String>> MIGRATIONS = List.of(
            // 1: events with their gap-free seq, and the counter that hands seq out
            List.of(
                    """
                    CREATE TABLE event (
                      seq            INTEGER PRIMARY KEY,
                      id             TEXT    NOT NULL UNIQUE,
                      type           TEXT    NOT NULL,
                      time           TEXT    NOT NULL,
                      clock_unsynced INTEGER NOT NULL DEFAULT 0,
                      data           TEXT    NOT NULL,
                      acked          INTEGER NOT NULL DEFAULT 0
                    )""",
                    // last_seq lives apart from the events so that pruning old events never lets a seq be handed out twice
                    "CREATE TABLE journal_state (id INTEGER PRIMARY KEY CHECK (id = 1), last_seq INTEGER NOT NULL)",
                    "INSERT INTO journal_state (id, last_seq) VALUES (1, 0)",
                    "CREATE INDEX event_unacked ON event (acked, seq)"),
            // 2: returns read in the chute whose security write has not been confirmed yet
            List.of("CREATE TABLE pending_return (uid TEXT PRIMARY KEY, unit TEXT NOT NULL, data TEXT NOT NULL)"),
            // 3: door sessions started and not yet ended: a session open at a crash ends at the next start
            List.of("CREATE TABLE open_session (session TEXT PRIMARY KEY, unit TEXT NOT NULL, door TEXT NOT NULL, data TEXT NOT NULL)"),
            // 4: replies to commands, kept until the broker has acknowledged them (they have no seq: they are not events)
            List.of("CREATE TABLE reply (n INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, payload TEXT NOT NULL)"),
            // 5: acknowledgements as a watermark (every event up to it is acknowledged): one row written per run of
            // PUBACKs instead of a flag rewritten in every event's row, and no index to keep up on each append.
            // The acked column stays (a migration never rewrites a table) and is no longer read.
            List.of("ALTER TABLE journal_state ADD COLUMN acked_through INTEGER NOT NULL DEFAULT 0",
                    "UPDATE journal_state SET acked_through = coalesce((SELECT min(seq) FROM event WHERE acked = 0), last_seq + 1) - 1",
                    "DROP INDEX event_unacked"),
            // 6: the code that opened a session is spent in its note (one fsync before the door opens, not a second
            // one in tokens.db, which takes it just after); the session's end keeps it here until it expires, and
            // tokens.db takes these at every start. Without rowid: one b-tree to write, not two.
            List.of("CREATE TABLE spent_code (jti TEXT PRIMARY KEY, exp INTEGER NOT NULL) WITHOUT ROWID"),
            // 7: checkpoints the writer ran in the quiet; counting one is the write that starts the log over
            // right after it (SQLite skips an update that changes nothing, so a count it is)
            List.of("ALTER TABLE journal_state ADD COLUMN quiet_checkpoints INTEGER NOT NULL DEFAULT 0"));

    static int latest() {
        return MIGRATIONS.size();
    }
}
