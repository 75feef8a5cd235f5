package org.bookbox.controller.lifecycle;

import io.vertx.core.Vertx;
import java.time.Duration;
import org.bookbox.drivers.time.Timers;

/** Timers on the agent's Vert.x instance. */
public final class VertxTimers implements Timers {

    private final Vertx vertx;

    public VertxTimers(Vertx vertx) {
        this.vertx = vertx;
    }

    @Override
    public Pending after(Duration delay, Runnable task) {
        long id = vertx.setTimer(Math.max(1, delay.toMillis()), t -> task.run());
        return () -> vertx.cancelTimer(id);
    }
}
