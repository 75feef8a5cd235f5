package org.bookbox.drivers.gpio;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import java.util.HashMap;
import java.util.Map;
import org.bookbox.drivers.part.PartAddress;
import org.bookbox.drivers.part.PartUnavailableException;
import org.tinylog.Logger;

/**
 * The GPIO lines of one board through a Pi4J context: gpiod providers on a Pi, the mock platform in
 * simulation. A board on a Pi owns its context. Simulated boards of a fleet in one JVM share one
 * mock context, each on a bank of addresses of its own (Pi4J refuses a line address twice in a
 * context); a board that shares a context shuts down only its own lines.
 */
public final class GpioLines implements AutoCloseable {

    private final Context pi4j;
    private final String inputProvider;
    private final String outputProvider;
    private final Map<Integer, GpioOutput> outputs = new HashMap<>();
    private final Map<Integer, GpioInput> inputs = new HashMap<>();
    /** Added to a line's number to make its Pi4J address; 0 for a context of the board's own. */
    private final int bank;
    private final boolean ownsContext;

    /** The lines of a board that owns its context. */
    public GpioLines(Context pi4j, String inputProvider, String outputProvider) {
        this(pi4j, inputProvider, outputProvider, 0, true);
    }

    /**
     * @param bank        offset of this board's line addresses in a shared context
     * @param ownsContext whether closing these lines shuts the whole context down
     */
    public GpioLines(Context pi4j, String inputProvider, String outputProvider, int bank, boolean ownsContext) {
        this.bank = bank;
        this.ownsContext = ownsContext;
        this.pi4j = pi4j;
        this.inputProvider = inputProvider;
        this.outputProvider = outputProvider;
    }

    public Context context() {
        return pi4j;
    }

    /** The output on a line; its level is left as it is found until the caller sets it. */
    public synchronized GpioOutput output(PartAddress address) throws PartUnavailableException {
        requireGpio(address);
        GpioOutput existing = outputs.get(address.number());
        if (existing != null) {
            return existing;
        }
        if (inputs.containsKey(address.number())) {
            throw new PartUnavailableException(address + " is already used as an input");
        }
        DigitalState inactive = address.activeLow() ? DigitalState.HIGH : DigitalState.LOW;
        try {
            DigitalOutput line = pi4j.create(DigitalOutput.newConfigBuilder(pi4j)
                    .id("gpio-out-" + (bank + address.number()))
                    .name(address.toString())
                    .address(bank + address.number())
                    // Pi4J drives this level when its context shuts down: a lock left to Pi4J is released.
                    .shutdown(inactive)
                    .provider(outputProvider)
                    .build());
            GpioOutput output = new GpioOutput(line, address.activeLow());
            outputs.put(address.number(), output);
            return output;
        } catch (RuntimeException e) {
            throw new PartUnavailableException("cannot take GPIO line " + address.number() + " as an output: " + e.getMessage(), e);
        }
    }

    public synchronized GpioInput input(PartAddress address) throws PartUnavailableException {
        requireGpio(address);
        GpioInput existing = inputs.get(address.number());
        if (existing != null) {
            return existing;
        }
        if (outputs.containsKey(address.number())) {
            throw new PartUnavailableException(address + " is already used as an output");
        }
        try {
            DigitalInput line = pi4j.create(DigitalInput.newConfigBuilder(pi4j)
                    .id("gpio-in-" + (bank + address.number()))
                    .name(address.toString())
                    .address(bank + address.number())
                    .provider(inputProvider)
                    .build());
            GpioInput input = new GpioInput(line, address.activeLow());
            inputs.put(address.number(), input);
            return input;
        } catch (RuntimeException e) {
            throw new PartUnavailableException("cannot take GPIO line " + address.number() + " as an input: " + e.getMessage(), e);
        }
    }

    /** Every output to its inactive level: every lock released. Safe to call from any thread, any time. */
    public synchronized void allOff() {
        for (GpioOutput output : outputs.values()) {
            try {
                output.set(false);
            } catch (RuntimeException e) {
                Logger.error(e, "could not switch off {}", output);
            }
        }
    }

    @Override
    public synchronized void close() {
        allOff();
        try {
            if (ownsContext) {
                pi4j.shutdown();
                return;
            }
            for (GpioOutput output : outputs.values()) {
                pi4j.shutdown(output.line());
            }
            for (GpioInput input : inputs.values()) {
                pi4j.shutdown(input.line());
            }
        } catch (RuntimeException e) {
            Logger.warn(e, "Pi4J shutdown failed");
        }
    }

    private static void requireGpio(PartAddress address) throws PartUnavailableException {
        if (address.kind() != PartAddress.Kind.GPIO) {
            throw new PartUnavailableException(address + " is not a GPIO line");
        }
    }
}
