package org.bookbox.controller;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.bookbox.controller.config.AgentConfig;
import org.bookbox.controller.event.BoxEvent;
import org.bookbox.controller.event.EventTime;
import org.bookbox.controller.housekeeping.Housekeeping;
import org.bookbox.controller.housekeeping.StoresAtStart;
import org.bookbox.controller.journal.EventRecorder;
import org.bookbox.controller.journal.Journal;
import org.bookbox.controller.lifecycle.AgentStartException;
import org.bookbox.controller.lifecycle.DataDirectory;
import org.bookbox.controller.store.JournalException;
import org.bookbox.controller.store.Storage;
import org.bookbox.controller.token.TokenState;
import org.bookbox.controller.unit.Unit;
import org.bookbox.drivers.part.Threads;
import org.tinylog.Logger;

/**
 * What an agent keeps on disk, opened in the order that loses nothing (tokens.db with its seq mark
 * before the journal, the two reconciled) and closed in the reverse order: the journal, its writer,
 * the token state and their housekeeping, which runs whatever the uplink does.
 */
final class AgentStores {

    final TokenState tokens;
    final Journal journal;
    final EventRecorder recorder;
    final Housekeeping housekeeping;
    /** The alarms the reconciliation found (a journal reset, lost token state), to record once the agent is up. */
    final List<BoxEvent.Alarm> alarmsAtStart;

    private AgentStores(TokenState tokens, Journal journal, EventRecorder recorder, Housekeeping housekeeping, List<BoxEvent.Alarm> alarms) {
        this.tokens = tokens;
        this.journal = journal;
        this.recorder = recorder;
        this.housekeeping = housekeeping;
        this.alarmsAtStart = alarms;
    }

    static AgentStores open(AgentConfig config, Clock clock, BooleanSupplier clockSynced, Storage storage, Threads threads)
            throws JournalException, AgentStartException {
        DataDirectory.prepare(config.dataDir());
        TokenState tokens = TokenState.open(config.dataDir());
        Journal journal;
        try {
            journal = Journal.open(config.dataDir(), clock, clockSynced, tokens.seqMark());
        } catch (JournalException e) {
            tokens.close();
            throw e;
        }
        List<BoxEvent.Alarm> alarms = StoresAtStart.reconcile(journal, tokens, clock);
        EventRecorder recorder = new EventRecorder(journal, config.deviceId(), threads);
        Housekeeping housekeeping = new Housekeeping(config.deviceId(), config.dataDir(), journal, tokens, config.uplink(), clock,
                clockSynced, recorder::record, storage, threads);
        recorder.onDiskFull(housekeeping::diskFull);
        recorder.onRecorded(housekeeping::afterWrite);
        housekeeping.start();
        return new AgentStores(tokens, journal, recorder, housekeeping, alarms);
    }

    /** Records an event and waits until it is durable (the agent's own lifecycle events). */
    void recordNow(BoxEvent event) throws JournalException {
        try {
            recorder.record(event).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof JournalException j ? j : new JournalException(e.getCause().toString(), e.getCause());
        } catch (TimeoutException e) {
            throw new JournalException("journal did not answer within 30 s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JournalException("interrupted while recording " + event.type());
        }
    }

    /** The contract's status document: the units' own, with the journal's and the token state's figures. */
    JsonObject status(List<Unit> units, String version, Instant since, Instant now, boolean clockSynced, JsonObject uplink) {
        JsonArray us = new JsonArray();
        units.forEach(u -> us.add(u.status()));
        long queue = -1;
        long lastSeq = -1;
        long configVersion = 0;
        try {
            queue = journal.unacknowledged();
            lastSeq = journal.lastSeq();
            configVersion = tokens.documentVersion("config");
        } catch (JournalException e) {
            Logger.error("status without journal figures: {}", e.getMessage());
        }
        return new JsonObject().put("online", true).put("version", version)
                .put("since", EventTime.format(since)).put("time", EventTime.format(now))
                .put("queue", queue).put("last_seq", lastSeq).put("clock_synced", clockSynced)
                .put("config_version", configVersion).put("revocations_version", tokens.revocations().version())
                .put("uplink", uplink).put("units", us);
    }

    void close() {
        housekeeping.close();
        recorder.close();
        journal.close();
        tokens.close();
    }
}
