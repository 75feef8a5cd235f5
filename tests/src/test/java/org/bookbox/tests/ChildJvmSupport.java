package org.bookbox.tests;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Helpers shared by the test packages: the repository's root and waiting for an effect. */
public final class ChildJvmSupport {

    private ChildJvmSupport() {
    }

    public interface Check {
        boolean ok() throws Exception;
    }

    public static Path repo() {
        return ChildJvm.repo();
    }

    /** Polls every 10 ms until the check holds; fails naming what did not happen. */
    public static void await(String what, long seconds, Check check) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!check.ok()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": not within " + seconds + " s");
            }
            Thread.sleep(10);
        }
    }
}
