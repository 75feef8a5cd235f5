package org.bookbox.controller.profile;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bookbox.controller.config.AgentConfigLoader;
import org.bookbox.controller.config.InvalidConfigException;
import org.bookbox.controller.config.Section;
import org.bookbox.controller.config.YamlDocument;
import org.bookbox.controller.profile.UnitSpec.BinSpec;
import org.bookbox.controller.profile.UnitSpec.DoorSpec;
import org.bookbox.controller.profile.UnitSpec.DropBoxSpec;
import org.bookbox.controller.profile.UnitSpec.LockSpec;
import org.bookbox.controller.profile.UnitSpec.LockerSpec;
import org.bookbox.controller.profile.UnitSpec.NestSpec;
import org.bookbox.controller.profile.UnitSpec.ScannerSpec;
import org.bookbox.controller.profile.UnitSpec.SecuritySpec;
import org.bookbox.controller.profile.UnitSpec.SorterSpec;
import org.bookbox.controller.profile.UnitSpec.SortingSpec;
import org.bookbox.drivers.lockboard.LockBoardBus;
import org.bookbox.drivers.part.PartAddress;

/**
 * Reads and checks a hardware profile. Nothing is guessed: a missing part, a pulse longer than a
 * solenoid takes, two parts on one wire, a bin that does not exist, each is a problem with its line,
 * and the agent will not start until the file is right.
 */
public final class ProfileLoader {

    public static final String NAME_PATTERN = "[a-z0-9][a-z0-9-]{0,31}";
    public static final String DOOR_PATTERN = "[A-Za-z0-9][A-Za-z0-9_-]{0,15}";
    /** Longest unlock pulse a profile may ask for; 12 V solenoids are rated for seconds, not minutes. */
    public static final long MAX_PULSE_MS = 5000;

    private final Map<String, String> wires = new HashMap<>();
    private final Set<String> busNames = new HashSet<>();

    private ProfileLoader() {
    }

    public static HardwareProfile load(Path file) throws InvalidConfigException {
        return new ProfileLoader().read(file);
    }

    private HardwareProfile read(Path file) throws InvalidConfigException {
        Section root = YamlDocument.read(file, "hardware profile");
        root.integer("profile_version", 1, 1, 1L);
        List<LockBoardBus> buses = new ArrayList<>();
        root.section("lockboard_buses", false).ifPresent(bs -> {
            for (String name : bs.keys()) {
                bs.section(name, true).ifPresent(b -> {
                    if (!name.matches("[a-z0-9][a-z0-9-]{0,31}")) {
                        b.problem("lock-board bus name '" + name + "' must be lower-case letters, digits and dashes");
                    }
                    Optional<String> port = b.text("port", "/.+", "an absolute device path such as /dev/ttyUSB0");
                    long openBit = b.integer("open_bit", 0, 1, 1L).orElse(1L);
                    port.ifPresent(p -> buses.add(new LockBoardBus(name, p, openBit == 1)));
                    busNames.add(name);
                });
            }
        });
        List<UnitSpec> units = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Section u : root.list("units", true, null)) {
            Optional<String> name = u.text("name", NAME_PATTERN, "lower-case letters, digits and dashes, at most 32");
            Optional<String> kind = u.text("kind");
            if (name.isPresent() && !names.add(name.get())) {
                u.problem("name", "unit name '" + name.get() + "' is used twice");
            }
            String label = "unit '" + name.orElse("?") + "'";
            Optional<UnitSpec> unit = kind.flatMap(k -> switch (k) {
                case "dropbox" -> dropBox(u, name.orElse("?"), label);
                case "nest" -> nest(u, name.orElse("?"), label);
                case "locker" -> locker(u, name.orElse("?"), label);
                default -> {
                    u.problem("kind", label + ": kind '" + k + "' is not one of dropbox, nest, locker");
                    yield Optional.empty();
                }
            });
            unit.ifPresent(units::add);
        }
        HardwareProfile.ReaderSpec reader = root.section("reader", false).map(ProfileLoader::reader).orElse(HardwareProfile.ReaderSpec.DEFAULT);
        root.finish();
        return new HardwareProfile(file.toAbsolutePath(), List.copyOf(units), List.copyOf(buses), reader);
    }

    /** {@code reader: { language: zh-CN, volume: 80, audio_device: default }}; volume 0 is no voice. */
    private static HardwareProfile.ReaderSpec reader(Section r) {
        HardwareProfile.ReaderSpec d = HardwareProfile.ReaderSpec.DEFAULT;
        String language = r.optText("language", "zh-CN|en", "zh-CN or en").orElse(d.language());
        int volume = r.integer("volume", 0, 100, (long) d.volume()).map(Long::intValue).orElse(d.volume());
        String device = r.optText("audio_device", "[A-Za-z0-9_:,.=-]{1,64}", "an ALSA device name such as default or plughw:1,0")
                .orElse(d.audioDevice());
        return new HardwareProfile.ReaderSpec(language, volume, device);
    }

    private Optional<UnitSpec> dropBox(Section u, String name, String label) {
        Optional<Section> chute = u.section("chute", true);
        Optional<PartAddress> eye = chute.flatMap(c -> address(c, "eye", true, label + " chute eye", true));
        List<PartAddress> antennas = chute.map(c -> addresses(c, "antennas", label + " chute antenna")).orElse(List.of());
        Duration window = chute.flatMap(c -> c.integer("read_window_ms", 100, 10_000, 1500L)).map(Duration::ofMillis).orElse(null);
        Optional<LockSpec> flap = u.part("flap", true).flatMap(f -> {
            Optional<PartAddress> a = address(f, "address", true, label + " flap", false);
            return a.map(addr -> new LockSpec(addr, null));
        });

        List<BinSpec> bins = new ArrayList<>();
        Set<String> binNames = new HashSet<>();
        for (Section b : u.list("bins", true, null)) {
            Optional<String> bin = b.text("name", NAME_PATTERN, "lower-case letters, digits and dashes");
            bin.filter(n -> !binNames.add(n)).ifPresent(n -> b.problem("name", label + ": bin '" + n + "' is named twice"));
            Optional<PartAddress> full = address(b, "full_sensor", false, label + " bin '" + bin.orElse("?") + "' full sensor", true);
            bin.ifPresent(n -> bins.add(new BinSpec(n, full)));
        }

        Optional<SorterSpec> sorter = u.section("sorter", false).flatMap(s -> {
            Optional<PartAddress> a = address(s, "address", true, label + " sorter", false);
            Optional<String> off = s.text("off").filter(bin -> knownBin(s, "off", bin, binNames, label));
            Optional<String> on = s.text("on").filter(bin -> knownBin(s, "on", bin, binNames, label));
            if (off.isPresent() && off.equals(on)) {
                s.problem("on", label + ": the sorter sends both positions to bin '" + on.get() + "'");
                return Optional.empty();
            }
            return a.isPresent() && off.isPresent() && on.isPresent() ? Optional.of(new SorterSpec(a.get(), off.get(), on.get())) : Optional.empty();
        });
        if (sorter.isEmpty() && !u.has("sorter") && bins.size() > 1) {
            u.problem("bins", label + ": " + bins.size() + " bins but no 'sorter' to choose between them");
        }
        Optional<SortingSpec> sorting = u.section("sorting", false).flatMap(s -> {
            Map<String, String> byOwner = new LinkedHashMap<>();
            s.pairs("by_owner").forEach((isil, bin) -> {
                if (!isil.matches(AgentConfigLoader.ISIL_PATTERN)) {
                    s.problem("by_owner", label + ": '" + isil + "' in by_owner is not an ISIL");
                } else if (knownBin(s, "by_owner", bin, binNames, label)) {
                    byOwner.put(isil, bin);
                }
            });
            Optional<String> own = s.optText("own_library").filter(bin -> knownBin(s, "own_library", bin, binNames, label));
            Optional<String> otherwise = s.text("otherwise").filter(bin -> knownBin(s, "otherwise", bin, binNames, label));
            return otherwise.map(o -> new SortingSpec(byOwner, own, o));
        });
        if (u.has("sorter") && !u.has("sorting")) {
            u.problem("sorter", label + ": a sorter needs 'sorting' rules (at least 'otherwise: <bin>')");
        }
        if (u.has("sorting") && !u.has("sorter")) {
            u.problem("sorting", label + ": 'sorting' rules but no 'sorter' to carry them out");
        }
        SecuritySpec security = security(u, label);
        Optional<PartAddress> indicator = address(u, "indicator", false, label + " indicator", false);
        if (eye.isEmpty() || antennas.isEmpty() || flap.isEmpty() || bins.isEmpty() || window == null) {
            return Optional.empty();
        }
        return Optional.of(new DropBoxSpec(name, eye.get(), antennas, window, flap.get(), List.copyOf(bins), sorter, sorting, security, indicator));
    }

    private Optional<UnitSpec> nest(Section u, String name, String label) {
        Optional<String> policy = u.text("policy").filter(p -> {
            if (p.equals("exchange") || p.equals("borrow")) {
                return true;
            }
            u.problem("policy", label + ": policy '" + p + "' is not one of exchange, borrow");
            return false;
        });
        Optional<Long> max = u.integer("max_items", 1, 50, 2L);
        Optional<ScannerSpec> scanner = scanner(u, label);
        List<DoorSpec> doors = doors(u, label, true);
        Optional<PartAddress> indicator = address(u, "indicator", false, label + " indicator", false);
        if (policy.isEmpty() || max.isEmpty() || scanner.isEmpty() || doors.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new NestSpec(name, policy.get(), max.get().intValue(), scanner.get(), doors, indicator, security(u, label)));
    }

    private Optional<UnitSpec> locker(Section u, String name, String label) {
        Optional<ScannerSpec> scanner = scanner(u, label);
        List<DoorSpec> doors = doors(u, label, false);
        Optional<Long> attempts = u.integer("wrong_codes_before_lockout", 1, 20, 3L);
        Optional<Long> lockout = u.integer("lockout_s", 10, 86_400, 300L);
        Optional<PartAddress> indicator = address(u, "indicator", false, label + " indicator", false);
        if (scanner.isEmpty() || doors.isEmpty() || attempts.isEmpty() || lockout.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new LockerSpec(name, scanner.get(), doors, attempts.get().intValue(),
                Duration.ofSeconds(lockout.get()), indicator, security(u, label)));
    }

    private Optional<ScannerSpec> scanner(Section u, String label) {
        return u.part("scanner", true).flatMap(s -> {
            Optional<PartAddress> a = address(s, "address", true, label + " scanner", true).filter(addr -> {
                if (addr.kind() == PartAddress.Kind.SERIAL || addr.kind() == PartAddress.Kind.EVDEV) {
                    return true;
                }
                s.problem("address", label + ": a scanner is on serial: or evdev:, not " + addr);
                return false;
            });
            String prefix = s.optText("prefix").orElse("");
            Optional<String> suffix = s.optText("suffix", "CR|LF|CRLF|none", "one of CR, LF, CRLF, none");
            if (s.has("suffix") && suffix.isEmpty()) {
                return Optional.empty();
            }
            return a.map(addr -> new ScannerSpec(addr, prefix, suffix.orElse("CR")));
        });
    }

    private List<DoorSpec> doors(Section u, String label, boolean antennasRequired) {
        List<DoorSpec> doors = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Section d : u.list("doors", true, null)) {
            Optional<String> name = d.text("name", DOOR_PATTERN, "letters, digits, '-' and '_', at most 16");
            name.filter(n -> !names.add(n)).ifPresent(n -> d.problem("name", label + ": door '" + n + "' is named twice"));
            String door = label + " door '" + name.orElse("?") + "'";
            Optional<LockSpec> lock = d.part("lock", true).flatMap(l -> {
                Optional<PartAddress> a = address(l, "address", true, door + " lock", false);
                Optional<Long> pulse = l.integer("pulse_ms", 50, MAX_PULSE_MS, null);
                return a.isPresent() && pulse.isPresent() ? Optional.of(new LockSpec(a.get(), Duration.ofMillis(pulse.get()))) : Optional.empty();
            });
            Optional<PartAddress> sensor = address(d, "sensor", true, door + " sensor", true);
            Optional<PartAddress> lockSensor = address(d, "lock_sensor", false, door + " lock sensor", true);
            List<PartAddress> antennas = addresses(d, "antennas", door + " antenna");
            if (antennasRequired && !d.has("antennas")) {
                d.problem(door + ": 'antennas' is missing (the shelves' antennas are how the nest sees what was taken)");
            }
            Optional<Long> within = d.integer("open_within_s", 1, 300, 10L);
            Optional<Long> leftOpen = d.integer("left_open_s", 5, 3600, 120L);
            boolean springs = d.bool("opens_on_unlock", false).orElse(false);
            if (name.isPresent() && lock.isPresent() && sensor.isPresent() && within.isPresent() && leftOpen.isPresent()) {
                doors.add(new DoorSpec(name.get(), lock.get(), sensor.get(), lockSensor, antennas,
                        Duration.ofSeconds(within.get()), Duration.ofSeconds(leftOpen.get()), springs));
            }
        }
        return List.copyOf(doors);
    }

    private static boolean knownBin(Section s, String key, String bin, Set<String> bins, String label) {
        if (bins.contains(bin)) {
            return true;
        }
        s.problem(key, label + ": bin '" + bin + "' is not one of the unit's bins " + bins.stream().sorted().toList());
        return false;
    }

    private List<PartAddress> addresses(Section s, String key, String what) {
        List<PartAddress> out = new ArrayList<>();
        for (String raw : s.texts(key, false)) {
            parse(s, key, raw, what, true).ifPresent(out::add);
        }
        return List.copyOf(out);
    }

    private Optional<PartAddress> address(Section s, String key, boolean required, String what, boolean input) {
        Optional<String> raw = required ? s.text(key) : s.optText(key);
        return raw.flatMap(r -> parse(s, key, r, what, input));
    }

    /** Parses an address and claims its wire: two parts on one wire is a wiring mistake. */
    private Optional<PartAddress> parse(Section s, String key, String raw, String what, boolean input) {
        PartAddress address;
        try {
            address = PartAddress.parse(raw);
        } catch (IllegalArgumentException e) {
            s.problem(key, what + ": " + e.getMessage());
            return Optional.empty();
        }
        if (address.kind() == PartAddress.Kind.LOCKBOARD && !busNames.contains(address.bus())) {
            s.problem(key, what + ": " + address + " names bus '" + address.bus() + "', which 'lockboard_buses' does not declare");
            return Optional.empty();
        }
        // a lock-board lock and its hook contact share one address: the lock drives, the contact reads
        String role = address.kind() == PartAddress.Kind.LOCKBOARD ? (input ? ":contact" : ":lock") : "";
        String wire = address.kind() + ":" + address.device() + ":" + address.number() + role;
        String earlier = wires.putIfAbsent(wire, what + " (line " + s.line() + ")");
        if (earlier != null) {
            s.problem(key, what + ": " + address + " is already used by " + earlier);
            return Optional.empty();
        }
        return Optional.of(address);
    }

    /** A unit's tag security values (defaults 0x07 in the library, 0xC2 on loan, AFI rather than EAS). */
    private static SecuritySpec security(Section u, String label) {
        SecuritySpec security = u.section("security", false).map(s -> new SecuritySpec(
                s.integer("afi_in_library", 0, 255, 0x07L).orElse(0x07L).intValue(),
                s.integer("afi_on_loan", 0, 255, 0xC2L).orElse(0xC2L).intValue(),
                s.bool("eas", false).orElse(false))).orElse(new SecuritySpec(0x07, 0xC2, false));
        if (security.afiInLibrary() == security.afiOnLoan()) {
            u.problem("security", label + ": afi_in_library and afi_on_loan are the same value, so security could never be told apart");
        }
        return security;
    }
}
