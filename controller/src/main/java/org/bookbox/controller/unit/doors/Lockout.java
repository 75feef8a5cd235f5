package org.bookbox.controller.unit.doors;

import java.time.Duration;
import org.bookbox.controller.event.AlarmKind;
import org.bookbox.controller.event.Refusal;
import org.bookbox.controller.profile.UnitSpec.LockerSpec;
import org.bookbox.controller.unit.Alarms;
import org.bookbox.controller.unit.UnitEnv;

/**
 * A locker's scanner lock-out: after so many refused genuine codes in a row, patron codes are refused
 * for a while (staff and technicians still get in: they are who comes to end it). It outlives a
 * restart. Touched on the unit's context only.
 */
final class Lockout {

    private final LockerSpec spec;
    private final Alarms alarms;
    private final UnitEnv env;
    private int wrongInARow;
    private boolean active;

    Lockout(LockerSpec spec, Alarms alarms, UnitEnv env) {
        this.spec = spec;
        this.alarms = alarms;
        this.env = env;
    }

    boolean active() {
        return active;
    }

    /** A code was refused: only a refused genuine code counts towards a lock-out. */
    void refused(Refusal refusal) {
        if (refusal.ofAGenuineCode() && ++wrongInARow >= spec.wrongCodesBeforeLockout() && !active) {
            active = true;
            alarms.raise(AlarmKind.SCANNER_LOCKOUT, null, wrongInARow + " refused codes in a row; patron codes refused for "
                    + spec.lockout().toSeconds() + " s");
            endAfter(spec.lockout());
        }
    }

    void admitted() {
        wrongInARow = 0;
    }

    /**
     * One still running at the last stop goes on for what is left of it, and one that ran out while
     * the agent was down is cleared by an event, so the backend never sees it hang.
     */
    void resume() {
        env.recorder().call(j -> j.history().lastAlarm(spec.name(), AlarmKind.SCANNER_LOCKOUT.wire())).whenComplete((last, failure) -> env.onContext(() -> {
            if (failure != null || last.isEmpty() || !last.get().data().getBoolean("active", false)) {
                return;
            }
            Duration left = Duration.between(env.clock().instant(), last.get().time().plus(spec.lockout()));
            alarms.adopt(AlarmKind.SCANNER_LOCKOUT, null, last.get().data().getString("detail"));
            if (left.isNegative() || left.isZero()) {
                alarms.clear(AlarmKind.SCANNER_LOCKOUT, null, "lock-out over (ran out while the agent was stopped)");
                return;
            }
            active = true;
            endAfter(left);
        }));
    }

    private void endAfter(Duration left) {
        env.timers().after(left, () -> env.onContext(() -> {
            active = false;
            wrongInARow = 0;
            alarms.clear(AlarmKind.SCANNER_LOCKOUT, null, "lock-out over");
        }));
    }
}
