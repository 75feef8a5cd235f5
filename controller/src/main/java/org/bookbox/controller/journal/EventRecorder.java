package org.bookbox.controller.journal;

import io.vertx.core.json.JsonObject;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.tinylog.Logger;

/**
 * Appends events on a writer thread of their own, so that an fsync never stalls an event loop.
 * Appends run in the order they were asked for; the future completes once the event is durable.
 */
public final class EventRecorder implements AutoCloseable {

    private final Journal journal;
    private final ExecutorService writer;

    public EventRecorder(Journal journal, String deviceId) {
        this.journal = journal;
        this.writer = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "journal-writer-" + deviceId);
            t.setDaemon(true);
            return t;
        });
    }

    public CompletableFuture<RecordedEvent> record(String type, JsonObject data) {
        CompletableFuture<RecordedEvent> done = new CompletableFuture<>();
        try {
            writer.execute(() -> {
                try {
                    RecordedEvent e = journal.append(type, data);
                    Logger.debug("recorded #{} {}", e.seq(), type);
                    done.complete(e);
                } catch (JournalException | RuntimeException e) {
                    Logger.error("could not record a {} event {}: {}", type, data.encode(), e.getMessage());
                    done.completeExceptionally(e);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            done.completeExceptionally(new JournalException("journal is closed; " + type + " event " + data.encode() + " not recorded"));
        }
        return done;
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
