package org.bookbox.controller.uplink;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** What the backend's commands act on: the agent's units. Futures fail with {@link CommandException}. */
public interface CommandTarget {

    /** Opens a door as if a valid token had been scanned; completes when the lock is energised. */
    CompletableFuture<JsonObject> unlock(String unit, String door, String mode, JsonObject actor, Duration openWithin);

    /** Takes stock now; the {@code inventory} events follow. */
    CompletableFuture<JsonObject> inventory(String unit, String door);

    /** The non-destructive self-test: every reader, scanner and door contact asked how it is. */
    CompletableFuture<JsonObject> selftest(String unit);

    /** The status document. */
    JsonObject status();

    /** Records an event (the lifecycle event of an applied configuration, the storage alarm). */
    void record(String type, JsonObject data);
}
