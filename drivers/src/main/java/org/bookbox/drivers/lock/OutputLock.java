package org.bookbox.drivers.lock;

import org.bookbox.drivers.output.Output;

/** A solenoid switched by one output (a GPIO line through a MOSFET or relay). */
public final class OutputLock implements Lock {

    private final Output output;

    public OutputLock(Output output) {
        this.output = output;
    }

    @Override
    public void energise() {
        output.set(true);
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
