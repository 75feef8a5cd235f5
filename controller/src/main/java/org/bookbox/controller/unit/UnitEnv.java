package org.bookbox.controller.unit;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.bookbox.controller.event.BoxEvent;
import org.bookbox.controller.journal.EventRecorder;
import org.bookbox.controller.metrics.BoxMetrics;
import org.bookbox.controller.screen.ReaderScreen;
import org.bookbox.controller.store.Storage;
import org.bookbox.controller.token.TokenVerifier;
import org.bookbox.drivers.part.Threads;
import org.bookbox.drivers.time.Timers;
import org.tinylog.Logger;

/**
 * What a unit is given by the agent: its own event-loop context (all its state is touched there
 * only), the recorder, timers, the library it belongs to, and whether there is room to record.
 */
public record UnitEnv(Context context, EventRecorder recorder, Timers timers, Clock clock, TokenVerifier tokens,
                      String libraryIsil, String location, Storage storage, BoxMetrics metrics, ReaderScreen screen,
                      Threads threads) {

    /** Journals an event on the recorder's writer thread. */
    public void record(BoxEvent event) {
        recorder.record(event);
    }

    public Worker worker() {
        return Worker.on(context);
    }

    /** Runs a driver callback on the unit's context; once the agent's loops are closed, nothing runs. */
    public void onContext(Runnable task) {
        try {
            context.runOnContext(v -> task.run());
        } catch (RejectedExecutionException e) {
            // the agent is stopping: a driver's last word (a scanner going away) has nobody to hear it
        }
    }

    /** Runs a task on the unit's context and waits for it, at most {@code grace} (the agent is stopping). */
    public void onContextAndWait(Runnable task, Duration grace) {
        if (Vertx.currentContext() == context) {
            task.run();
            return;
        }
        CountDownLatch done = new CountDownLatch(1);
        context.runOnContext(v -> {
            try {
                task.run();
            } finally {
                done.countDown();
            }
        });
        try {
            if (!done.await(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                Logger.error("unit loop did not answer within {} ms", grace.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
