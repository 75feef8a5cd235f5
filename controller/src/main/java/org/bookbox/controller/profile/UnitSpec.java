package org.bookbox.controller.profile;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bookbox.drivers.part.PartAddress;

/** One physical box: a drop box, a book nest or a pickup locker. */
public sealed interface UnitSpec {

    String name();

    /** The contract's name of the kind: {@code dropbox}, {@code nest} or {@code locker}. */
    String kind();

    /** Doors a session can open; a drop box has none. */
    List<DoorSpec> doors();

    Optional<PartAddress> indicator();

    /** A lock and what limits it: a door lock by its pulse; the intake flap is continuous duty. */
    record LockSpec(PartAddress address, Duration maxOn) {
    }

    /** A door (of a nest) or a compartment (of a locker). */
    /**
     * @param lockSensor    the lock's own feedback contact (active = latch open), where fitted
     * @param opensOnUnlock a spring-loaded door (lockers): it pops open on the pulse, so a door
     *                      that stays shut is a lock that did not open
     */
    record DoorSpec(String name, LockSpec lock, PartAddress sensor, Optional<PartAddress> lockSensor, List<PartAddress> antennas,
                    Duration openWithin, Duration leftOpen, boolean opensOnUnlock) {
    }

    /** A QR scanner; prefix and suffix are stripped from what it sends. */
    record ScannerSpec(PartAddress address, String prefix, String suffix) {
    }

    record BinSpec(String name, Optional<PartAddress> fullSensor) {
    }

    /** The diverter: with the output off items fall into {@code offBin}, with it on into {@code onBin}. */
    record SorterSpec(PartAddress address, String offBin, String onBin) {
    }

    /** Which bin an item goes to: by owner ISIL, this library's own items, and the rest. */
    record SortingSpec(Map<String, String> byOwner, Optional<String> ownLibrary, String otherwise) {
    }

    /** AFI values for security on and off, and whether tags use NXP EAS instead. */
    record SecuritySpec(int afiInLibrary, int afiOnLoan, boolean eas) {
    }

    record DropBoxSpec(String name, PartAddress chuteEye, List<PartAddress> chuteAntennas, Duration readWindow,
                       LockSpec flap, List<BinSpec> bins, Optional<SorterSpec> sorter, Optional<SortingSpec> sorting,
                       SecuritySpec security, Optional<PartAddress> indicator) implements UnitSpec {
        @Override
        public String kind() {
            return "dropbox";
        }

        @Override
        public List<DoorSpec> doors() {
            return List.of();
        }
    }

    /** An exchange or lending cabinet. */
    record NestSpec(String name, String policy, int maxItems, ScannerSpec scanner, List<DoorSpec> doors,
                    Optional<PartAddress> indicator, SecuritySpec security) implements UnitSpec {
        @Override
        public String kind() {
            return "nest";
        }
    }

    record LockerSpec(String name, ScannerSpec scanner, List<DoorSpec> doors, int wrongCodesBeforeLockout,
                      Duration lockout, Optional<PartAddress> indicator, SecuritySpec security) implements UnitSpec {
        @Override
        public String kind() {
            return "locker";
        }
    }
}
