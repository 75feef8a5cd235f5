package org.bookbox.controller.profile;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.bookbox.drivers.lockboard.LockBoardBus;

/** The units of one box and their parts, as the technician declared them. */
public record HardwareProfile(Path file, List<UnitSpec> units, List<LockBoardBus> lockBoardBuses, ReaderSpec reader) {

    /**
     * What readers see and hear: the screens' and voice's default language ({@code zh-CN} or {@code en}),
     * the voice's volume (0 to 100; 0 is no voice) and the ALSA device it plays on.
     */
    public record ReaderSpec(String language, int volume, String audioDevice) {
        public static final ReaderSpec DEFAULT = new ReaderSpec("zh-CN", 80, "default");
    }

    public Optional<UnitSpec> unit(String name) {
        return units.stream().filter(u -> u.name().equals(name)).findFirst();
    }
}
