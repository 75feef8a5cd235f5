package org.bookbox.provisioning;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.bookbox.controller.Agent;
import org.bookbox.controller.event.BoxEvent;
import org.bookbox.controller.event.EventJson;
import org.bookbox.controller.housekeeping.StoresAtStart;
import org.bookbox.controller.journal.Journal;
import org.bookbox.controller.journal.RecordedEvent;
import org.bookbox.controller.lifecycle.AgentStartException;
import org.bookbox.controller.lifecycle.DataDirectory;
import org.bookbox.controller.store.JournalException;
import org.bookbox.controller.token.TokenState;

/**
 * The box's journal and token state, opened by the tool while the agent is stopped, the way the
 * agent opens them (the seq mark first, the two reconciled), so that what the tool records takes
 * the next seq: {@code seq} goes on across re-provisioning, and a wiped journal continues after the mark.
 */
final class BoxStores implements AutoCloseable {

    private final TokenState tokens;
    private final Journal journal;
    private final Clock clock;

    private BoxStores(TokenState tokens, Journal journal, Clock clock) {
        this.tokens = tokens;
        this.journal = journal;
        this.clock = clock;
    }

    static BoxStores open(Path dataDir, Clock clock) throws JournalException, AgentStartException {
        DataDirectory.prepare(dataDir);
        TokenState tokens = TokenState.open(dataDir);
        try {
            Journal journal = Journal.open(dataDir, clock, () -> false, tokens.seqMark());
            BoxStores stores = new BoxStores(tokens, journal, clock);
            // what the reconciliation finds is recorded now: the agent, finding the stores whole, will not
            for (BoxEvent.Alarm alarm : StoresAtStart.reconcile(journal, tokens, clock)) {
                stores.record(alarm);
            }
            return stores;
        } catch (JournalException e) {
            tokens.close();
            throw e;
        }
    }

    /** Whether a provisioning bundle's id was used on this box before. */
    boolean used(String bundleId) throws JournalException {
        return tokens.used(key(bundleId));
    }

    /** Remembers a bundle's id until it expires, so that it cannot be used again. */
    void spend(String bundleId, long expiresEpochSecond) throws JournalException {
        tokens.remember(key(bundleId), expiresEpochSecond);
    }

    private static String key(String bundleId) {
        return "provision:" + bundleId;
    }

    /** The latest the box knows the time to be: its clock, or the last-known-good one if that is later. */
    long now() {
        return Math.max(clock.instant().getEpochSecond(), tokens.lastKnownGood());
    }

    RecordedEvent provisioned(String detail) throws JournalException {
        return record(new BoxEvent.Lifecycle(BoxEvent.Phase.PROVISIONED, Agent.VERSION, detail));
    }

    private RecordedEvent record(BoxEvent event) throws JournalException {
        return journal.append(event.type(), EventJson.data(event));
    }

    /** The files the stores are kept in (for giving them to the service user). */
    static List<Path> files(Path dataDir) {
        Path journal = dataDir.resolve(Journal.FILE_NAME);
        return List.of(dataDir, journal, Path.of(journal + "-wal"), Path.of(journal + "-shm"),
                dataDir.resolve(TokenState.FILE_NAME), dataDir.resolve(TokenState.FILE_NAME + "-wal"), dataDir.resolve(TokenState.FILE_NAME + "-shm"));
    }

    @Override
    public void close() {
        journal.close();
        tokens.close();
    }
}
