package org.bookbox.controller.unit.dropbox;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.bookbox.controller.event.BoxEvent.Security;
import org.bookbox.drivers.rfid.FieldReader.TagRead;
import org.bookbox.drivers.rfid.ReaderException;
import org.bookbox.drivers.rfid.TagUid;

/**
 * One read window of the chute: from the eye breaking until it clears (or the window's time is up).
 * Tags are merged by UID across reads; the sorter is set as soon as the first new book is known.
 */
final class ChuteWindow {

    private final Map<TagUid, TagRead> seen = new LinkedHashMap<>();
    private final Map<TagUid, CompletableFuture<Void>> noted = new LinkedHashMap<>();
    /** Which antenna saw each tag first (its index in the chute's antennas). */
    private final Map<TagUid, Integer> antennaOf = new LinkedHashMap<>();
    /** What each book's security write came to so far, while it was in the field. */
    private final Map<TagUid, Security> secured = new LinkedHashMap<>();
    private final Instant start;
    private final long deadlineNanos;
    private String bin;
    private boolean sorterDecided;
    private ReaderException offline;

    ChuteWindow(Instant start, long deadlineNanos, String defaultBin) {
        this.start = start;
        this.deadlineNanos = deadlineNanos;
        this.bin = defaultBin;
    }

    Map<TagUid, TagRead> seen() {
        return seen;
    }

    /** The pending-return notes under way, by tag. */
    Map<TagUid, CompletableFuture<Void>> noted() {
        return noted;
    }

    Map<TagUid, Integer> antennaOf() {
        return antennaOf;
    }

    Map<TagUid, Security> secured() {
        return secured;
    }

    Instant start() {
        return start;
    }

    boolean pastDeadline() {
        return System.nanoTime() > deadlineNanos;
    }

    String bin() {
        return bin;
    }

    boolean sorterDecided() {
        return sorterDecided;
    }

    /** A stack goes where its first new book goes. */
    void decide(String bin) {
        this.bin = bin;
        this.sorterDecided = true;
    }

    /** What the last read said of the reader: null when it answered. */
    ReaderException offline() {
        return offline;
    }

    void offline(ReaderException e) {
        offline = e;
    }
}
