package org.bookbox.drivers.board;

import java.util.Locale;

/**
 * Where a part is wired, as the hardware profile writes it: {@code gpio:17}, {@code gpio:27:active-low},
 * {@code rfid:/dev/rfid0#2}, {@code serial:/dev/qr0}, {@code evdev:/dev/input/by-id/...}.
 *
 * <p>The profile names parts; only this record knows how an address is spelled, so a typo is caught
 * when the profile is read, not when the part is first used.
 */
public record PartAddress(Kind kind, String device, int number, boolean activeLow) {

    /** The kinds of connection this build has drivers (or simulated twins) for. */
    public enum Kind { GPIO, RFID, SERIAL, EVDEV }

    /** The highest BCM line on the 40-pin header of every Raspberry Pi this runs on. */
    public static final int MAX_GPIO = 27;
    /** FEIG multiplexers address up to 16 antennas per reader. */
    public static final int MAX_ANTENNA = 16;

    public static PartAddress parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("an address is empty");
        }
        int colon = text.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("address '" + text + "' has no kind: write it as gpio:17, rfid:/dev/rfid0, serial:/dev/qr0 or evdev:/dev/input/...");
        }
        String scheme = text.substring(0, colon).toLowerCase(Locale.ROOT);
        String rest = text.substring(colon + 1);
        return switch (scheme) {
            case "gpio" -> gpio(text, rest);
            case "rfid" -> rfid(text, rest);
            case "serial" -> new PartAddress(Kind.SERIAL, devicePath(text, rest), 0, false);
            case "evdev" -> new PartAddress(Kind.EVDEV, devicePath(text, rest), 0, false);
            default -> throw new IllegalArgumentException("address '" + text + "' has unknown kind '" + scheme
                    + "' (this build knows gpio, rfid, serial, evdev)");
        };
    }

    private static PartAddress gpio(String text, String rest) {
        String[] bits = rest.split(":", -1);
        int pin;
        try {
            pin = Integer.parseInt(bits[0]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("address '" + text + "': GPIO line '" + bits[0] + "' is not a number");
        }
        if (pin < 0 || pin > MAX_GPIO) {
            throw new IllegalArgumentException("address '" + text + "': GPIO line " + pin + " is not on the header (0-" + MAX_GPIO + ")");
        }
        boolean activeLow = false;
        for (int i = 1; i < bits.length; i++) {
            if (bits[i].equalsIgnoreCase("active-low")) {
                activeLow = true;
            } else if (!bits[i].equalsIgnoreCase("active-high")) {
                throw new IllegalArgumentException("address '" + text + "': unknown GPIO option '" + bits[i] + "' (active-low or active-high)");
            }
        }
        return new PartAddress(Kind.GPIO, "", pin, activeLow);
    }

    private static PartAddress rfid(String text, String rest) {
        int hash = rest.indexOf('#');
        String path = hash < 0 ? rest : rest.substring(0, hash);
        int antenna = 1;
        if (hash >= 0) {
            try {
                antenna = Integer.parseInt(rest.substring(hash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("address '" + text + "': antenna '" + rest.substring(hash + 1) + "' is not a number");
            }
            if (antenna < 1 || antenna > MAX_ANTENNA) {
                throw new IllegalArgumentException("address '" + text + "': antenna " + antenna + " is out of range (1-" + MAX_ANTENNA + ")");
            }
        }
        return new PartAddress(Kind.RFID, devicePath(text, path), antenna, false);
    }

    private static String devicePath(String text, String path) {
        if (!path.startsWith("/") || path.length() < 2) {
            throw new IllegalArgumentException("address '" + text + "': device '" + path + "' must be an absolute path such as /dev/ttyUSB0");
        }
        return path;
    }

    /** True where two parts would drive or read the same wire. */
    public boolean sameWire(PartAddress other) {
        return kind == other.kind && device.equals(other.device) && number == other.number;
    }

    @Override
    public String toString() {
        return switch (kind) {
            case GPIO -> "gpio:" + number + (activeLow ? ":active-low" : "");
            case RFID -> "rfid:" + device + "#" + number;
            case SERIAL -> "serial:" + device;
            case EVDEV -> "evdev:" + device;
        };
    }
}
