package org.bookbox.controller.unit;

import java.time.Duration;
import org.bookbox.drivers.output.Output;
import org.bookbox.drivers.time.Timers;

/**
 * What the reader sees and hears at the box, on its indicator (LED or buzzer): a steady light when a
 * door is unlocked for them, three short blinks when a code is refused, and a slow blink for as
 * long as a door is left open.
 */
public final class Feedback {

    static final Duration ACCEPTED = Duration.ofSeconds(3);
    static final Duration BLINK = Duration.ofMillis(150);
    static final Duration SLOW_BLINK = Duration.ofMillis(1000);

    public enum Pattern { OFF, ACCEPTED, REFUSED, LEFT_OPEN }

    private final Output indicator;
    private final Timers timers;
    private Timers.Pending next;
    private Pattern pattern = Pattern.OFF;
    private boolean leftOpen;

    /** @param indicator the unit's indicator, or null where it has none */
    public Feedback(Output indicator, Timers timers) {
        this.indicator = indicator;
        this.timers = timers;
    }

    public Pattern pattern() {
        return pattern;
    }

    public void accepted() {
        show(Pattern.ACCEPTED);
        set(true);
        next = timers.after(ACCEPTED, this::settle);
    }

    public void refused() {
        show(Pattern.REFUSED);
        blink(6, BLINK);
    }

    /** While any door is left open the slow blink wins over everything but a fresh answer. */
    public void leftOpen(boolean active) {
        leftOpen = active;
        if (active && pattern != Pattern.ACCEPTED && pattern != Pattern.REFUSED) {
            show(Pattern.LEFT_OPEN);
            blink(Integer.MAX_VALUE, SLOW_BLINK);
        } else if (!active && pattern == Pattern.LEFT_OPEN) {
            settle();
        }
    }

    public void off() {
        show(Pattern.OFF);
        set(false);
    }

    private void settle() {
        if (leftOpen) {
            pattern = Pattern.OFF;
            leftOpen(true);
        } else {
            off();
        }
    }

    private void blink(int toggles, Duration period) {
        set(true);
        step(toggles - 1, period, false);
    }

    private void step(int remaining, Duration period, boolean on) {
        if (remaining <= 0) {
            next = timers.after(period, this::settle);
            return;
        }
        next = timers.after(period, () -> {
            set(on);
            step(remaining == Integer.MAX_VALUE ? remaining : remaining - 1, period, !on);
        });
    }

    private void show(Pattern p) {
        if (next != null) {
            next.cancel();
            next = null;
        }
        pattern = p;
    }

    private void set(boolean on) {
        if (indicator != null) {
            indicator.set(on);
        }
    }
}
