package org.bookbox.drivers.input;

import java.util.function.Consumer;

/**
 * A digital sensor: the chute eye (active = beam broken), a bin-full eye (active = full), a door
 * contact (active = open). Polarity is taken care of below this interface.
 */
public interface Input {

    boolean isActive();

    /** Called on every change, on the driver's thread; listeners hand the work to their own loop. */
    void onChange(Consumer<Boolean> listener);
}
