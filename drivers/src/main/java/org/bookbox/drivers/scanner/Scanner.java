package org.bookbox.drivers.scanner;

import java.util.function.Consumer;

/** A QR scanner: a stream of scanned texts, prefix, suffix and symbology id already stripped. */
public interface Scanner extends AutoCloseable {

    /** Starts reading (once the listeners are in place). */
    void start();

    /** Called once per scanned code, on the driver's thread. */
    void onScan(Consumer<String> listener);

    /** Called with false when the scanner goes away (unplugged) and true when it is back. */
    void onStatus(Consumer<Boolean> listener);

    @Override
    void close();
}
