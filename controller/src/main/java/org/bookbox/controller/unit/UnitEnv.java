package org.bookbox.controller.unit;

import io.vertx.core.Context;
import java.time.Clock;
import org.bookbox.controller.journal.EventRecorder;
import org.bookbox.controller.session.Worker;
import org.bookbox.controller.token.TokenVerifier;
import org.bookbox.drivers.time.Timers;

/**
 * What a unit is given by the agent: its own event-loop context (all its state is touched there
 * only), the recorder, timers and the library it belongs to.
 */
public record UnitEnv(Context context, EventRecorder recorder, Timers timers, Clock clock, TokenVerifier tokens,
                      String libraryIsil, String location) {

    /** Journals an event on the recorder's writer thread. */
    public void record(String type, io.vertx.core.json.JsonObject data) {
        recorder.record(type, data);
    }

    public Worker worker() {
        return Worker.on(context);
    }

    /** Runs a driver callback on the unit's context. */
    public void onContext(Runnable task) {
        context.runOnContext(v -> task.run());
    }
}
