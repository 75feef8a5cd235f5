package org.bookbox.drivers.gpio;

import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.DigitalStateChangeListener;
import java.util.function.Consumer;
import org.bookbox.drivers.output.Output;

/** One GPIO output line; {@code activeLow} for relay boards that switch on a low level. */
public final class GpioOutput implements Output {

    private final DigitalOutput line;
    private final boolean activeLow;

    GpioOutput(DigitalOutput line, boolean activeLow) {
        this.line = line;
        this.activeLow = activeLow;
    }

    @Override
    public void set(boolean on) {
        line.state(on != activeLow ? DigitalState.HIGH : DigitalState.LOW);
    }

    @Override
    public boolean isOn() {
        return line.isHigh() != activeLow;
    }

    /** Called on every change of the output's logical state (for the simulator and benchmarks). */
    public void onChange(Consumer<Boolean> listener) {
        line.addListener((DigitalStateChangeListener) e ->
                listener.accept((e.state() == DigitalState.HIGH) != activeLow));
    }

    DigitalOutput line() {
        return line;
    }

    /** The electrical level on the pin, as a technician's meter would show it. */
    public boolean levelHigh() {
        return line.isHigh();
    }

    @Override
    public String toString() {
        return line.name();
    }
}
