package org.bookbox.tests;

import java.io.IOException;

/** Starts a main class in a child JVM from any test package, its output discarded. */
public final class ChildJvmStarter {

    private ChildJvmStarter() {
    }

    public static Process start(Class<?> main, String... args) throws IOException {
        return ChildJvm.builder(main, args).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }
}
