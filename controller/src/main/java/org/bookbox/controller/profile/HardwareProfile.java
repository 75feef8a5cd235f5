package org.bookbox.controller.profile;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.bookbox.drivers.lockboard.LockBoardBus;

/** The units of one box and their parts, as the technician declared them. */
public record HardwareProfile(Path file, List<UnitSpec> units, List<LockBoardBus> lockBoardBuses) {

    public Optional<UnitSpec> unit(String name) {
        return units.stream().filter(u -> u.name().equals(name)).findFirst();
    }
}
