package org.bookbox.controller.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.bookbox.controller.config.InvalidConfigException;
import org.bookbox.controller.profile.UnitSpec.DropBoxSpec;
import org.bookbox.controller.profile.UnitSpec.NestSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ProfileLoaderTest {

    @TempDir
    Path dir;

    private static final String NEST = """
            units:
              - name: park-nest
                kind: nest
                policy: exchange
                scanner: serial:/dev/qr0
                doors:
                  - name: left
                    lock: { address: gpio:17, pulse_ms: 800 }
                    sensor: gpio:27:active-low
                    antennas: [ "rfid:/dev/rfid0#1" ]
            """;

    private static final String DROPBOX = """
            units:
              - name: entrance
                kind: dropbox
                chute: { eye: gpio:22, antennas: "rfid:/dev/rfid0" }
                flap: gpio:16
                bins:
                  - { name: local, full_sensor: gpio:23 }
                  - { name: transit, full_sensor: gpio:25 }
                sorter: { address: gpio:24, off: local, on: transit }
                sorting: { own_library: local, otherwise: transit }
            """;

    private HardwareProfile load(String yaml) throws Exception {
        Path f = dir.resolve("profile.yaml");
        Files.writeString(f, yaml);
        return ProfileLoader.load(f);
    }

    private List<String> problems(String yaml) throws Exception {
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> load(yaml));
        return e.problems().stream().map(p -> p.line() + ": " + p.message()).toList();
    }

    @Test
    void readsANest() throws Exception {
        NestSpec nest = assertInstanceOf(NestSpec.class, load(NEST).units().get(0));
        assertEquals("exchange", nest.policy());
        assertEquals(2, nest.maxItems());
        assertEquals(Duration.ofMillis(800), nest.doors().get(0).lock().maxOn());
        assertEquals(Duration.ofSeconds(10), nest.doors().get(0).openWithin());
        assertEquals(Duration.ofSeconds(120), nest.doors().get(0).leftOpen());
        assertEquals("CR", nest.scanner().suffix());
    }

    @Test
    void readsADropBoxWithSorting() throws Exception {
        DropBoxSpec box = assertInstanceOf(DropBoxSpec.class, load(DROPBOX).units().get(0));
        assertEquals(2, box.bins().size());
        assertEquals("transit", box.sorter().orElseThrow().onBin());
        assertEquals("local", box.sorting().orElseThrow().ownLibrary().orElseThrow());
        assertEquals(0x07, box.security().afiInLibrary());
        assertEquals(Duration.ofMillis(1500), box.readWindow());
    }

    static Stream<Path> shippedProfiles() throws Exception {
        return Stream.concat(Files.list(Path.of("../examples/profiles")), Stream.of(Path.of("../examples/sim/profile.yaml")))
                .filter(p -> p.toString().endsWith(".yaml") && !p.getFileName().toString().equals("agent.yaml"));
    }

    @ParameterizedTest
    @MethodSource("shippedProfiles")
    void everyShippedExampleIsValid(Path example) throws Exception {
        ProfileLoader.load(example);
    }

    @Test
    void aProfileNestedThousandsDeepIsOneLineNotAStackTrace() throws Exception {
        // issue 9, defect 15: 2,000 levels gave a StackOverflowError and exit 1
        assertEquals(List.of("0: hardware profile is nested too deeply to be a hardware profile"),
                problems("units: " + "[".repeat(2000) + "]".repeat(2000) + "\n"));
        assertEquals(List.of("0: hardware profile is nested more than 32 levels deep"),
                problems("units: " + "[".repeat(40) + "]".repeat(40) + "\n"));
    }

    @Test
    void theReadersLanguageAndVoiceAreTheProfilesOrTheDefaults() throws Exception {
        assertEquals(HardwareProfile.ReaderSpec.DEFAULT, load(NEST).reader());
        assertEquals(new HardwareProfile.ReaderSpec("en", 0, "plughw:1,0"),
                load("reader: { language: en, volume: 0, audio_device: \"plughw:1,0\" }\n" + NEST).reader());
        assertEquals(List.of("1: reader: 'language' is 'fr': zh-CN or en", "1: reader: 'volume' is 130: must be between 0 and 100",
                        "1: reader: unknown key 'voice'"),
                problems("reader: { language: fr, volume: 130, voice: loud }\n" + NEST));
    }

    @Test
    void anEmptyFileAndNoUnitsAreRefused() throws Exception {
        assertEquals(List.of("0: hardware profile is empty"), problems(""));
        assertEquals(List.of("1: 'units' is missing"), problems("profile_version: 1\n"));
        assertEquals(List.of("1: 'units' is empty"), problems("units: []\n"));
    }

    @Test
    void unknownKindAndDuplicateNames() throws Exception {
        assertEquals(List.of("3: units[1]: unit 'x': kind 'bookshelf' is not one of dropbox, nest, locker"),
                problems("units:\n  - name: x\n    kind: bookshelf\n"));
        assertEquals(List.of("11: units[2]: unit name 'park-nest' is used twice",
                        "14: units[2]: scanner: unit 'park-nest' scanner: serial:/dev/qr0 is already used by unit 'park-nest' scanner (line 5)",
                        "17: units[2]: doors[1]: lock: unit 'park-nest' door 'left' lock: gpio:17 is already used by unit 'park-nest' door 'left' lock (line 8)"),
                problems(NEST + NEST.substring("units:\n".length())).subList(0, 3));
    }

    @Test
    void aPulseLongerThanASolenoidTakesIsRefused() throws Exception {
        assertEquals(List.of("8: units[1]: doors[1]: lock: 'pulse_ms' is 60000: must be between 50 and 5000"),
                problems(NEST.replace("pulse_ms: 800", "pulse_ms: 60000")));
        assertEquals(List.of("8: units[1]: doors[1]: lock: 'pulse_ms' is missing"),
                problems(NEST.replace("lock: { address: gpio:17, pulse_ms: 800 }", "lock: gpio:17")));
    }

    @Test
    void twoPartsOnOneWireIsAWiringMistake() throws Exception {
        assertEquals(List.of("9: units[1]: doors[1]: unit 'park-nest' door 'left' sensor: gpio:17 is already used by unit 'park-nest' door 'left' lock (line 8)"),
                problems(NEST.replace("sensor: gpio:27:active-low", "sensor: gpio:17")));
    }

    @Test
    void badAddressesAreNamed() throws Exception {
        assertEquals(List.of("9: units[1]: doors[1]: unit 'park-nest' door 'left' sensor: address 'gpio:99': GPIO line 99 is not on the header (0-27)"),
                problems(NEST.replace("sensor: gpio:27:active-low", "sensor: gpio:99")));
        assertEquals(List.of("5: units[1]: scanner: unit 'park-nest': a scanner is on serial: or evdev:, not gpio:3"),
                problems(NEST.replace("scanner: serial:/dev/qr0", "scanner: gpio:3")));
    }

    @Test
    void aNestNeedsItsShelvesAntennasAndAKnownPolicy() throws Exception {
        assertEquals(List.of("7: units[1]: doors[1]: unit 'park-nest' door 'left': 'antennas' is missing (the shelves' antennas are how the nest sees what was taken)"),
                problems(NEST.replace("        antennas: [ \"rfid:/dev/rfid0#1\" ]\n", "")));
        assertEquals(List.of("4: units[1]: unit 'park-nest': policy 'swap' is not one of exchange, borrow"),
                problems(NEST.replace("policy: exchange", "policy: swap")));
    }

    @Test
    void binsAndSortingMustAgree() throws Exception {
        assertEquals(List.of("9: units[1]: sorter: unit 'entrance': bin 'returns' is not one of the unit's bins [local, transit]"),
                problems(DROPBOX.replace("off: local", "off: returns")));
        assertEquals(List.of("7: units[1]: unit 'entrance': 2 bins but no 'sorter' to choose between them",
                        "9: units[1]: unit 'entrance': 'sorting' rules but no 'sorter' to carry them out"),
                problems(DROPBOX.replace("    sorter: { address: gpio:24, off: local, on: transit }\n", "")));
        assertEquals(List.of("9: units[1]: unit 'entrance': a sorter needs 'sorting' rules (at least 'otherwise: <bin>')"),
                problems(DROPBOX.replace("    sorting: { own_library: local, otherwise: transit }\n", "")));
        assertEquals(List.of("10: units[1]: sorting: 'otherwise' is missing"),
                problems(DROPBOX.replace("sorting: { own_library: local, otherwise: transit }", "sorting: { own_library: local }")));
    }

    @Test
    void typosAreNotIgnored() throws Exception {
        assertEquals(List.of("8: units[1]: doors[1]: unknown key 'open_whitin_s'"),
                problems(NEST.replace("      - name: left\n", "      - name: left\n        open_whitin_s: 5\n")));
    }

    @Test
    void lockBoardPartsNeedTheirBusAndMayShareLockAndContact() throws Exception {
        String locker = """
                lockboard_buses:
                  bus0: { port: /dev/ttyUSB1 }
                units:
                  - name: lockers
                    kind: locker
                    scanner: serial:/dev/qr1
                    doors:
                      - { name: A1, lock: { address: "lockboard:bus0/0/1", pulse_ms: 500 }, sensor: "lockboard:bus0/0/1" }
                """;
        HardwareProfile p = load(locker);
        assertEquals("bus0", p.lockBoardBuses().get(0).name());
        assertEquals(List.of("8: units[1]: doors[1]: lock: unit 'lockers' door 'A1' lock: lockboard:bus9/0/1 names bus 'bus9', which 'lockboard_buses' does not declare"),
                problems(locker.replace("lockboard:bus0/0/1\", pulse_ms", "lockboard:bus9/0/1\", pulse_ms")).subList(0, 1));
    }
}
