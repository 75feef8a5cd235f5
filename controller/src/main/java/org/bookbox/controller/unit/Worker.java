package org.bookbox.controller.unit;

import io.vertx.core.Context;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * Runs blocking work (reader inventories, token state on disk) off the unit's event loop and hands
 * the outcome back on it. Tests use {@link #direct()} to run everything in line.
 */
public interface Worker {

    /** The outcome of a job: its value or what it threw. */
    record Outcome<T>(T value, Throwable failure) {
        public boolean ok() {
            return failure == null;
        }
    }

    <T> void run(Callable<T> job, Consumer<Outcome<T>> back);

    static Worker on(Context context) {
        return new Worker() {
            @Override
            public <T> void run(Callable<T> job, Consumer<Outcome<T>> back) {
                context.<T>executeBlocking(job, false).onComplete(r -> back.accept(new Outcome<>(r.result(), r.cause())));
            }
        };
    }

    static Worker direct() {
        return new Worker() {
            @Override
            public <T> void run(Callable<T> job, Consumer<Outcome<T>> back) {
                T value;
                try {
                    value = job.call();
                } catch (Exception e) {
                    back.accept(new Outcome<>(null, e));
                    return;
                }
                back.accept(new Outcome<>(value, null));
            }
        };
    }
}
