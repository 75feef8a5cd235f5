package org.bookbox.controller;

import io.vertx.core.VertxOptions;

/**
 * Vert.x sized for one box rather than a server: its blocking work (a lock board's exchange, tag
 * writes, the self-test) is a few jobs at a time, so 4 workers and 2 internal threads, not 20 and 20,
 * each thread's stack and arena being memory a 512 MB board keeps (docs/benchmarks.md, footprint).
 * The event loops stay Vert.x's (twice the cores): each unit takes one of its own ({@link UnitLoops}).
 */
final class BoxThreads {

    static final int WORKERS = 4;
    static final int INTERNAL = 2;

    private BoxThreads() {
    }

    static VertxOptions options() {
        return new VertxOptions().setWorkerPoolSize(WORKERS).setInternalBlockingPoolSize(INTERNAL);
    }
}
