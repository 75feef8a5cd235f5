package org.bookbox.drivers.gpio;

import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.DigitalStateChangeListener;
import java.util.function.Consumer;
import org.bookbox.drivers.input.Input;

/** One GPIO input line; {@code activeLow} for contacts that pull the line to ground when active. */
public final class GpioInput implements Input {

    private final DigitalInput line;
    private final boolean activeLow;

    GpioInput(DigitalInput line, boolean activeLow) {
        this.line = line;
        this.activeLow = activeLow;
    }

    @Override
    public boolean isActive() {
        return line.isHigh() != activeLow;
    }

    @Override
    public void onChange(Consumer<Boolean> listener) {
        line.addListener((DigitalStateChangeListener) event -> {
            if (event.state() == DigitalState.HIGH || event.state() == DigitalState.LOW) {
                listener.accept((event.state() == DigitalState.HIGH) != activeLow);
            }
        });
    }

    /** The underlying Pi4J line, for the simulator to drive. */
    public DigitalInput line() {
        return line;
    }

    @Override
    public String toString() {
        return line.name();
    }
}
