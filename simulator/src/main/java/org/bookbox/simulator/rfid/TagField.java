package org.bookbox.simulator.rfid;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bookbox.drivers.rfid.ReaderException;
import org.bookbox.drivers.rfid.TagUid;

/**
 * The field of one simulated antenna: tags are put into it and taken out of it, and the simulated
 * FEIG reader answers the real driver's requests from it.
 */
public final class TagField {

    private final String name;
    private final Map<TagUid, SimulatedTag> field = new LinkedHashMap<>();
    private boolean offline;

    public TagField(String name) {
        this.name = name;
    }

    public synchronized void put(SimulatedTag tag) {
        field.put(tag.uid(), tag);
    }

    public synchronized boolean remove(TagUid uid) {
        return field.remove(uid) != null;
    }

    public synchronized Collection<SimulatedTag> tags() {
        return List.copyOf(field.values());
    }

    /** Plays a reader that stops answering (unplugged, powered off). */
    public synchronized void offline(boolean value) {
        offline = value;
    }

    public synchronized boolean offline() {
        return offline;
    }

    public synchronized List<TagUid> inventory() throws ReaderException {
        requireOnline();
        List<TagUid> answered = new ArrayList<>();
        for (SimulatedTag tag : field.values()) {
            if (tag.answersInventory()) {
                answered.add(tag.uid());
            }
        }
        return answered;
    }

    public synchronized int blockCount(TagUid uid) throws ReaderException {
        SimulatedTag tag = tag(uid);
        if (tag.unreadable()) {
            throw new ReaderException("tag " + uid + " did not answer", false);
        }
        return tag.blocks();
    }

    public synchronized byte[] readBlocks(TagUid uid, int firstBlock, int count) throws ReaderException {
        SimulatedTag tag = tag(uid);
        if (tag.unreadable()) {
            throw new ReaderException("tag " + uid + " did not answer the read", false);
        }
        if (firstBlock < 0 || count < 1 || firstBlock + count > tag.blocks()) {
            throw new ReaderException("tag " + uid + " has " + tag.blocks() + " blocks, asked for " + firstBlock + "+" + count, false);
        }
        return tag.blocks(firstBlock, count);
    }

    public synchronized void writeAfi(TagUid uid, int afi) throws ReaderException {
        SimulatedTag tag = tag(uid);
        if (tag.refusesWrites()) {
            throw new ReaderException("tag " + uid + " refused the AFI write", false);
        }
        tag.afi(afi & 0xFF);
    }

    public synchronized void setEas(TagUid uid) throws ReaderException {
        eas(uid, true);
    }

    public synchronized void resetEas(TagUid uid) throws ReaderException {
        eas(uid, false);
    }

    private void eas(TagUid uid, boolean on) throws ReaderException {
        SimulatedTag tag = tag(uid);
        if (!tag.hasEas()) {
            throw ReaderException.notSupported("tag " + uid + " has no EAS");
        }
        if (tag.refusesWrites()) {
            throw new ReaderException("tag " + uid + " refused the EAS write", false);
        }
        tag.eas(on);
    }

    private SimulatedTag tag(TagUid uid) throws ReaderException {
        requireOnline();
        SimulatedTag tag = field.get(uid);
        if (tag == null) {
            throw new ReaderException("no tag " + uid + " in the field", false);
        }
        return tag;
    }

    private void requireOnline() throws ReaderException {
        if (offline) {
            throw new ReaderException("reader " + name + " does not answer", true);
        }
    }

    public String toString() {
        return name;
    }
}
