package org.bookbox.drivers.lockboard;

/**
 * An RS-485 line of CU boards as the profile declares it.
 *
 * @param openBitSet whether a hook bit of 1 means the compartment is open (boards differ)
 */
public record LockBoardBus(String name, String port, boolean openBitSet) {
}
