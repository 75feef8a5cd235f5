package org.bookbox.drivers.door;

import java.util.function.Consumer;
import org.bookbox.drivers.input.Input;

/** A door's contact: tells whether the door stands open. */
public interface DoorSensor {

    boolean isOpen();

    /** Called with true when the door opens and false when it closes. */
    void onChange(Consumer<Boolean> listener);

    /** A reed switch or the lock's own feedback contact on a digital input (active = open). */
    static DoorSensor on(Input contact) {
        return new DoorSensor() {
            @Override
            public boolean isOpen() {
                return contact.isActive();
            }

            @Override
            public void onChange(Consumer<Boolean> listener) {
                contact.onChange(listener);
            }
        };
    }
}
