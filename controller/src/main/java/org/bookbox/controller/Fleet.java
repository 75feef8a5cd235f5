package org.bookbox.controller;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.bookbox.drivers.part.Threads;
import org.tinylog.Logger;

/**
 * What the agents of a fleet in one JVM share (fleet tests and the fleet benchmark): one Vert.x for
 * their event loops and local APIs, one scheduler for their MQTT clients' connections and keep-alive
 * pings, and one kind of thread for everything that blocks (virtual, see {@link Threads#forFleet()}).
 * A box in the field shares nothing and owns all of these. Made and closed by whoever runs the fleet,
 * never held in a static: two fleets in one JVM do not meet.
 */
public final class Fleet implements AutoCloseable {

    /** Idle scheduler threads end after this (each MQTT client's receive loop holds one while connected). */
    private static final Duration IDLE = Duration.ofSeconds(5);

    private final Vertx vertx;
    private final ScheduledThreadPoolExecutor scheduler;
    private final Threads threads;

    public Fleet() {
        this.threads = Threads.forFleet();
        this.vertx = Vertx.vertx(new VertxOptions());
        // a thread per task, from one delay queue: Paho's receive, send and callback loops run for as long as
        // their connection and must never wait for a pool thread; with virtual threads each costs a few KiB
        this.scheduler = new ScheduledThreadPoolExecutor(Integer.MAX_VALUE, threads.named("fleet-scheduler"));
        scheduler.setKeepAliveTime(IDLE.toMillis(), TimeUnit.MILLISECONDS);
        scheduler.allowCoreThreadTimeOut(true);
        scheduler.setRemoveOnCancelPolicy(true);
    }

    public Vertx vertx() {
        return vertx;
    }

    public ScheduledExecutorService scheduler() {
        return scheduler;
    }

    public Threads threads() {
        return threads;
    }

    /** After every agent of the fleet has stopped. */
    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            vertx.close().await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            Logger.warn("the fleet's event loops did not close: {}", e.getMessage());
        }
    }
}
