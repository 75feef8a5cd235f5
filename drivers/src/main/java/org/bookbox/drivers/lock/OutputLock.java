package org.bookbox.drivers.lock;

import org.bookbox.drivers.output.Output;

/** A solenoid switched by one output (a GPIO line through a MOSFET or relay). */
public final class OutputLock implements Lock {

    private final Output output;

    public OutputLock(Output output) {
        this.output = output;
    }

    @Override
    public void energise() throws LockFault {
        try {
            output.set(true);
        } catch (RuntimeException e) {
            // Pi4J reports a line it cannot drive with unchecked exceptions
            throw new LockFault("output " + output + " did not switch: " + e.getMessage(), e);
        }
    }

    @Override
    public void release() {
        output.set(false);
    }

    @Override
    public boolean energised() {
        return output.isOn();
    }
}
