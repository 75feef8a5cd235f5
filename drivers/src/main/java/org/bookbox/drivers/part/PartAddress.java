package org.bookbox.drivers.part;

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
    public enum Kind { GPIO, RFID, SERIAL, EVDEV, LOCKBOARD }

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
            case "lockboard" -> lockboard(text, rest);
            default -> throw new IllegalArgumentException("address '" + text + "' has unknown kind '" + scheme
                    + "' (this build knows gpio, rfid, serial, evdev, lockboard)");
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

    /** {@code lockboard:<bus>/<board 0-15>/<lock 1-16>}: a lock (and its hook contact) of a CU board. */
    private static PartAddress lockboard(String text, String rest) {
        String[] bits = rest.split("/", -1);
        if (bits.length != 3 || !bits[0].matches("[a-z0-9][a-z0-9-]{0,31}")) {
            throw new IllegalArgumentException("address '" + text + "': write lockboard:<bus>/<board>/<lock>, e.g. lockboard:bus0/1/5");
        }
        int board;
        int lock;
        try {
            board = Integer.parseInt(bits[1]);
            lock = Integer.parseInt(bits[2]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("address '" + text + "': board and lock are numbers");
        }
        if (board < 0 || board > 15 || lock < 1 || lock > 16) {
            throw new IllegalArgumentException("address '" + text + "': board 0-15 and lock 1-16");
        }
        return new PartAddress(Kind.LOCKBOARD, bits[0] + "/" + board, lock, false);
    }

    /** The bus of a lock-board address. */
    public String bus() {
        return device.substring(0, device.indexOf('/'));
    }

    /** The board number of a lock-board address. */
    public int board() {
        return Integer.parseInt(device.substring(device.indexOf('/') + 1));
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
            case LOCKBOARD -> "lockboard:" + device + "/" + number;
        };
    }
}
