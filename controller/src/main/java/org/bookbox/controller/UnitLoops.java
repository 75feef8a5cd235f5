package org.bookbox.controller;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * An event-loop context of its own for each unit, on the event loops in turn. Contexts made with
 * {@code getOrCreateContext()} from one thread all land on that thread's event loop, so one unit
 * holding up its loop would hold up the others (found by the watchdog test); a deployment is given
 * the next event loop.
 */
final class UnitLoops {

    private UnitLoops() {
    }

    static Context next(Vertx vertx) {
        CompletableFuture<Context> made = new CompletableFuture<>();
        vertx.deployVerticle(new AbstractVerticle() {
            @Override
            public void start() {
                made.complete(context);
            }
        });
        try {
            return made.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("no event loop for a unit: " + e.getMessage(), e);
        }
    }
}
