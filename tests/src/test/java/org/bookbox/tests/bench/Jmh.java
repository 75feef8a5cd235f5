package org.bookbox.tests.bench;

import java.util.ArrayList;
import java.util.List;
import org.openjdk.jmh.Main;

/** Runs the JMH benchmarks of the hot paths ({@code bench.jmh}), their forks told where the repository is. */
public final class Jmh {

    private Jmh() {
    }

    public static void main(String[] args) throws Exception {
        List<String> all = new ArrayList<>(List.of("-jvmArgs", "-Dbookbox.repo=" + System.getProperty("bookbox.repo", "."),
                "org.bookbox.tests.bench.jmh.*"));
        all.addAll(List.of(args));
        Main.main(all.toArray(String[]::new));
    }
}
