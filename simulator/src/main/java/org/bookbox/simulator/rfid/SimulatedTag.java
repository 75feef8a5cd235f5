package org.bookbox.simulator.rfid;

import java.util.Arrays;
import org.bookbox.drivers.rfid.Antenna;
import org.bookbox.drivers.rfid.TagUid;

/** A tag lying in a simulated antenna's field: its memory, its AFI, and faults to play. */
public final class SimulatedTag {

    private final TagUid uid;
    private final byte[] memory;
    private volatile int afi;
    private volatile boolean unreadable;
    private volatile boolean refusesWrites;
    private int missedInventories;
    private volatile boolean eas;
    private volatile boolean hasEas = true;

    public SimulatedTag(TagUid uid, byte[] memory, int afi) {
        if (memory.length % Antenna.BLOCK_SIZE != 0) {
            throw new IllegalArgumentException("tag memory must be whole 4-byte blocks, got " + memory.length + " bytes");
        }
        this.uid = uid;
        this.memory = memory.clone();
        this.afi = afi;
    }

    public TagUid uid() {
        return uid;
    }

    public byte[] memory() {
        return memory.clone();
    }

    public int afi() {
        return afi;
    }

    void afi(int value) {
        afi = value;
    }

    public int blocks() {
        return memory.length / Antenna.BLOCK_SIZE;
    }

    byte[] blocks(int first, int count) {
        return Arrays.copyOfRange(memory, first * Antenna.BLOCK_SIZE, (first + count) * Antenna.BLOCK_SIZE);
    }

    /** Answers inventory but fails every read, as a damaged or detuned tag does. */
    public SimulatedTag unreadable(boolean value) {
        unreadable = value;
        return this;
    }

    public boolean unreadable() {
        return unreadable;
    }

    /** Fails every AFI write, as a tag with a locked AFI does. */
    public SimulatedTag refusesWrites(boolean value) {
        refusesWrites = value;
        return this;
    }

    public boolean refusesWrites() {
        return refusesWrites;
    }

    /** Whether the EAS bit is set (security on, for EAS installations). */
    public boolean eas() {
        return eas;
    }

    void eas(boolean value) {
        eas = value;
    }

    /** A tag without NXP's EAS feature (another maker's chip). */
    public SimulatedTag withoutEas() {
        hasEas = false;
        return this;
    }

    public boolean hasEas() {
        return hasEas;
    }

    /** Stays silent through the next {@code n} inventories, as a tag lying badly on a shelf does. */
    public synchronized SimulatedTag missInventories(int n) {
        missedInventories = n;
        return this;
    }

    /** Whether this tag answers the current inventory (and counts one miss if it does not). */
    synchronized boolean answersInventory() {
        if (missedInventories > 0) {
            missedInventories--;
            return false;
        }
        return true;
    }
}
