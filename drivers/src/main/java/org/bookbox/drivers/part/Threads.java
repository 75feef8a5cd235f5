package org.bookbox.drivers.part;

import java.util.concurrent.ThreadFactory;

/**
 * Where the long-lived threads of a box come from (a driver's reads, the journal's writer, the
 * uplink's lane). A box has a few dozen and they are platform threads. A fleet of simulated boxes in
 * one JVM would have tens of thousands: there they are virtual, and a blocked read costs a few
 * kilobytes instead of a stack and a kernel task.
 */
public enum Threads {
    PLATFORM,
    VIRTUAL;

    /** A daemon thread, not yet started. */
    public Thread newThread(String name, Runnable body) {
        return switch (this) {
            case PLATFORM -> Thread.ofPlatform().name(name).daemon(true).unstarted(body);
            case VIRTUAL -> Thread.ofVirtual().name(name).unstarted(body);
        };
    }

    /** Threads of this kind, all with one name (an executor's). */
    public ThreadFactory named(String name) {
        return body -> newThread(name, body);
    }

    /**
     * What a fleet of simulated boxes runs on: virtual threads where the JDK lets a virtual thread
     * block inside {@code synchronized} without holding its carrier (JDK 24, JEP 491: Paho and the
     * piped lines block there); platform threads before that.
     */
    public static Threads forFleet() {
        return Runtime.version().feature() >= 24 ? VIRTUAL : PLATFORM;
    }
}
