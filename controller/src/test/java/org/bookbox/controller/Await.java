package org.bookbox.controller;

import java.util.concurrent.TimeUnit;

/** Waits for an effect that crosses the agent's event loops: polls every 5 ms, gives up after 5 s. */
public final class Await {

    public interface Check {
        boolean ok() throws Exception;
    }

    private Await() {
    }

    public static void until(Check check) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!check.ok()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 5 s");
            }
            Thread.sleep(5);
        }
    }
}
