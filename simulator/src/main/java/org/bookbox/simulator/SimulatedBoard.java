package org.bookbox.simulator;

import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInputProvider;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.bookbox.drivers.board.Board;
import org.bookbox.drivers.gpio.GpioInput;
import org.bookbox.drivers.gpio.GpioLines;
import org.bookbox.drivers.gpio.GpioOutput;
import org.bookbox.drivers.input.Input;
import org.bookbox.drivers.lock.Lock;
import org.bookbox.drivers.lockboard.CuBus;
import org.bookbox.drivers.lockboard.LockBoardBus;
import org.bookbox.drivers.lockboard.LockBoards;
import org.bookbox.drivers.part.PartAddress;
import org.bookbox.drivers.part.PartUnavailableException;
import org.bookbox.drivers.part.Threads;
import org.bookbox.drivers.part.TimeOuts;
import org.bookbox.drivers.rfid.Antenna;
import org.bookbox.drivers.rfid.feig.FeigReader;
import org.bookbox.drivers.scanner.Backoff;
import org.bookbox.drivers.scanner.DeviceScanner;
import org.bookbox.drivers.scanner.EvdevFramer;
import org.bookbox.drivers.scanner.Scanner;
import org.bookbox.drivers.scanner.SuffixFramer;
import org.bookbox.simulator.lockboard.CuBoardSimulator;
import org.bookbox.simulator.rfid.FeigReaderSimulator;
import org.bookbox.simulator.rfid.TagField;
import org.bookbox.simulator.scanner.ScannerTwin;
import org.bookbox.simulator.speaker.SimulatedSpeaker;

/**
 * A whole board in software, feeding the real drivers at the lowest level there is: GPIO through
 * the same Pi4J code as on a Pi, on Pi4J's mock platform; FEIG readers, CU lock boards and QR
 * scanners as byte-level twins on in-memory lines, read and written by the same driver code as on
 * a board. The simulator's controls act on the wires and fields (a contact closes, a tag enters a
 * field, a code is held under a scanner) and the agent sees them as it would see hardware.
 */
public final class SimulatedBoard implements Board {

    /** As on a Pi (PiBoard): a reader's answer comes within this or not at all. */
    private static final int READER_TIMEOUT_MS = 300;

    private final GpioLines gpio;
    private final Set<Integer> atRest = new HashSet<>();
    private final Map<String, FeigReader> readers = new HashMap<>();
    private final Map<String, Map<Integer, TagField>> fields = new HashMap<>();
    private final Map<String, FeigReaderSimulator> readerTwins = new HashMap<>();
    private final Map<String, ScannerTwin> scannerTwins = new HashMap<>();
    private final Map<String, DeviceScanner> scanners = new HashMap<>();
    private final Map<String, CuBoardSimulator> boardSimulators = new ConcurrentHashMap<>();
    private LockBoards lockBoards;
    private final TimeOuts timeOuts = new TimeOuts();
    private final SimulatedSpeaker speaker = new SimulatedSpeaker();
    private final Threads threads;

    /** A board with a Pi4J mock context of its own. */
    public SimulatedBoard() {
        this(new GpioLines(SimulatedBoards.mockContext(), MockDigitalInputProvider.ID, MockDigitalOutputProvider.ID), Threads.PLATFORM);
    }

    /** A board on lines of a shared mock context ({@link SimulatedBoards}). */
    SimulatedBoard(GpioLines gpio, Threads threads) {
        this.gpio = gpio;
        this.threads = threads;
    }

    @Override
    public SimulatedSpeaker speaker(String device) {
        return speaker;
    }

    @Override
    public TimeOuts timeOuts() {
        return timeOuts;
    }

    @Override
    public String description() {
        return "simulated board";
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

    /** The profile's lock-board lines, each wired to a simulator of sixteen CU boards. */
    @Override
    public synchronized void declare(List<LockBoardBus> buses) {
        lockBoards = new LockBoards(buses, bus -> {
            Set<Integer> all = new HashSet<>();
            for (int b = 0; b < 16; b++) {
                all.add(b);
            }
            Wire wire = Wire.open();
            CuBoardSimulator sim = new CuBoardSimulator(wire.deviceIn(), wire.toHost(), all, bus.openBitSet());
            threads.newThread("simulated lock boards " + bus.name(), sim).start();
            boardSimulators.put(bus.name(), sim);
            PipeLink link = wire.hostLink();
            return new CuBus(bus.name(), () -> link, 200, timeOuts);
        }, threads);
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

    /** A simulated sensor starts at rest (door closed, eye clear, bin not full), whatever its polarity. */
    public synchronized GpioInput gpioInput(PartAddress address) throws PartUnavailableException {
        GpioInput input = gpio.input(address);
        if (atRest.add(address.number())) {
            mock(input, address).mockState(address.activeLow() ? DigitalState.HIGH : DigitalState.LOW);
        }
        return input;
    }

    /** The real FEIG driver's antenna, on a line to the simulated reader of that device. */
    @Override
    public synchronized Antenna antenna(PartAddress address) throws PartUnavailableException {
        requireKind(address, PartAddress.Kind.RFID);
        field(address);
        FeigReader reader = readers.computeIfAbsent(address.device(), device -> {
            Wire wire = Wire.open();
            FeigReaderSimulator twin = new FeigReaderSimulator(wire.deviceIn(), wire.toHost(), fields.get(device));
            threads.newThread("simulated reader " + device, twin).start();
            readerTwins.put(device, twin);
            PipeLink link = wire.hostLink();
            return new FeigReader(device, () -> link, READER_TIMEOUT_MS, timeOuts);
        });
        return reader.antenna(address.number());
    }

    /** The field of the antenna at an address: where tags are put and taken away. */
    public synchronized TagField field(PartAddress address) throws PartUnavailableException {
        requireKind(address, PartAddress.Kind.RFID);
        return fields.computeIfAbsent(address.device(), d -> new ConcurrentHashMap<>())
                .computeIfAbsent(address.number(), n -> new TagField(address.toString()));
    }

    /** The simulated reader on a device line (to silence it or garble its answers). */
    public synchronized FeigReaderSimulator reader(String device) {
        return readerTwins.get(device);
    }

    /** The real scanner driver (serial framing or evdev), reading from the scanner's twin. One per address. */
    @Override
    public synchronized Scanner scanner(PartAddress address, String suffix) throws PartUnavailableException {
        if (scanners.containsKey(address.toString())) {
            return scanners.get(address.toString());
        }
        ScannerTwin twin = scannerTwin(address, suffix);
        // a short back-off: a simulated scanner plugged back in is seen within a second
        Backoff backoff = new Backoff(Duration.ofMillis(50), Duration.ofSeconds(1));
        DeviceScanner scanner = switch (address.kind()) {
            case SERIAL -> new DeviceScanner(address.device(), twin.opener(), () -> new SuffixFramer(suffix), backoff,
                    d -> Thread.sleep(d.toMillis()), threads);
            case EVDEV -> new DeviceScanner(address.device(), twin.opener(), () -> new EvdevFramer(EvdevFramer.nativeEventSize()),
                    backoff, d -> Thread.sleep(d.toMillis()), threads);
            default -> throw new PartUnavailableException(address + " is not a scanner address (serial: or evdev:)");
        };
        scanners.put(address.toString(), scanner);
        return scanner;
    }

    /** The twin of the scanner at an address: to hold a code under it, or pull its plug. */
    public synchronized ScannerTwin scannerTwin(PartAddress address) throws PartUnavailableException {
        return scannerTwin(address, "CR");
    }

    private ScannerTwin scannerTwin(PartAddress address, String suffix) throws PartUnavailableException {
        if (address.kind() != PartAddress.Kind.SERIAL && address.kind() != PartAddress.Kind.EVDEV) {
            throw new PartUnavailableException(address + " is not a scanner address (serial: or evdev:)");
        }
        return scannerTwins.computeIfAbsent(address.toString(), a -> new ScannerTwin(
                address.kind() == PartAddress.Kind.SERIAL ? ScannerTwin.Wire.SERIAL : ScannerTwin.Wire.EVDEV,
                suffix, EvdevFramer.nativeEventSize()));
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

    /**
     * Puts an output on before the agent takes it, as a line left energised by a process that died
     * would be: the agent must switch it off before anything else.
     */
    public void leaveEnergised(PartAddress address) throws PartUnavailableException {
        gpio.output(address).set(true);
    }

    @Override
    public synchronized void close() {
        gpio.close();
        scanners.values().forEach(DeviceScanner::close);
        scannerTwins.values().forEach(ScannerTwin::close);
        readers.values().forEach(FeigReader::close);
        if (lockBoards != null) {
            lockBoards.close();
        }
    }

    private static void requireKind(PartAddress address, PartAddress.Kind kind) throws PartUnavailableException {
        if (address.kind() != kind) {
            throw new PartUnavailableException(address + " is not a " + kind.name().toLowerCase(Locale.ROOT) + " address");
        }
    }

    private static MockDigitalInput mock(GpioInput input, PartAddress address) {
        if (!(input.line() instanceof MockDigitalInput m)) {
            throw new IllegalStateException(address + " is not on the mock platform");
        }
        return m;
    }

    /** An in-memory serial line: the host's end for the driver, the device's end for its twin. */
    private record Wire(Pipe down, Pipe up) {
        static Wire open() {
            return new Wire(new Pipe(), new Pipe());
        }

        InputStream deviceIn() {
            return down.in;
        }

        OutputStream toHost() {
            return up.out;
        }

        PipeLink hostLink() {
            return new PipeLink(up, down);
        }

    }
}
