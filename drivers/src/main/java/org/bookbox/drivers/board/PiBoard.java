package org.bookbox.drivers.board;

import com.pi4j.Pi4J;
import com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalInputProvider;
import com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalOutputProvider;
import org.bookbox.drivers.gpio.GpioLines;
import org.bookbox.drivers.input.Input;
import org.bookbox.drivers.output.Output;
import org.bookbox.drivers.rfid.Antenna;
import org.bookbox.drivers.scanner.Scanner;

/** A Raspberry Pi: GPIO through Pi4J's gpiod provider (Pi 3, 4, 5 and Zero 2 W alike). */
public final class PiBoard implements Board {

    private final GpioLines gpio;

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
        return gpio.input(address);
    }

    @Override
    public Antenna antenna(PartAddress address) throws PartUnavailableException {
        // The FEIG ISO-Host driver is tracked as its own issue; until it lands a real board refuses
        // to start with an RFID part rather than run a box that cannot see its books.
        throw new PartUnavailableException(address + ": no RFID reader driver in this build yet (run with --simulate)");
    }

    @Override
    public Scanner scanner(PartAddress address) throws PartUnavailableException {
        throw new PartUnavailableException(address + ": no QR scanner driver in this build yet (run with --simulate)");
    }

    @Override
    public void close() {
        gpio.close();
    }
}
