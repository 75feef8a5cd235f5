package org.bookbox.controller.unit.dropbox;

import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.bookbox.controller.event.AlarmKind;
import org.bookbox.controller.journal.EventRecorder;
import org.bookbox.controller.profile.UnitSpec.DropBoxSpec;
import org.bookbox.controller.unit.Alarms;
import org.bookbox.controller.unit.Items;
import org.bookbox.drivers.input.Input;
import org.bookbox.drivers.output.Output;
import org.bookbox.drivers.rfid.Antenna;
import org.bookbox.drivers.rfid.FieldReader;
import org.bookbox.drivers.rfid.FieldReader.TagRead;
import org.bookbox.drivers.rfid.ReaderException;
import org.bookbox.drivers.rfid.TagUid;
import org.bookbox.drivers.rfid.iso28560.LibraryItem;
import org.tinylog.Logger;

/**
 * The drop box's chute, on a thread of its own (reader I/O blocks):
 *
 * <pre>
 *  ready --eye breaks--> reading (inventory every poll, tags merged by UID; the sorter is set as
 *  soon as the first item is known) --eye clears--> last inventory, decide
 *  --> note the returns, turn security on, record one event per tag --> ready
 * </pre>
 *
 * A tag returned within the last minute, or never out of the field since (a book stuck in the
 * chute), is not returned again. Nothing read at all is one {@code return.unidentified no_tag}.
 */
public final class ChuteCycle implements Runnable {

    /** A tag seen again this soon after its return is the same book, not a new return. */
    static final Duration SAME_BOOK = Duration.ofSeconds(60);
    /** Alarm kind: the eye stays broken past a whole read window (documented in the AsyncAPI). */
    /** How often an idle chute checks that its reader still answers. */
    static final Duration HEALTH_CHECK = Duration.ofSeconds(10);

    private final DropBoxSpec spec;
    private final Input eye;
    private final List<Antenna> antennas;
    private final Output sorter;
    private final BinRules bins;
    private final EventRecorder recorder;
    private final Alarms alarms;
    private final Clock clock;
    private final Duration poll;
    private final JsonObject place;
    private final BlockingQueue<Boolean> eyeBroken = new LinkedBlockingQueue<>();
    private final BlockingQueue<Boolean> eyeCleared = new LinkedBlockingQueue<>();
    private final Map<TagUid, Instant> recent = new HashMap<>();
    /** Returns whose event could not be written yet, by UID; filled on the writer thread, emptied here. */
    private final Map<String, JsonObject> unrecorded = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    /** @param place {@code library} and {@code location} of the box, carried by every return for the backend's SIP2 check-in */
    public ChuteCycle(DropBoxSpec spec, Input eye, List<Antenna> antennas, Output sorter, BinRules bins, EventRecorder recorder,
                      Alarms alarms, Clock clock, Duration poll, JsonObject place) {
        this.spec = spec;
        this.eye = eye;
        this.antennas = antennas;
        this.sorter = sorter;
        this.bins = bins;
        this.recorder = recorder;
        this.alarms = alarms;
        this.clock = clock;
        this.poll = poll;
        this.place = place;
        this.thread = new Thread(this, "chute " + spec.name());
        thread.setDaemon(true);
    }

    public void start() {
        eye.onChange(broken -> (broken ? eyeBroken : eyeCleared).offer(true));
        thread.start();
    }

    public void stop() {
        running = false;
        thread.interrupt();
    }

    @Override
    public void run() {
        recoverPending();
        while (running) {
            try {
                Boolean broken = eyeBroken.poll(HEALTH_CHECK.toMillis(), TimeUnit.MILLISECONDS);
                retryUnrecorded();
                if (broken == null) {
                    healthCheck();
                    continue;
                }
                if (window()) {
                    blocked();
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                Logger.error(e, "{}: chute cycle failed; ready for the next item", spec.name());
            }
        }
    }

    /**
     * An eye still broken when a whole read window has passed: something is stuck across it (a jammed
     * book, a bag, a hand). That is one window's record and one alarm, not a record per window: the
     * chute waits here, still checking its reader, until the eye clears.
     */
    private void blocked() throws InterruptedException {
        alarms.raise(AlarmKind.CHUTE_BLOCKED, null, "the chute's eye is still broken after a " + spec.readWindow().toMillis() + " ms read window");
        while (running && eye.isActive()) {
            if (eyeCleared.poll(HEALTH_CHECK.toMillis(), TimeUnit.MILLISECONDS) == null) {
                healthCheck();
            }
        }
        eyeCleared.clear();
        eyeBroken.clear();
        alarms.clear(AlarmKind.CHUTE_BLOCKED, null, "the chute's eye is clear again");
    }

    /** One item (or a stack) through the chute; true when the eye was still broken as the window ended. */
    private boolean window() throws InterruptedException {
        Map<TagUid, TagRead> seen = new LinkedHashMap<>();
        Map<TagUid, CompletableFuture<Void>> noted = new LinkedHashMap<>();
        String bin = bins.defaultBin();
        setSorter(bin);
        boolean sorterDecided = false;
        ReaderException offline = null;
        Instant start = clock.instant();
        long deadline = System.nanoTime() + spec.readWindow().toNanos();
        while (true) {
            boolean cleared = !eye.isActive() || System.nanoTime() > deadline;
            try {
                read(seen);
                offline = null;
            } catch (ReaderException e) {
                offline = e;
            } catch (RuntimeException e) {
                // a driver's bug on a garbled answer: this read is lost, not the window and the books already read
                Logger.error(e, "{}: the chute's reader failed on a read", spec.name());
                offline = new ReaderException("reader failed: " + e, false);
            }
            notePending(seen, bin, noted);
            if (!sorterDecided) {
                for (TagRead r : seen.values()) {
                    if (isBook(r) && !recent.containsKey(r.uid())) {
                        bin = bins.binFor(r.decoding().item().ownerIsil());
                        setSorter(bin);
                        sorterDecided = true; // a stack goes where its first book goes
                        break;
                    }
                }
            }
            if (cleared) {
                break;
            }
            eyeCleared.poll(poll.toMillis(), TimeUnit.MILLISECONDS); // the next read comes early if the eye clears
            eyeCleared.clear();
        }
        // flicker of the eye during this window is this window's; a book already in again keeps its signal
        eyeBroken.clear();
        boolean stillBroken = eye.isActive();
        if (stillBroken) {
            eyeBroken.offer(true);
        }
        if (offline != null) {
            alarms.raise(AlarmKind.READER_OFFLINE, null, offline.getMessage());
        } else {
            alarms.clear(AlarmKind.READER_OFFLINE, null, "the chute's reader answers again");
        }
        Instant now = clock.instant();
        recent.entrySet().removeIf(e -> e.getValue().plus(SAME_BOOK).isBefore(now));
        List<TagRead> fresh = new ArrayList<>();
        for (TagRead r : seen.values()) {
            if (recent.containsKey(r.uid())) {
                recent.put(r.uid(), now); // still there: a stuck book, not a second return
            } else {
                fresh.add(r);
            }
        }
        if (seen.isEmpty()) {
            unidentified(offline != null ? "unreadable" : "no_tag", null, offline != null ? offline.getMessage() : "no tag in the chute's field", bin);
        }
        notePending(seen, bin, noted);
        settle(fresh, bin, now, noted);
        Logger.info("{}: window of {} ms, {} tag(s), {} new, bin {}", spec.name(), Duration.between(start, now).toMillis(), seen.size(), fresh.size(), bin);
        return stillBroken && System.nanoTime() > deadline;
    }

    private void read(Map<TagUid, TagRead> seen) throws ReaderException {
        for (Antenna a : antennas) {
            for (TagUid uid : a.inventory()) {
                TagRead prior = seen.get(uid);
                if (prior == null || prior.unreadable()) {
                    seen.put(uid, FieldReader.read(a, uid));
                }
            }
        }
    }

    /**
     * Notes each new book as a pending return as soon as it is read, while it is still in the chute,
     * so that the durable note is usually done by the time the eye clears.
     */
    private void notePending(Map<TagUid, TagRead> seen, String bin, Map<TagUid, CompletableFuture<Void>> noted) {
        Map<String, JsonObject> fresh = new LinkedHashMap<>();
        for (TagRead r : seen.values()) {
            if (isBook(r) && !noted.containsKey(r.uid()) && !recent.containsKey(r.uid())) {
                fresh.put(r.uid().hex(), returnEvent(r, bin));
            }
        }
        if (fresh.isEmpty()) {
            return;
        }
        CompletableFuture<Void> done = recorder.call(j -> {
            j.addPendingReturns(spec.name(), fresh);
            return null;
        });
        fresh.keySet().forEach(uid -> noted.put(TagUid.parse(uid), done));
    }

    /** Waits for the notes, writes security while the books are still in the field, then records each. */
    private void settle(List<TagRead> reads, String bin, Instant now, Map<TagUid, CompletableFuture<Void>> noted) {
        Map<String, JsonObject> returns = new LinkedHashMap<>();
        for (TagRead r : reads) {
            if (isBook(r)) {
                returns.put(r.uid().hex(), returnEvent(r, bin));
            } else if (r.unreadable()) {
                unidentified("unreadable", r.uid(), r.problem(), bin);
            } else {
                String why = r.decoding().ok() ? "a patron card (type of usage 8), not a book" : r.problem();
                unidentified("bad_data", r.uid(), why, bin);
            }
        }
        if (returns.isEmpty()) {
            return;
        }
        Set<TagUid> unnoted = new HashSet<>();
        for (TagRead r : reads) {
            try {
                if (noted.containsKey(r.uid())) {
                    noted.get(r.uid()).get(); // the return is durable before the tag is touched
                }
            } catch (ExecutionException | InterruptedException e) {
                unnoted.add(r.uid());
                Logger.error("{}: could not note the return of {} before its security write: {}", spec.name(), r.uid(), e.getMessage());
            }
        }
        for (TagRead r : reads) {
            JsonObject event = returns.get(r.uid().hex());
            if (event == null) {
                continue;
            }
            if (unnoted.contains(r.uid())) {
                // a book whose return may never be recorded keeps its loan security: a gate notices it, not nobody
                event.put("security", "failed").put("detail", "the return could not be noted before the security write (journal not writable)");
            } else {
                event.put("security", secure(r.uid()));
            }
            recordReturn(event, r.uid().hex());
            recent.put(r.uid(), now);
        }
    }

    /**
     * Records a return; one that cannot be written now (a full disk) is kept and tried again at each
     * idle look until it is: its pending note is on disk meanwhile, so even a restart does not lose it.
     */
    private void recordReturn(JsonObject event, String uid) {
        recorder.record("return", event, uid).whenComplete((ok, failure) -> {
            if (failure != null) {
                unrecorded.put(uid, event);
            }
        });
    }

    private void retryUnrecorded() {
        if (unrecorded.isEmpty()) {
            return;
        }
        Map<String, JsonObject> retry = new LinkedHashMap<>(unrecorded);
        retry.keySet().forEach(unrecorded::remove);
        retry.forEach((uid, event) -> {
            Logger.warn("{}: recording the return of {} again", spec.name(), uid);
            recordReturn(event, uid);
        });
    }

    /** Security on: the AFI to "in the library", or the EAS bit where the profile says the tags use EAS. */
    private String secure(TagUid uid) {
        Antenna antenna = antennas.get(0);
        try {
            if (spec.security().eas()) {
                antenna.setEas(uid);
            } else {
                antenna.writeAfi(uid, spec.security().afiInLibrary());
            }
            return "set";
        } catch (ReaderException e) {
            Logger.warn("{}: security not set on {}: {}", spec.name(), uid, e.getMessage());
            return e.notSupported() ? "not_supported" : "failed";
        }
    }

    private JsonObject returnEvent(TagRead r, String bin) {
        JsonObject data = new JsonObject().put("unit", spec.name()).put("item", Items.json(r)).put("bin", bin);
        place.forEach(e -> data.put(e.getKey(), e.getValue()));
        return data;
    }

    private void unidentified(String reason, TagUid uid, String detail, String bin) {
        JsonObject data = new JsonObject().put("unit", spec.name()).put("reason", reason).put("bin", bin).put("detail", detail);
        if (uid != null) {
            data.put("uid", uid.hex());
        }
        recorder.record("return.unidentified", data);
    }

    /** Returns noted before a stop that came between the note and the event: recorded now, security unconfirmed. */
    private void recoverPending() {
        try {
            Map<String, JsonObject> pending = recorder.call(j -> j.pendingReturns(spec.name())).get();
            pending.forEach((uid, event) -> {
                Logger.warn("{}: recording return of {} noted before the last stop", spec.name(), uid);
                recorder.record("return", event.put("security", "failed")
                        .put("detail", "the agent stopped before the security write was confirmed"), uid);
            });
        } catch (ExecutionException | InterruptedException e) {
            Logger.error("{}: pending returns not recovered: {}", spec.name(), e.getMessage());
        }
    }

    private void healthCheck() {
        try {
            for (Antenna a : antennas) {
                for (TagUid uid : a.inventory()) {
                    if (recent.containsKey(uid)) {
                        recent.put(uid, clock.instant()); // still stuck in the field
                    }
                }
            }
            alarms.clear(AlarmKind.READER_OFFLINE, null, "the chute's reader answers again");
        } catch (ReaderException e) {
            alarms.raise(AlarmKind.READER_OFFLINE, null, e.getMessage());
        }
    }

    private static boolean isBook(TagRead r) {
        return r.decoding() != null && r.decoding().ok() && r.decoding().item().usage() != LibraryItem.USAGE_PATRON_CARD;
    }

    private void setSorter(String bin) {
        if (sorter != null && bin != null) {
            sorter.set(bins.sorterOn(bin));
        }
    }
}
