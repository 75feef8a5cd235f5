package org.bookbox.simulator;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.plugin.mock.platform.MockPlatform;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInputProvider;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;
import java.util.concurrent.atomic.AtomicInteger;
import org.bookbox.drivers.gpio.GpioLines;
import org.bookbox.drivers.part.Threads;

/**
 * The simulated boards of a fleet in one JVM: one Pi4J mock context for all of them (a context is a
 * registry, providers and their threads; a thousand of them was most of a fleet's memory), each board
 * on a bank of 64 line addresses of its own, and the fleet's kind of thread for the twins and drivers.
 * Closed by whoever made it, after its boards.
 */
public final class SimulatedBoards implements AutoCloseable {

    /** Line addresses per board: a Pi's header has 28 (BCM 0-27). */
    static final int BANK = 64;

    private final Context context = mockContext();
    private final Threads threads;
    private final AtomicInteger next = new AtomicInteger();

    public SimulatedBoards(Threads threads) {
        this.threads = threads;
    }

    /** A new board on the next bank of lines. */
    public SimulatedBoard board() {
        int bank = next.getAndIncrement() * BANK;
        return new SimulatedBoard(new GpioLines(context, MockDigitalInputProvider.ID, MockDigitalOutputProvider.ID, bank, false), threads);
    }

    @Override
    public void close() {
        context.shutdown();
    }

    /** Pi4J's mock platform and nothing else (no auto-detection of a real board's providers). */
    static Context mockContext() {
        return Pi4J.newContextBuilder()
                .noAutoDetect()
                .add(new MockPlatform())
                .add(MockDigitalInputProvider.newInstance(), MockDigitalOutputProvider.newInstance())
                .build();
    }
}
