package org.bookbox.tests;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Starts a class of this test classpath in a JVM of its own: the way to kill an agent for real. */
final class ChildJvm {

    private ChildJvm() {
    }

    static ProcessBuilder builder(Class<?> main, String... args) {
        String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> cmd = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-Xmx128m",
                "-cp", System.getProperty("java.class.path"), main.getName()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd);
    }

    static Process start(Class<?> main, String... args) throws IOException {
        return builder(main, args).redirectErrorStream(false).start();
    }

    /** The repository's root (for the shipped examples). */
    static Path repo() {
        String prop = System.getProperty("bookbox.repo");
        return prop != null ? Path.of(prop) : Path.of("..").toAbsolutePath().normalize();
    }
}
