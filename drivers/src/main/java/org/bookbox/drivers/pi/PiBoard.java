package org.bookbox.drivers.pi;

import com.pi4j.Pi4J;
import com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalInputProvider;
import com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalOutputProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bookbox.drivers.board.Board;
import org.bookbox.drivers.gpio.GpioLines;
import org.bookbox.drivers.input.Input;
import org.bookbox.drivers.lock.Lock;
import org.bookbox.drivers.lockboard.CuBus;
import org.bookbox.drivers.lockboard.LockBoardBus;
import org.bookbox.drivers.lockboard.LockBoards;
import org.bookbox.drivers.output.Output;
import org.bookbox.drivers.part.PartAddress;
import org.bookbox.drivers.part.PartUnavailableException;
import org.bookbox.drivers.part.TimeOuts;
import org.bookbox.drivers.rfid.Antenna;
import org.bookbox.drivers.rfid.feig.FeigReader;
import org.bookbox.drivers.scanner.Backoff;
import org.bookbox.drivers.scanner.DeviceScanner;
import org.bookbox.drivers.scanner.EvdevFramer;
import org.bookbox.drivers.scanner.EvdevLink;
import org.bookbox.drivers.scanner.Scanner;
import org.bookbox.drivers.scanner.SuffixFramer;
import org.bookbox.drivers.serial.JSerialLink;
import org.bookbox.drivers.speaker.AlsaSpeaker;
import org.bookbox.drivers.speaker.Speaker;

/**
 * A Raspberry Pi: GPIO through Pi4J's gpiod provider (Pi 3, 4, 5 and Zero 2 W alike), FEIG readers
 * and USB-serial scanners through jSerialComm, keyboard-wedge scanners through evdev.
 */
public final class PiBoard implements Board {

    /** FEIG ID ISC readers' factory setting. */
    static final int READER_BAUD = 38400;
    static final int READER_TIMEOUT_MS = 300;
    /** The usual factory setting of USB-serial QR scanners. */
    static final int SCANNER_BAUD = 9600;
    /** CU boards run at 19200 8N1; a reply comes within a few ms or not at all. */
    static final int LOCKBOARD_BAUD = 19200;

    private final GpioLines gpio;
    private final Map<String, FeigReader> readers = new HashMap<>();
    private final List<DeviceScanner> scanners = new ArrayList<>();
    private LockBoards lockBoards;
    private final TimeOuts timeOuts = new TimeOuts();

    public PiBoard() {
        var context = Pi4J.newContextBuilder()
                .noAutoDetect()
                .add(GpioDDigitalInputProvider.newInstance(), GpioDDigitalOutputProvider.newInstance())
                .build();
        gpio = new GpioLines(context, GpioDDigitalInputProvider.ID, GpioDDigitalOutputProvider.ID);
    }

    @Override
    public Output output(PartAddress address) throws PartUnavailableException {
        return gpio.output(address);
    }

    @Override
    public Input input(PartAddress address) throws PartUnavailableException {
        return address.kind() == PartAddress.Kind.LOCKBOARD ? lockBoards().hook(address) : gpio.input(address);
    }

    @Override
    public synchronized void declare(List<LockBoardBus> buses) {
        lockBoards = new LockBoards(buses, bus -> new CuBus(bus.name(), () -> JSerialLink.open(bus.port(), LOCKBOARD_BAUD), 200, timeOuts));
    }

    @Override
    public Lock boardLock(PartAddress address, Duration pulse) throws PartUnavailableException {
        return lockBoards().lock(address, pulse);
    }

    private synchronized LockBoards lockBoards() throws PartUnavailableException {
        if (lockBoards == null) {
            throw new PartUnavailableException("no lock-board buses declared in the profile");
        }
        return lockBoards;
    }

    /** Antennas of one reader share it: a multiplexed reader is one radio on one line. */
    @Override
    public synchronized Antenna antenna(PartAddress address) throws PartUnavailableException {
        if (address.kind() != PartAddress.Kind.RFID) {
            throw new PartUnavailableException(address + " is not an RFID reader address");
        }
        FeigReader reader = readers.computeIfAbsent(address.device(), device ->
                new FeigReader(device, () -> JSerialLink.open(device, READER_BAUD), READER_TIMEOUT_MS, timeOuts));
        return reader.antenna(address.number());
    }

    @Override
    public synchronized Scanner scanner(PartAddress address, String suffix) throws PartUnavailableException {
        Backoff backoff = new Backoff(Duration.ofMillis(250), Duration.ofSeconds(30));
        DeviceScanner scanner = switch (address.kind()) {
            case SERIAL -> new DeviceScanner(address.device(), () -> JSerialLink.open(address.device(), SCANNER_BAUD),
                    () -> new SuffixFramer(suffix), backoff, d -> Thread.sleep(d.toMillis()));
            case EVDEV -> new DeviceScanner(address.device(), () -> EvdevLink.open(address.device()),
                    () -> new EvdevFramer(EvdevFramer.nativeEventSize()), backoff, d -> Thread.sleep(d.toMillis()));
            default -> throw new PartUnavailableException(address + " is not a scanner address (serial: or evdev:)");
        };
        scanners.add(scanner);
        return scanner;
    }

    @Override
    public Speaker speaker(String device) {
        return new AlsaSpeaker(device);
    }

    @Override
    public TimeOuts timeOuts() {
        return timeOuts;
    }

    @Override
    public String description() {
        return "Raspberry Pi";
    }

    @Override
    public synchronized void close() {
        gpio.close();
        scanners.forEach(DeviceScanner::close);
        readers.values().forEach(FeigReader::close);
        if (lockBoards != null) {
            lockBoards.close();
        }
    }
}
