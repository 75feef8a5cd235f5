package org.bookbox.drivers.board;

import com.pi4j.Pi4J;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.platform.MockPlatform;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInputProvider;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.bookbox.drivers.gpio.GpioInput;
import org.bookbox.drivers.gpio.GpioLines;
import org.bookbox.drivers.gpio.GpioOutput;
import org.bookbox.drivers.input.Input;
import org.bookbox.drivers.lock.Lock;
import org.bookbox.drivers.lockboard.CuBoardSimulator;
import org.bookbox.drivers.lockboard.CuBus;
import org.bookbox.drivers.lockboard.LockBoardBus;
import org.bookbox.drivers.lockboard.LockBoards;
import org.bookbox.drivers.output.Output;
import org.bookbox.drivers.rfid.Antenna;
import org.bookbox.drivers.rfid.SimulatedAntenna;
import org.bookbox.drivers.scanner.Scanner;
import org.bookbox.drivers.scanner.SimulatedScanner;
import org.bookbox.drivers.serial.StreamLink;

/**
 * A whole board in software. GPIO goes through the same Pi4J code as on a Pi, on Pi4J's mock
 * platform; readers and scanners are simulated twins. The simulator's controls act on the wires
 * (a contact closes, a tag enters a field) and the agent sees them as it would see hardware.
 */
public final class SimulatedBoard implements Board {

    private final GpioLines gpio;
    private final Map<String, SimulatedAntenna> antennas = new HashMap<>();
    private final Map<String, SimulatedScanner> scanners = new HashMap<>();
    private final Set<Integer> atRest = new HashSet<>();

    private static void requireKind(PartAddress address, PartAddress.Kind kind) throws PartUnavailableException {
        if (address.kind() != kind) {
            throw new PartUnavailableException(address + " is not a " + kind.name().toLowerCase(Locale.ROOT) + " address");
        }
    }

    public SimulatedBoard() {
        var context = Pi4J.newContextBuilder()
                .noAutoDetect()
                .add(new MockPlatform())
                .add(MockDigitalInputProvider.newInstance(), MockDigitalOutputProvider.newInstance())
                .build();
        gpio = new GpioLines(context, MockDigitalInputProvider.ID, MockDigitalOutputProvider.ID);
    }

    @Override
    public GpioOutput output(PartAddress address) throws PartUnavailableException {
        return gpio.output(address);
    }

    @Override
    public synchronized Input input(PartAddress address) throws PartUnavailableException {
        if (address.kind() == PartAddress.Kind.LOCKBOARD) {
            return lockBoards().hook(address);
        }
        return gpioInput(address);
    }

    /**
     * The profile's lock-board lines, each wired to a simulator of sixteen CU boards over in-memory
     * pipes: the same driver code as on a board, byte for byte.
     */
    @Override
    public synchronized void declare(List<LockBoardBus> buses) {
        lockBoards = new LockBoards(buses, bus -> {
            try {
                PipedOutputStream toDevice = new PipedOutputStream();
                PipedInputStream deviceIn = new PipedInputStream(toDevice, 4096);
                PipedOutputStream toHost = new PipedOutputStream();
                PipedInputStream hostIn = new PipedInputStream(toHost, 4096);
                Set<Integer> all = new HashSet<>();
                for (int b = 0; b < 16; b++) {
                    all.add(b);
                }
                CuBoardSimulator sim =
                        new CuBoardSimulator(deviceIn, toHost, all, bus.openBitSet());
                Thread t = new Thread(sim, "simulated lock boards " + bus.name());
                t.setDaemon(true);
                t.start();
                boardSimulators.put(bus.name(), sim);
                StreamLink link = new StreamLink(hostIn, toDevice);
                return new CuBus(bus.name(), () -> link, 200);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Override
    public Lock boardLock(PartAddress address, Duration pulse) throws PartUnavailableException {
        return lockBoards().lock(address, pulse);
    }

    /** The simulator of a lock-board line, to open doors, jam locks and silence boards. */
    public CuBoardSimulator boardSimulator(String bus) {
        return boardSimulators.get(bus);
    }

    private synchronized LockBoards lockBoards() throws PartUnavailableException {
        if (lockBoards == null) {
            throw new PartUnavailableException("no lock-board buses declared in the profile");
        }
        return lockBoards;
    }

    private LockBoards lockBoards;
    private final Map<String, CuBoardSimulator> boardSimulators = new ConcurrentHashMap<>();

    /** A simulated sensor starts at rest (door closed, eye clear, bin not full), whatever its polarity. */
    public synchronized GpioInput gpioInput(PartAddress address) throws PartUnavailableException {
        GpioInput input = gpio.input(address);
        if (atRest.add(address.number())) {
            mock(input, address).mockState(address.activeLow() ? DigitalState.HIGH : DigitalState.LOW);
        }
        return input;
    }

    @Override
    public synchronized SimulatedAntenna antenna(PartAddress address) throws PartUnavailableException {
        requireKind(address, PartAddress.Kind.RFID);
        return antennas.computeIfAbsent(address.toString(), SimulatedAntenna::new);
    }

    @Override
    public synchronized SimulatedScanner scanner(PartAddress address, String suffix) throws PartUnavailableException {
        if (address.kind() != PartAddress.Kind.SERIAL && address.kind() != PartAddress.Kind.EVDEV) {
            throw new PartUnavailableException(address + " is not a scanner address (serial: or evdev:)");
        }
        return scanners.computeIfAbsent(address.toString(), a -> new SimulatedScanner());
    }

    /** The simulated scanner at an address (suffixes play no part in simulation). */
    public SimulatedScanner scanner(PartAddress address) throws PartUnavailableException {
        return scanner(address, "CR");
    }

    /** Drives a simulated input to its active (true) or inactive level, as the sensor would. */
    public void drive(PartAddress address, boolean active) throws PartUnavailableException {
        if (address.kind() == PartAddress.Kind.LOCKBOARD) {
            lockBoards();
            boardSimulators.get(address.bus()).door(address.board(), address.number(), active);
            return;
        }
        GpioInput input = gpioInput(address);
        boolean high = active != address.activeLow();
        mock(input, address).mockState(high ? DigitalState.HIGH : DigitalState.LOW);
    }

    private static MockDigitalInput mock(GpioInput input, PartAddress address) {
        if (!(input.line() instanceof MockDigitalInput mock)) {
            throw new IllegalStateException(address + " is not on the mock platform");
        }
        return mock;
    }

    /**
     * Puts an output on before the agent takes it, as a line left energised by a process that died
     * would be: the agent must switch it off before anything else.
     */
    public void leaveEnergised(PartAddress address) throws PartUnavailableException {
        gpio.output(address).set(true);
    }

    @Override
    public void close() {
        gpio.close();
        scanners.values().forEach(SimulatedScanner::close);
        if (lockBoards != null) {
            lockBoards.close();
        }
    }
}
