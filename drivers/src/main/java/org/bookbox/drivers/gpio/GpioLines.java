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
 * The GPIO lines of one board through one Pi4J context: gpiod providers on a Pi, the mock platform
 * in simulation. Each agent owns its context, so several agents can share a JVM.
 */
public final class GpioLines implements AutoCloseable {

    private final Context pi4j;
    private final String inputProvider;
    private final String outputProvider;
    private final Map<Integer, GpioOutput> outputs = new HashMap<>();
    private final Map<Integer, GpioInput> inputs = new HashMap<>();

    public GpioLines(Context pi4j, String inputProvider, String outputProvider) {
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
                    .id("gpio-out-" + address.number())
                    .name(address.toString())
                    .address(address.number())
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
                    .id("gpio-in-" + address.number())
                    .name(address.toString())
                    .address(address.number())
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
            pi4j.shutdown();
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
