package org.bookbox.drivers.rfid.iso28560;

/**
 * Reads a library tag whichever data model it holds: ISO 28560-3 when its basic block checks out
 * (in either block order), else ISO 28560-2; otherwise the tag is {@code bad_data} with the reasons.
 */
public final class TagData {

    private TagData() {
    }

    /** Never throws, whatever the bytes: a decoder's bug shows as {@code bad_data} with its reason, not a lost read. */
    public static TagDecoding decode(byte[] memory) {
        try {
            return decodeEither(memory == null ? new byte[0] : memory);
        } catch (RuntimeException e) {
            return TagDecoding.bad("undecodable tag data (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
        }
    }

    /** A value from a tag, safe to put in a message: control characters shown as {@code ?}, at most 40 characters. */
    static String printable(String s) {
        if (s == null) {
            return "";
        }
        String t = s.length() > 40 ? s.substring(0, 40) + "..." : s;
        return t.replaceAll("[\\p{Cntrl}]", "?");
    }

    private static TagDecoding decodeEither(byte[] memory) {
        TagDecoding fixed = DanishDataModel.decode(memory);
        if (fixed.ok()) {
            return fixed;
        }
        TagDecoding object = ObjectDataModel.decode(memory);
        if (object.ok()) {
            return object;
        }
        return TagDecoding.bad(fixed.problem() + "; " + object.problem());
    }
}
