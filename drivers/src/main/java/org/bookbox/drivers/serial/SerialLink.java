package org.bookbox.drivers.serial;

import java.io.IOException;

/** A byte pipe to a device on a serial line (USB CDC, UART, or a pseudo-terminal in tests). */
public interface SerialLink extends AutoCloseable {

    /** Opens a line; called again after the line went away (unplugged). */
    interface Opener {
        SerialLink open() throws IOException;
    }

    void write(byte[] bytes) throws IOException;

    /**
     * Reads what is there, waiting up to {@code timeoutMs} for the first byte.
     *
     * @return bytes read, 0 on time-out
     * @throws IOException when the device is gone (unplugged)
     */
    int read(byte[] buffer, int timeoutMs) throws IOException;

    /** Drops whatever is waiting to be read (a stale half frame after a time-out). */
    void drain() throws IOException;

    @Override
    void close();
}
