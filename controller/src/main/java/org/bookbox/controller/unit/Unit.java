package org.bookbox.controller.unit;

import io.vertx.core.json.JsonObject;
import java.util.List;
import org.bookbox.drivers.lock.Lock;

/** One physical box run by the agent: its state machine and the parts it owns. */
public interface Unit {

    String name();

    /** {@code dropbox}, {@code nest} or {@code locker}. */
    String kind();

    /** Every lock of the unit, so that the agent can release them all on any way out. */
    List<Lock> locks();

    /** Starts listening to the unit's parts; runs on the unit's own context. */
    void start();

    void stop();

    /**
     * An uncaught failure on this unit's loop: its locks have been released by the agent already;
     * end its sessions, raise an alarm and start the unit's state over. Runs on the unit's context; the agent's
     * other units are not touched.
     */
    void recover(Throwable cause);

    /**
     * Takes stock of a door's shelves now (all doors when {@code door} is null) and records an
     * {@code inventory} event with reason {@code requested}; false when the unit has no such shelves.
     */
    boolean inventory(String door);

    /** The non-destructive self-test: every part asked how it is. Blocking (reader I/O). */
    JsonObject selftest();

    /** This unit's entry in the status document: doors and active alarms. */
    JsonObject status();
}
