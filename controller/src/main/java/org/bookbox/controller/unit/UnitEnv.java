package org.bookbox.controller.unit;

import io.vertx.core.Context;
import org.bookbox.controller.journal.EventRecorder;
import org.bookbox.drivers.time.Timers;

/**
 * What a unit is given by the agent: its own event-loop context (all its state is touched there
 * only), the recorder, timers and the library it belongs to.
 */
public record UnitEnv(Context context, EventRecorder recorder, Timers timers, String libraryIsil) {

    /** Runs a driver callback on the unit's context. */
    public void onContext(Runnable task) {
        context.runOnContext(v -> task.run());
    }
}
