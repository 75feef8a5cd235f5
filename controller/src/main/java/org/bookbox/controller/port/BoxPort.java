package org.bookbox.controller.port;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Everything the outside may ask of a box, whether it asks over the local API or as a signed
 * command through the uplink: one place, so both ask the same thing the same way. Futures fail with
 * {@link Refused}.
 */
public interface BoxPort {

    /** The contract's status document. */
    JsonObject status();

    /**
     * Journaled events after {@code seq}, as CloudEvents, in order.
     *
     * @throws Refused {@code unavailable} when the journal cannot be read
     */
    JsonArray events(long afterSeq, int limit) throws Refused;

    /** Opens a door as if a valid code had been scanned; completes once the door is known unlatched. */
    CompletableFuture<JsonObject> unlock(String unit, String door, String mode, JsonObject actor, Duration openWithin);

    /** Takes stock now; the {@code inventory} events follow. */
    CompletableFuture<JsonObject> inventory(String unit, String door);

    /** The box's counts and timings, as Prometheus text. */
    String metrics();

    /** Every unit's parts and where they are wired (doors, sensors, antennas, bins), as the profile says. */
    JsonArray wiring();

    /** The non-destructive self-test: every reader, scanner and door contact asked how it is. */
    CompletableFuture<JsonObject> selftest(String unit);
}
