package org.bookbox.drivers.scanner;

import java.util.function.Consumer;

/** Turns what a scanner sends, chunk by chunk, into whole scanned codes. */
public interface CodeFramer {

    void accept(byte[] buffer, int length, Consumer<String> codes);

    /** Nothing arrived for a while: a scanner without a suffix has finished its code. */
    default void idle(Consumer<String> codes) {
    }

    /** Part of a code is held that only a gap in the bytes will end: the reader should look again soon. */
    default boolean waiting() {
        return false;
    }
}
