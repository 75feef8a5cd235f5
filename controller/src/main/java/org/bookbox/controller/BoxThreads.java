package org.bookbox.controller;

import io.vertx.core.VertxOptions;

/**
 * Vert.x sized for one box rather than a server: its blocking work (a lock board's exchange, tag
 * writes, the self-test) is a few jobs at a time, so 4 workers and 2 internal threads, not 20 and 20;
 * and one event loop per unit (each unit takes its own, {@link UnitLoops}) and one more for the local
 * API, not twice the cores (8 on a Pi 4). Each thread's stack and arena is memory a 512 MB board
 * keeps (docs/benchmarks.md, footprint).
 */
final class BoxThreads {

    static final int WORKERS = 4;
    static final int INTERNAL = 2;

    private BoxThreads() {
    }

    static VertxOptions options(int units) {
        return new VertxOptions().setEventLoopPoolSize(Math.max(2, units + 1)).setWorkerPoolSize(WORKERS).setInternalBlockingPoolSize(INTERNAL);
    }
}
