package org.bookbox.provisioning;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;

/** Where a command talks to the technician, and the clock it goes by (both injected by the tests). */
record Console(BufferedReader in, PrintStream out, PrintStream err, Clock clock) {

    /** A line of the technician's: the problem is printed as {@code bookbox-provision: ...}. */
    void problem(String text) {
        err.println("bookbox-provision: " + text);
    }

    /** A line typed by the technician, at most {@code max} characters (more is cut to max + 1); null at the end of input. */
    String readLine(int max) throws IOException {
        StringBuilder line = new StringBuilder();
        int ch;
        while ((ch = in.read()) >= 0 && ch != '\n') {
            if (line.length() <= max) {
                line.append((char) ch);
            }
        }
        return ch < 0 && line.isEmpty() ? null : line.toString().strip();
    }
}
