package org.bookbox.controller.unit.doors;

import org.bookbox.controller.event.BoxEvent;
import org.bookbox.controller.event.Refusal;
import org.bookbox.controller.journal.SpentCode;
import org.bookbox.controller.screen.Notice;
import org.bookbox.controller.unit.Feedback;
import org.bookbox.controller.unit.UnitEnv;
import org.tinylog.Logger;

/**
 * How a unit settles a scanned code once it is checked: a genuine code is spent in the token state
 * (ADR 0004), a refused one answered on the screen, the indicator and the lock-out, and journaled as
 * {@code scan.rejected}. Used on the unit's loop only.
 */
final class CodeAnswers {

    private final String unit;
    private final UnitEnv env;
    private final Feedback feedback;
    /** A locker's lock-out; null for a nest. */
    private final Lockout lockout;

    CodeAnswers(String unit, UnitEnv env, Feedback feedback, Lockout lockout) {
        this.unit = unit;
        this.env = env;
        this.feedback = feedback;
        this.lockout = lockout;
    }

    /** Spends a genuine code (null: none) off the loop, then runs {@code then} on the loop: a refusal answered is a code used. */
    void spend(SpentCode code, Runnable then) {
        if (code == null) {
            then.run();
            return;
        }
        env.worker().<Void>run(() -> {
            env.tokens().spend(code);
            return null;
        }, r -> {
            if (!r.ok()) {
                // claimed in memory still; a code that opened a door is in the journal too, taken again at the next start
                Logger.error("{}: code {} not written to the token state: {}", unit, code.jti(), r.failure().getMessage());
            }
            then.run();
        });
    }

    /** @param shown what the reader's screen says (a busy box says why it is busy) */
    void refuse(Refusal refusal, String detail, String jti, String sub, Notice shown) {
        Logger.info("{}: scan refused: {}", unit, detail);
        env.screen().show(shown);
        if (lockout != null) {
            lockout.refused(refusal);
        }
        env.record(new BoxEvent.ScanRejected(unit, refusal, jti, sub));
        feedback.refused();
    }
}
