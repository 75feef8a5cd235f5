package org.bookbox.controller.unit.doors;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.bookbox.controller.profile.UnitSpec.SecuritySpec;
import org.bookbox.drivers.rfid.Antenna;
import org.bookbox.drivers.rfid.ReaderException;
import org.bookbox.drivers.rfid.TagUid;
import org.tinylog.Logger;

/**
 * Writes the security of the tags on a door's shelves (AFI, or the NXP EAS bit where the profile says
 * so) through the door's antennas, while the books are in their field. Blocking: run off the loop.
 */
final class TagSecurity {

    /** What a session wrote: how many tags, and the UIDs whose write failed on every antenna. */
    record Writes(int written, List<String> failed) {
        static final Writes NONE = new Writes(0, List.of());

        Writes plus(Writes other) {
            List<String> all = new ArrayList<>(failed);
            all.addAll(other.failed);
            return new Writes(written + other.written, List.copyOf(all));
        }

        boolean any() {
            return written > 0 || !failed.isEmpty();
        }
    }

    private TagSecurity() {
    }

    /** @param inLibrary true: security on (the book stays); false: off (the book leaves on loan) */
    static Writes write(List<Antenna> antennas, Collection<TagUid> uids, SecuritySpec spec, boolean inLibrary) {
        int written = 0;
        List<String> failed = new ArrayList<>();
        for (TagUid uid : uids) {
            if (writeOne(antennas, uid, spec, inLibrary)) {
                written++;
            } else {
                failed.add(uid.hex());
            }
        }
        return new Writes(written, List.copyOf(failed));
    }

    private static boolean writeOne(List<Antenna> antennas, TagUid uid, SecuritySpec spec, boolean inLibrary) {
        String last = "no antenna";
        for (Antenna a : antennas) {
            try {
                if (spec.eas()) {
                    if (inLibrary) {
                        a.setEas(uid);
                    } else {
                        a.resetEas(uid);
                    }
                } else {
                    a.writeAfi(uid, inLibrary ? spec.afiInLibrary() : spec.afiOnLoan());
                }
                return true;
            } catch (ReaderException e) {
                last = e.getMessage();
            }
        }
        Logger.warn("security of {} not written ({}): {}", uid, inLibrary ? "in library" : "on loan", last);
        return false;
    }
}
