package org.bookbox.drivers.part;

import java.util.concurrent.atomic.LongAdder;

/** The time-outs of one board's serial devices (each exchange that got no answer in time), for the box's metrics. */
public final class TimeOuts {

    private final LongAdder readers = new LongAdder();
    private final LongAdder lockBoards = new LongAdder();

    public void reader() {
        readers.increment();
    }

    public void lockBoard() {
        lockBoards.increment();
    }

    public long readers() {
        return readers.sum();
    }

    public long lockBoards() {
        return lockBoards.sum();
    }
}
