package org.bookbox.provisioning;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

/** Runs the tool as a technician would, with what they type and the clock given, and keeps what it printed. */
final class ToolRun {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final Clock clock;

    ToolRun(Clock clock) {
        this.clock = clock;
    }

    int typing(String typed, String... args) {
        out.reset();
        err.reset();
        Console c = new Console(new BufferedReader(new StringReader(typed)), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), clock);
        return ProvisionTool.run(args, c);
    }

    int run(String... args) {
        return typing("", args);
    }

    String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
