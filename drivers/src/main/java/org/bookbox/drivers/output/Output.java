package org.bookbox.drivers.output;

/** A switched output. "On" is the energised, active state, whatever the wire's polarity. */
public interface Output {

    void set(boolean on);

    boolean isOn();
}
