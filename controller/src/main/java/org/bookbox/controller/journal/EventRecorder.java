package org.bookbox.controller.journal;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.bookbox.controller.event.BoxEvent;
import org.bookbox.controller.event.BoxEvent.Return;
import org.bookbox.controller.event.BoxEvent.SessionEnded;
import org.bookbox.controller.event.EventJson;
import org.bookbox.controller.metrics.BoxMetrics;
import org.bookbox.controller.store.JournalException;
import org.tinylog.Logger;

/**
 * Appends events on a writer thread of their own, so that an fsync never stalls an event loop.
 * Appends run in the order they were asked for; the future completes once the event is durable.
 */
public final class EventRecorder implements AutoCloseable {

    private final Journal journal;
    private final ExecutorService writer;
    private final List<Runnable> onRecorded = new CopyOnWriteArrayList<>();
    private volatile Runnable onDiskFull = () -> { };
    private volatile BoxMetrics metrics;

    public EventRecorder(Journal journal, String deviceId) {
        this.journal = journal;
        this.writer = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "journal-writer-" + deviceId);
            t.setDaemon(true);
            return t;
        });
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
        String what = type + " event " + data.encode();
        return onWriter(j -> {
            long started = System.nanoTime();
            RecordedEvent e = work.run(j);
            measured(type, data, System.nanoTime() - started);
            Logger.debug("recorded #{} {}", e.seq(), type);
            return e;
        }, what, "journal is closed; " + what + " not recorded", this::notifyRecorded);
    }

    /** Runs journal work on the writer thread, in order with the appends. */
    public <T> CompletableFuture<T> call(JournalWork<T> work) {
        return onWriter(work, null, "journal is closed", () -> { });
    }

    /**
     * Runs work on the writer thread; its future completes with the work's outcome, then
     * {@code afterDone} runs. A write that failed for want of space is reported to {@link #onDiskFull}.
     *
     * @param what names what is written, for the log line of a failure (null: the caller says it)
     */
    private <T> CompletableFuture<T> onWriter(JournalWork<T> work, String what, String closed, Runnable afterDone) {
        CompletableFuture<T> done = new CompletableFuture<>();
        try {
            writer.execute(() -> {
                T value;
                try {
                    value = work.run(journal);
                } catch (JournalException | RuntimeException e) {
                    if (what != null) {
                        Logger.error("could not record a {}: {}", what, e.getMessage());
                    }
                    if (e instanceof JournalException j && j.diskFull()) {
                        onDiskFull.run();
                    }
                    done.completeExceptionally(e);
                    return;
                }
                done.complete(value);
                afterDone.run();
            });
        } catch (RejectedExecutionException e) {
            done.completeExceptionally(new JournalException(closed));
        }
        return done;
    }

    /** Work against the journal. */
    public interface JournalWork<T> {
        T run(Journal journal) throws JournalException;
    }

    /** Waits for every queued append to finish. */
    @Override
    public void close() {
        writer.shutdown();
        try {
            if (!writer.awaitTermination(10, TimeUnit.SECONDS)) {
                Logger.error("journal writer did not finish within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
