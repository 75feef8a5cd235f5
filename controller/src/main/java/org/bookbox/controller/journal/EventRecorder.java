package org.bookbox.controller.journal;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import org.bookbox.controller.event.BoxEvent;
import org.bookbox.controller.event.BoxEvent.Return;
import org.bookbox.controller.event.BoxEvent.SessionEnded;
import org.bookbox.controller.event.EventJson;
import org.bookbox.controller.metrics.BoxMetrics;
import org.bookbox.controller.store.JournalException;
import org.bookbox.drivers.part.Threads;
import org.tinylog.Logger;

/**
 * Appends events on a writer thread of their own, so that an fsync never stalls an event loop.
 * Appends run in the order they were asked for; the future completes once the event is durable.
 *
 * <p>Group commit: what was asked for while a transaction was being written (events, and the notes
 * that may share a transaction with them) is written in the next transaction together, in order, so
 * that a burst costs one fsync per batch instead of one per event; an event that comes alone is one
 * transaction and one fsync, as before. Each future completes only after its batch is committed.
 * A batch that fails is undone whole and its jobs are tried again one by one, so that a bad one
 * fails alone. Other work ({@link #call}) runs alone, in its place in the order.
 */
public final class EventRecorder implements AutoCloseable {

    /** The most jobs one transaction takes: a burst of returns is a few hundred at most. */
    static final int MAX_BATCH = 256;

    /**
     * After this many commits, the writer moves the write-ahead log into the database once it has
     * been idle for {@link #QUIET}: left to SQLite, that checkpoint (a copy and an fsync of the
     * database) falls on whichever commit crosses its threshold, one session note in a few dozen,
     * which is a door opening milliseconds late. SQLite's own threshold stays as the bound in a burst.
     * The log is started over with it (ADR 0015), so the next note does not pay for the new header.
     */
    static final int CHECKPOINT_AFTER_COMMITS = 8;
    static final Duration QUIET = Duration.ofMillis(20);

    private final Journal journal;
    private final LinkedBlockingDeque<Job<?>> queue = new LinkedBlockingDeque<>();
    private final Thread writer;
    private volatile boolean closed;
    /** Written by the writer thread only. */
    private volatile long transactions;
    /** The writer thread's only. */
    private int commitsSinceCheckpoint;
    private final List<Runnable> onRecorded = new CopyOnWriteArrayList<>();
    private volatile Runnable onDiskFull = () -> { };
    private volatile BoxMetrics metrics;

    /**
     * One piece of work for the writer.
     *
     * @param batchable  whether it may share a transaction with the jobs around it (appends and notes)
     * @param type       the event's type for the metrics and the log, or null for work that is no event
     * @param afterDone  run after the future completes (listeners of recorded events)
     */
    private record Job<T>(JournalWork<T> work, boolean batchable, String type, JsonObject data,
                          Runnable afterDone, CompletableFuture<T> done) {

        T run(Journal journal) throws JournalException {
            return work.run(journal);
        }

        /** Names what is written, for the log line of a failure; null for other work (its caller says it). */
        String what() {
            return type == null ? null : type + " event " + data.encode();
        }
    }

    /** Tells the writer to stop once everything before it is done. */
    private static final Job<Void> STOP = new Job<>(j -> null, false, null, null, () -> { }, new CompletableFuture<>());

    public EventRecorder(Journal journal, String deviceId) {
        this(journal, deviceId, Threads.PLATFORM);
    }

    public EventRecorder(Journal journal, String deviceId, Threads threads) {
        this.journal = journal;
        this.writer = threads.newThread("journal-writer-" + deviceId, this::write);
        writer.start();
    }

    /** Records an event of the contract; the future completes once it is durable. */
    public CompletableFuture<RecordedEvent> record(BoxEvent event) {
        JsonObject data = EventJson.data(event);
        return append(event.type(), data, j -> j.append(event.type(), data));
    }

    /** Counts what is made durable (and what it says of sessions and refusals), and how long it took. */
    public void measure(BoxMetrics into) {
        this.metrics = into;
    }

    private void measured(String type, JsonObject data, long nanos) {
        BoxMetrics m = metrics;
        if (m == null) {
            return;
        }
        m.journaled.inc(type);
        m.commit.observeNanos(nanos);
        if (type.equals("session") && data.getValue("outcome") instanceof String outcome) {
            m.sessions.inc(outcome);
        } else if (type.equals("scan.rejected") && data.getValue("reason") instanceof String reason) {
            m.refusals.inc(reason);
        }
    }

    private void notifyRecorded() {
        for (Runnable listener : onRecorded) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                Logger.warn("event recorded, but its listener failed: {}", e.getMessage());
            }
        }
    }

    /** Told when a write failed for want of space (the box then stops taking what it cannot record). */
    public void onDiskFull(Runnable listener) {
        this.onDiskFull = listener;
    }

    /** Told after each event is durable, on the writer thread (the uplink's cue to publish, housekeeping's to look at the space left). */
    public void onRecorded(Runnable listener) {
        onRecorded.add(listener);
    }

    /** Records a return and forgets the pending-return note it settles (see {@link Notes#addPendingReturns}). */
    public CompletableFuture<RecordedEvent> record(Return event, String settlesPendingUid) {
        JsonObject data = EventJson.data(event);
        return append(event.type(), data, j -> j.append(event.type(), data, settlesPendingUid));
    }

    /** Records a session's end and forgets its open-session note (see {@link Notes#noteOpenSession}). */
    public CompletableFuture<RecordedEvent> recordSessionEnd(SessionEnded event) {
        JsonObject data = EventJson.data(event);
        return append(event.type(), data, j -> j.appendSessionEnd(data, event.session()));
    }

    private CompletableFuture<RecordedEvent> append(String type, JsonObject data, JournalWork<RecordedEvent> work) {
        return enqueue(new Job<>(work, true, type, data, this::notifyRecorded, new CompletableFuture<>()));
    }

    /** Runs journal work on the writer thread, alone, in order with the appends. */
    public <T> CompletableFuture<T> call(JournalWork<T> work) {
        return enqueue(new Job<>(work, false, null, null, () -> { }, new CompletableFuture<>()));
    }

    /**
     * Writes a note (a pending return, an open session) on the writer thread, in order with the
     * appends and in the same transaction as those around it where it can: the note of the next
     * window and the returns of the last one take one fsync. Only for short writes to the notes.
     */
    public <T> CompletableFuture<T> note(JournalWork<T> work) {
        return enqueue(new Job<>(work, true, null, null, () -> { }, new CompletableFuture<>()));
    }

    private <T> CompletableFuture<T> enqueue(Job<T> job) {
        if (closed) {
            String what = job.what();
            job.done().completeExceptionally(new JournalException(what == null ? "journal is closed" : "journal is closed; " + what + " not recorded"));
        } else {
            queue.add(job);
        }
        return job.done();
    }

    /** The writer thread: takes the next job and whatever batchable jobs queued behind it. */
    private void write() {
        List<Job<?>> batch = new ArrayList<>();
        while (true) {
            Job<?> first;
            try {
                first = commitsSinceCheckpoint >= CHECKPOINT_AFTER_COMMITS ? queue.poll(QUIET.toMillis(), TimeUnit.MILLISECONDS) : queue.take();
            } catch (InterruptedException e) {
                return;
            }
            if (first == null) {
                checkpointInTheQuiet();
                continue;
            }
            if (first == STOP) {
                return;
            }
            batch.clear();
            batch.add(first);
            while (first.batchable() && batch.size() < MAX_BATCH && queue.peek() != null && queue.peek().batchable()) {
                batch.add(queue.poll());
            }
            if (batch.size() == 1) {
                alone(first);
            } else {
                together(batch);
            }
        }
    }

    /** One job, one transaction (if it writes), its outcome to its future. */
    private <T> void alone(Job<T> job) {
        long started = System.nanoTime();
        T value;
        try {
            value = job.run(journal);
        } catch (JournalException | RuntimeException e) {
            failed(job, e);
            return;
        }
        if (job.batchable()) {
            committed();
        }
        finish(job, value, System.nanoTime() - started);
    }

    private void checkpointInTheQuiet() {
        commitsSinceCheckpoint = 0;
        try {
            journal.log().checkpointAndStartOver();
        } catch (JournalException e) {
            // SQLite checkpoints on its own at its threshold: nothing is lost by a checkpoint not done
            Logger.warn("journal checkpoint failed: {}", e.getMessage());
        }
    }

    private void committed() {
        commitsSinceCheckpoint++;
        transactions++;
        BoxMetrics m = metrics;
        if (m != null) {
            m.transactions.inc();
        }
    }

    /** Transactions the writer committed for appends and notes so far (a burst shares one). */
    public long transactions() {
        return transactions;
    }

    /** Jobs in one transaction; if it fails, undone whole and each tried alone. */
    private void together(List<Job<?>> batch) {
        long started = System.nanoTime();
        List<Object> values = new ArrayList<>(batch.size());
        try {
            journal.inOneTransaction(() -> {
                for (Job<?> job : batch) {
                    values.add(job.run(journal));
                }
            });
        } catch (JournalException | RuntimeException e) {
            Logger.warn("a batch of {} writes failed ({}); writing them one by one", batch.size(), e.getMessage());
            batch.forEach(this::alone);
            return;
        }
        long nanos = System.nanoTime() - started;
        committed();
        for (int i = 0; i < batch.size(); i++) {
            finishUnchecked(batch.get(i), values.get(i), nanos);
        }
    }

    @SuppressWarnings("unchecked")
    private <T> void finishUnchecked(Job<T> job, Object value, long nanos) {
        finish(job, (T) value, nanos);
    }

    private <T> void finish(Job<T> job, T value, long nanos) {
        if (job.type() != null) {
            measured(job.type(), job.data(), nanos);
            if (value instanceof RecordedEvent e) {
                Logger.debug("recorded #{} {}", e.seq(), job.type());
            }
        }
        job.done().complete(value);
        job.afterDone().run();
    }

    /** A write that failed for want of space is reported to {@link #onDiskFull}. */
    private void failed(Job<?> job, Exception e) {
        String what = job.what();
        if (what != null) {
            Logger.error("could not record a {}: {}", what, e.getMessage());
        }
        if (e instanceof JournalException j && j.diskFull()) {
            onDiskFull.run();
        }
        job.done().completeExceptionally(e);
    }

    /** Work against the journal. */
    public interface JournalWork<T> {
        T run(Journal journal) throws JournalException;
    }

    /** Waits for every queued append to finish; what is asked for after this is refused. */
    @Override
    public void close() {
        closed = true;
        queue.add(STOP);
        try {
            writer.join(TimeUnit.SECONDS.toMillis(10));
            if (writer.isAlive()) {
                Logger.error("journal writer did not finish within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
