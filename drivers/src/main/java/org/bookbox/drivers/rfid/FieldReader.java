package org.bookbox.drivers.rfid;

import java.util.ArrayList;
import java.util.List;
import org.bookbox.drivers.rfid.iso28560.TagData;
import org.bookbox.drivers.rfid.iso28560.TagDecoding;

/**
 * Reads what is in an antenna's field as library items. A tag that cannot be read or decoded is
 * still reported, with its UID and why: an odd tag is a fact, not an exception.
 */
public final class FieldReader {

    private FieldReader() {
    }

    /** One tag seen: its UID and either what it says or why it says nothing. */
    public record TagRead(TagUid uid, TagDecoding decoding, boolean unreadable) {
        public String problem() {
            return unreadable ? "tag did not answer the read" : decoding.problem();
        }
    }

    public static List<TagRead> readAll(Antenna antenna) throws ReaderException {
        List<TagRead> out = new ArrayList<>();
        for (TagUid uid : antenna.inventory()) {
            out.add(read(antenna, uid));
        }
        return out;
    }

    /** Reads one tag; fails only when the reader itself is offline. */
    public static TagRead read(Antenna antenna, TagUid uid) throws ReaderException {
        try {
            // the whole of its memory: ISO 28560-2 data and ISO 28560-3 extension blocks run past the basic block
            byte[] memory = antenna.readBlocks(uid, 0, antenna.memorySize(uid).blocks());
            return new TagRead(uid, TagData.decode(memory), false);
        } catch (ReaderException e) {
            if (e.offline()) {
                throw e;
            }
            return new TagRead(uid, null, true);
        }
    }
}
