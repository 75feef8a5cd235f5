package org.bookbox.controller.unit.doors;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bookbox.drivers.rfid.Antenna;
import org.bookbox.drivers.rfid.FieldReader;
import org.bookbox.drivers.rfid.FieldReader.TagRead;
import org.bookbox.drivers.rfid.ReaderException;
import org.bookbox.drivers.rfid.TagUid;

/**
 * What a door's antennas see, taken in several rounds: a tag is on the shelf if any round saw it,
 * so one missed read never counts as a book taken. A round that fails only loses its own reads;
 * an antenna that answers in no round at all fails the inventory.
 */
public final class ShelfInventory {

    private ShelfInventory() {
    }

    public static Map<TagUid, TagRead> take(List<Antenna> antennas, int rounds) throws ReaderException {
        Map<TagUid, TagRead> seen = new LinkedHashMap<>();
        for (Antenna antenna : antennas) {
            ReaderException lastFailure = null;
            boolean answered = false;
            for (int round = 0; round < rounds; round++) {
                try {
                    for (TagUid uid : antenna.inventory()) {
                        TagRead prior = seen.get(uid);
                        if (prior == null || prior.unreadable() || !prior.decoding().ok()) {
                            seen.put(uid, FieldReader.read(antenna, uid));
                        }
                    }
                    answered = true;
                } catch (ReaderException e) {
                    lastFailure = e;
                }
            }
            if (!answered) {
                throw lastFailure;
            }
        }
        return seen;
    }
}
