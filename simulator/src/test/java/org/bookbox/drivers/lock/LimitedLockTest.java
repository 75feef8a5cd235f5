package org.bookbox.drivers.lock;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.bookbox.drivers.gpio.GpioOutput;
import org.bookbox.drivers.part.PartAddress;
import org.bookbox.drivers.time.ManualTimers;
import org.bookbox.simulator.SimulatedBoard;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The pulse limit, on a GPIO line of Pi4J's mock platform. */
class LimitedLockTest {

    private final SimulatedBoard board = new SimulatedBoard();
    private final ManualTimers time = new ManualTimers();

    @AfterEach
    void close() {
        board.close();
    }

    @Test
    void aDoorLockIsReleasedWhenItsPulseRunsOutWhateverTheCallerDoes() throws Exception {
        GpioOutput line = board.output(PartAddress.parse("gpio:17"));
        Lock lock = new LimitedLock(new OutputLock(line), Duration.ofMillis(800), time);
        lock.energise();
        assertTrue(line.isOn());
        time.advance(Duration.ofMillis(799));
        assertTrue(line.isOn(), "still within the pulse");
        time.advance(Duration.ofMillis(1));
        assertFalse(line.isOn(), "released at exactly the profile's pulse");
    }

    @Test
    void energisingAgainStartsAFullPulseButNeverMore() throws Exception {
        GpioOutput line = board.output(PartAddress.parse("gpio:17"));
        Lock lock = new LimitedLock(new OutputLock(line), Duration.ofMillis(500), time);
        lock.energise();
        time.advance(Duration.ofMillis(400));
        lock.energise();
        time.advance(Duration.ofMillis(499));
        assertTrue(line.isOn());
        time.advance(Duration.ofMillis(1));
        assertFalse(line.isOn());
        assertFalse(time.pending() > 0, "no guard left behind");
    }

    @Test
    void anEarlyReleaseCancelsTheGuard() throws Exception {
        GpioOutput line = board.output(PartAddress.parse("gpio:17"));
        Lock lock = new LimitedLock(new OutputLock(line), Duration.ofMillis(500), time);
        lock.energise();
        lock.release();
        assertFalse(line.isOn());
        assertFalse(time.pending() > 0);
    }

    @Test
    void aContinuousDutyFlapStaysOpen() throws Exception {
        GpioOutput line = board.output(PartAddress.parse("gpio:16"));
        Lock flap = new LimitedLock(new OutputLock(line), null, time);
        flap.energise();
        time.advance(Duration.ofHours(10));
        assertTrue(line.isOn());
    }

    @Test
    void activeLowLinesAreOnWhenLow() throws Exception {
        GpioOutput relay = board.output(PartAddress.parse("gpio:5:active-low"));
        relay.set(false);
        assertTrue(relay.levelHigh(), "an active-low relay is off at a high level");
        relay.set(true);
        assertFalse(relay.levelHigh());
        assertTrue(relay.isOn());
    }
}
