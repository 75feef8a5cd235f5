package org.bookbox.controller.uplink;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.bookbox.controller.journal.Journal;
import org.bookbox.controller.journal.OutgoingEvent;
import org.bookbox.controller.metrics.BoxMetrics;
import org.bookbox.controller.store.JournalException;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.tinylog.Logger;

/**
 * The journal as an outbox (store and forward): events are published in {@code seq} order at QoS 1,
 * at most {@code window} awaiting their PUBACK, and each is marked acknowledged only when its PUBACK
 * arrives. After a disconnect or a restart publishing resumes from the first unacknowledged event,
 * with the ids it was recorded with: the backend may see an event twice, never under two ids.
 *
 * <p>Runs on the uplink's thread; PUBACKs arrive on Paho's and are handed over through a queue,
 * one pump for all that came in meanwhile. What is acknowledged is written as a watermark: the last
 * event of the longest run, in the order they were sent, whose PUBACKs have all come (seqs can have
 * gaps the backend sees; the order sent has none). It is written on a thread of its own, one row per
 * run, so that an fsync never holds up publishing. A PUBACK ahead of a missing one waits in memory;
 * lost with the connection or the process, its event is sent again under its id.
 */
final class Outbox {

    /** Sends the next events; the outbox does not know about MQTT beyond this. */
    interface Sender {
        boolean ready();

        int generation();

        void send(OutgoingEvent e, BrokerSession.Delivery delivery) throws MqttException;
    }

    private static final int BATCH = 1000;
    /** How long PUBACKs gather before they are written as one run. */
    static final Duration ACK_FLUSH_DELAY = Duration.ofMillis(100);

    private final Journal journal;
    private final String source;
    private final int window;
    private final Sender sender;
    private final ScheduledExecutorService thread;
    private final ExecutorService ackWriter;
    private final ArrayDeque<OutgoingEvent> buffer = new ArrayDeque<>();
    /** The seqs published on this connection and not yet under the watermark, in the order sent. */
    private final ArrayDeque<Long> sent = new ArrayDeque<>();
    /** PUBACKed seqs not yet at the head of {@link #sent}. */
    private final Set<Long> ackedAhead = new HashSet<>();
    /** The watermark reached, and the one last handed to the writer. */
    private long ackedThrough;
    private long ackedWritten;
    private final AtomicInteger inflight = new AtomicInteger();
    private final ConcurrentLinkedQueue<Long> pubacks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean pumpQueued = new AtomicBoolean();
    private final AtomicBoolean ackFlushQueued = new AtomicBoolean();
    private volatile BoxMetrics metrics;
    private final AtomicLong pubackCount = new AtomicLong();
    private Future<?> pendingAckWrite = CompletableFuture.completedFuture(null);
    private long nextSeq;
    /** The next batch, read while the window drains (uplink thread only); null when none is on its way. */
    private CompletableFuture<List<OutgoingEvent>> prefetch;
    /** Counts losses of the connection: a batch read before one is not used after it. */
    private int epoch;

    Outbox(Journal journal, String source, int window, Sender sender, ScheduledExecutorService thread, ExecutorService ackWriter) {
        this.journal = journal;
        this.source = source;
        this.window = window;
        this.sender = sender;
        this.thread = thread;
        this.ackWriter = ackWriter;
    }

    /** Counts publishes and times their PUBACKs. */
    void measure(BoxMetrics into) {
        this.metrics = into;
    }

    /** Where to begin: the first event the backend has not acknowledged. */
    void start() {
        nextSeq = firstUnacknowledged();
    }

    /** Event PUBACKs received since start (a repeat after a reconnect counts again). */
    long pubacks() {
        return pubackCount.get();
    }

    /** The connection went: what was in flight is sent again from the first unacknowledged event. */
    void lost() {
        inflight.set(0);
        flushAcks();
        awaitAckWrites();
        sent.clear();
        ackedAhead.clear();
        pubacks.clear();
        buffer.clear();
        epoch++;
        prefetch = null;
        nextSeq = firstUnacknowledged();
    }

    /** Publishes what the window allows. */
    void pump() {
        drainPubacks();
        if (ackedThrough - ackedWritten >= BATCH) {
            flushAcks();
        }
        while (sender.ready() && inflight.get() < window) {
            if (buffer.isEmpty() && !refill()) {
                return;
            }
            OutgoingEvent e = buffer.pollFirst();
            if (buffer.size() == BATCH / 2) {
                prefetchAfter(buffer.peekLast().seq());
            }
            int gen = sender.generation();
            BoxMetrics m = metrics;
            long sentAt = System.nanoTime();
            try {
                sender.send(e, () -> {
                    if (m != null) {
                        m.puback.observeNanos(System.nanoTime() - sentAt);
                    }
                    pubackCount.incrementAndGet();
                    if (gen == sender.generation()) {
                        // a late PUBACK of a lost connection is not counted: its event is sent again
                        pubacks.add(e.seq());
                        inflight.decrementAndGet();
                    }
                    schedulePump();
                    scheduleAckFlush();
                });
                inflight.incrementAndGet();
                sent.addLast(e.seq());
                nextSeq = e.seq() + 1;
                if (m != null) {
                    m.published.inc();
                }
            } catch (MqttException ex) {
                buffer.addFirst(e);
                if (ex.getReasonCode() == MqttException.REASON_CODE_MAX_INFLIGHT) {
                    thread.schedule(this::pump, 5, TimeUnit.MILLISECONDS);
                }
                return;
            }
        }
    }

    /** The buffer ran dry: the batch read ahead if it is there, else a read now. */
    private boolean refill() {
        if (prefetch != null) {
            List<OutgoingEvent> ahead = prefetch.getNow(null);
            if (ahead == null) {
                return false; // on its way: its arrival pumps again
            }
            prefetch = null;
            if (!ahead.isEmpty() && ahead.getFirst().seq() == nextSeq) {
                buffer.addAll(ahead);
                return true;
            }
        }
        try {
            buffer.addAll(journal.outgoingAfter(nextSeq - 1, BATCH, source));
        } catch (JournalException e) {
            Logger.error("uplink: cannot read the journal: {}", e.getMessage());
            return false;
        }
        return !buffer.isEmpty();
    }

    /**
     * Reads the batch after {@code seq} on the acknowledgement writer's thread while the window
     * drains, so that publishing seldom waits for the journal; its arrival pumps.
     */
    private void prefetchAfter(long seq) {
        if (prefetch != null) {
            return;
        }
        int asked = epoch;
        CompletableFuture<List<OutgoingEvent>> ahead = new CompletableFuture<>();
        prefetch = ahead;
        try {
            ackWriter.execute(() -> {
                try {
                    ahead.complete(journal.outgoingAfter(seq, BATCH, source));
                } catch (JournalException | RuntimeException e) {
                    ahead.complete(List.of()); // read again, in place, when the buffer runs dry
                }
                try {
                    thread.execute(() -> {
                        if (asked == epoch && prefetch == ahead && buffer.isEmpty()) {
                            pump();
                        }
                    });
                } catch (RejectedExecutionException e) {
                    // closing
                }
            });
        } catch (RejectedExecutionException e) {
            prefetch = null;
        }
    }

    /** Queues one pump for all the PUBACKs that came in meanwhile: no hop per message. */
    private void schedulePump() {
        if (pumpQueued.compareAndSet(false, true)) {
            thread.execute(() -> {
                pumpQueued.set(false);
                pump();
            });
        }
    }

    /**
     * Writes the acknowledgements that came in within {@link #ACK_FLUSH_DELAY} as one run: on demand,
     * so an idle box has no timer ticking for them.
     */
    private void scheduleAckFlush() {
        if (ackFlushQueued.compareAndSet(false, true)) {
            try {
                thread.schedule(() -> {
                    ackFlushQueued.set(false);
                    flushAcks();
                }, ACK_FLUSH_DELAY.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                // closing: close() flushes them
            }
        }
    }

    /** Moves the watermark over the run of sent events whose PUBACKs have all come. */
    private void drainPubacks() {
        for (Long seq = pubacks.poll(); seq != null; seq = pubacks.poll()) {
            ackedAhead.add(seq);
        }
        while (!sent.isEmpty() && ackedAhead.remove(sent.peekFirst())) {
            ackedThrough = sent.pollFirst();
        }
    }

    /** Hands the watermark reached so far to the writer: one row, however many events it covers. */
    void flushAcks() {
        drainPubacks();
        if (ackedThrough <= ackedWritten) {
            return;
        }
        long through = ackedThrough;
        ackedWritten = through;
        pendingAckWrite = ackWriter.submit(() -> {
            try {
                journal.acknowledgeThrough(through);
            } catch (JournalException e) {
                Logger.error("uplink: acknowledgements not stored (those events will be sent again): {}", e.getMessage());
            }
        });
    }

    /** Waits for acknowledgements handed to the writer, before reading where to resume. */
    void awaitAckWrites() {
        try {
            pendingAckWrite.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            Logger.warn("uplink: acknowledgements still being written: {}", e.getMessage());
        }
    }

    private long firstUnacknowledged() {
        try {
            return journal.firstUnacknowledged();
        } catch (JournalException e) {
            Logger.error("uplink: cannot read the journal: {}", e.getMessage());
            return Long.MAX_VALUE;
        }
    }
}
