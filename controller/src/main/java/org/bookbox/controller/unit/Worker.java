package org.bookbox.controller.unit;

import io.vertx.core.Context;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
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
                // Vert.x runs a handler inside onComplete itself when the job has finished already (the loop was
                // preempted between the two calls): the outcome would arrive in the middle of the task that asked for
                // it (a shelf count ending a session inside the door's close, before the screen said "counting").
                // It always comes back as a task of its own.
                AtomicBoolean asking = new AtomicBoolean(true);
                context.<T>executeBlocking(job, false).onComplete(r -> {
                    Outcome<T> outcome = new Outcome<>(r.result(), r.cause());
                    if (asking.get()) {
                        context.runOnContext(v -> back.accept(outcome));
                    } else {
                        back.accept(outcome);
                    }
                });
                asking.set(false);
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
