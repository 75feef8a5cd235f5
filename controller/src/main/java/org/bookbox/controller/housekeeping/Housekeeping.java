package org.bookbox.controller.housekeeping;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.bookbox.controller.config.AgentConfig;
import org.bookbox.controller.event.AlarmKind;
import org.bookbox.controller.event.BoxEvent;
import org.bookbox.controller.journal.Journal;
import org.bookbox.controller.store.JournalException;
import org.bookbox.controller.store.Storage;
import org.bookbox.controller.token.TokenState;
import org.bookbox.controller.token.TokenVerifier;
import org.bookbox.drivers.part.Threads;
import org.tinylog.Logger;

/**
 * The box's stores kept in shape, whether or not it has an uplink: acknowledged events pruned after
 * their retention, spent token ids pruned once they expire, the last-known-good clock moved on while
 * the clock is synchronised, and the data partition watched ({@code storage_low}, {@code storage_full}).
 */
public final class Housekeeping implements AutoCloseable {

    /** How often free space is looked at: a burst of returns fills a small partition in seconds. */
    static final Duration STORAGE_CHECK = Duration.ofSeconds(1);

    /**
     * Where {@code storage_low} and {@code storage_full} start, for a partition of {@code total} bytes.
     * The reserve is what the box keeps back to record what is already inside it once it stops taking
     * more (a stack in the chute, a session under way, the alarms): 5% of the partition, 128 KiB to 8 MiB.
     * Low is the configured figure, unless the partition is not even that large (the 50 MiB default on
     * a 2 MiB partition would mean "always low"): then a fifth of it. Never under twice the reserve.
     */
    public record Thresholds(long low, long reserve) {
        public static Thresholds of(long total, long configuredLow) {
            long reserve = Math.clamp(total / 20, 128L << 10, 8L << 20);
            long low = Math.max(configuredLow < total ? configuredLow : total / 5, 2 * reserve);
            return new Thresholds(low, reserve);
        }
    }

    private final Path dataDir;
    private final Journal journal;
    private final TokenState tokens;
    private final AgentConfig.Uplink settings;
    private final Clock clock;
    private final BooleanSupplier clockSynced;
    private final Consumer<BoxEvent> record;
    private final Storage storage;
    private final ScheduledExecutorService thread;
    private volatile boolean writeFailed;
    /** The data partition, looked up once: a lookup reads the mount table, a free-space query is one system call. */
    private volatile FileStore store;
    private volatile long lowNow = Long.MAX_VALUE;
    private final AtomicBoolean checkQueued = new AtomicBoolean();
    private boolean low;

    public Housekeeping(String deviceId, Path dataDir, Journal journal, TokenState tokens, AgentConfig.Uplink settings, Clock clock,
                        BooleanSupplier clockSynced, Consumer<BoxEvent> record, Storage storage, Threads threads) {
        this.dataDir = dataDir;
        this.journal = journal;
        this.tokens = tokens;
        this.settings = settings;
        this.clock = clock;
        this.clockSynced = clockSynced;
        this.record = record;
        this.storage = storage;
        this.thread = Executors.newSingleThreadScheduledExecutor(threads.named("housekeeping-" + deviceId));
    }

    /**
     * After each write, on the journal's writer: a look at the space left (one statfs call) so that a
     * burst fills no more than the reserve before the box stops taking things in.
     */
    public void afterWrite() {
        FileStore fs = store;
        try {
            if (fs != null && fs.getUsableSpace() < lowNow && checkQueued.compareAndSet(false, true)) {
                thread.execute(() -> {
                    checkQueued.set(false);
                    guard(this::checkStorage).run();
                });
            }
        } catch (IOException | RejectedExecutionException e) {
            // no answer from the file system, or closing: the regular look comes within a second
        }
    }

    public void start() {
        thread.scheduleWithFixedDelay(guard(this::checkStorage), 0, STORAGE_CHECK.toMillis(), TimeUnit.MILLISECONDS);
        thread.scheduleWithFixedDelay(guard(this::pruneOld), 1, 60, TimeUnit.MINUTES);
        thread.scheduleWithFixedDelay(guard(this::keepClock), 0, 1, TimeUnit.MINUTES);
    }

    /** A write failed for want of space: stop taking things in now, not at the next look. */
    public void diskFull() {
        writeFailed = true;
        try {
            thread.execute(guard(this::checkStorage));
        } catch (RejectedExecutionException e) {
            // closing
        }
    }

    /** Prunes what retention allows: acknowledged events past their days, token ids past their expiry. */
    void pruneOld() {
        try {
            int n = journal.pruneAcknowledged(clock.instant().minus(settings.retention()));
            if (n > 0) {
                Logger.info("pruned {} acknowledged events older than {} days", n, settings.retention().toDays());
            }
            // an id whose token has expired can never be presented again successfully: forgetting it is safe
            long expired = clock.instant().getEpochSecond() - TokenVerifier.SKEW_SECONDS;
            int t = tokens.prune(expired);
            journal.notes().pruneSpentCodes(expired); // the same ids, spent in the journal with their sessions' notes
            if (t > 0) {
                Logger.info("pruned {} spent token ids past their expiry", t);
            }
        } catch (JournalException e) {
            Logger.error("pruning failed: {}", e.getMessage());
        }
    }

    /** While the clock is synchronised, its time is the last known good one (tokens.md): kept even with no scans. */
    private void keepClock() {
        if (clockSynced.getAsBoolean()) {
            try {
                tokens.clockKnownGood(clock.instant().getEpochSecond());
            } catch (JournalException e) {
                Logger.warn("last-known-good clock not stored: {}", e.getMessage());
            }
        }
    }

    /** Low on space: acknowledged events go first, whatever their age; an unacknowledged one never does. */
    void checkStorage() {
        FileStore fs;
        long total;
        long free;
        try {
            fs = store == null ? Files.getFileStore(dataDir) : store;
            store = fs;
            total = fs.getTotalSpace();
            free = fs.getUsableSpace();
        } catch (IOException e) {
            return;
        }
        Thresholds t = Thresholds.of(total, settings.storageLowBytes());
        lowNow = t.low();
        if (free < t.low() || writeFailed) {
            try {
                journal.pruneAcknowledged(null);
                journal.log().checkpoint(); // the write-ahead log holds what was committed since the last checkpoint
                free = fs.getUsableSpace();
            } catch (JournalException | IOException e) {
                Logger.error("making room failed: {}", e.getMessage());
            }
        }
        // after a failed write, only clear room (twice the reserve) ends the full state: no flapping at the edge
        boolean full = free < t.reserve() || (writeFailed && free < 2 * t.reserve());
        if (!full) {
            writeFailed = false;
        }
        boolean nowLow = free < t.low();
        String figures = (free >> 10) + " KiB free on the data partition of " + (total >> 10) + " KiB";
        if (nowLow != low) {
            low = nowLow;
            alarm(AlarmKind.STORAGE_LOW, nowLow, figures + ", threshold " + (t.low() >> 10) + " KiB");
        }
        if (full != storage.full()) {
            storage.set(full);
            alarm(AlarmKind.STORAGE_FULL, full, full ? figures + ": the box takes nothing in that it could not record (flap closed, scans refused)"
                    : figures + ": taking books and scans again");
        }
    }

    private void alarm(AlarmKind kind, boolean active, String detail) {
        Logger.warn("{} {}: {}", kind, active ? "raised" : "cleared", detail);
        record.accept(new BoxEvent.Alarm(kind, null, null, active, detail));
    }

    private Runnable guard(Runnable r) {
        return () -> {
            try {
                r.run();
            } catch (RuntimeException e) {
                Logger.error(e, "housekeeping task failed");
            }
        };
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
