package org.bookbox.controller.unit.dropbox;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.bookbox.controller.event.BoxEvent.Return;
import org.bookbox.controller.event.BoxEvent.Security;
import org.bookbox.controller.event.BoxEvent.Unidentified;
import org.bookbox.controller.event.BoxEvent.UnidentifiedReturn;
import org.bookbox.controller.event.EventJson;
import org.bookbox.controller.journal.EventRecorder;
import org.bookbox.controller.profile.UnitSpec.DropBoxSpec;
import org.bookbox.controller.unit.Items;
import org.bookbox.drivers.rfid.Antenna;
import org.bookbox.drivers.rfid.FieldReader.TagRead;
import org.bookbox.drivers.rfid.ReaderException;
import org.bookbox.drivers.rfid.TagUid;
import org.bookbox.drivers.rfid.iso28560.LibraryItem;
import org.tinylog.Logger;

/**
 * Writes a chute's returns down, in the order that loses nothing: a durable note as soon as a book
 * is read, security written only once its return is durable, the {@code return} event settling the
 * note. A return that cannot be written now (a full disk) is kept and tried again.
 */
final class ReturnWriter {

    private final DropBoxSpec spec;
    private final List<Antenna> antennas;
    private final EventRecorder recorder;
    private final JsonObject place;
    /** Returns whose event could not be written yet, by UID; filled on the writer thread, emptied on the chute's. */
    private final Map<String, Return> unrecorded = new ConcurrentHashMap<>();

    private final List<Consumer<Boolean>> counted = new CopyOnWriteArrayList<>();

    void onCounted(Consumer<Boolean> listener) {
        counted.add(listener);
    }

    ReturnWriter(DropBoxSpec spec, List<Antenna> antennas, EventRecorder recorder, JsonObject place) {
        this.spec = spec;
        this.antennas = antennas;
        this.recorder = recorder;
        this.place = place;
    }

    static boolean isBook(TagRead r) {
        return r.decoding() != null && r.decoding().ok() && r.decoding().item().usage() != LibraryItem.USAGE_PATRON_CARD;
    }

    /**
     * Notes each new book of the window as a pending return as soon as it is read, while it is still
     * in the chute, so that the durable note is usually done by the time the eye clears.
     */
    void notePending(ChuteWindow w, Map<TagUid, Instant> recent) {
        Map<String, JsonObject> fresh = new LinkedHashMap<>();
        for (TagRead r : w.seen().values()) {
            if (isBook(r) && !w.noted().containsKey(r.uid()) && !recent.containsKey(r.uid())) {
                fresh.put(r.uid().hex(), EventJson.data(returnOf(r, w.bin())));
            }
        }
        if (fresh.isEmpty()) {
            return;
        }
        // a note may share its transaction with the last window's returns (group commit)
        CompletableFuture<Void> done = recorder.note(j -> {
            j.notes().addPendingReturns(spec.name(), fresh);
            return null;
        });
        fresh.keySet().forEach(uid -> w.noted().put(TagUid.parse(uid), done));
    }

    /**
     * Secures, while they are still in the chute's field, the window's books whose return is already
     * durable (the return before the tag is touched); a write that failed is tried again at the next
     * read, through the antenna that saw the book first and then the others.
     */
    void secureInField(ChuteWindow w) {
        for (Map.Entry<TagUid, CompletableFuture<Void>> e : w.noted().entrySet()) {
            Security done = w.secured().get(e.getKey());
            if (done == Security.SET || done == Security.NOT_SUPPORTED) {
                continue;
            }
            if (e.getValue().isDone() && !e.getValue().isCompletedExceptionally()) {
                w.secured().put(e.getKey(), secure(e.getKey(), w.antennaOf().getOrDefault(e.getKey(), 0)));
            }
        }
    }

    /**
     * Waits for the notes, secures what was not secured in the field (one last try: the book may have
     * fallen into the bin already), then records each.
     */
    void settle(List<TagRead> reads, ChuteWindow w, BiConsumer<TagUid, Instant> returned, Instant now) {
        Map<String, Return> returns = new LinkedHashMap<>();
        for (TagRead r : reads) {
            if (isBook(r)) {
                returns.put(r.uid().hex(), returnOf(r, w.bin()));
            } else if (r.unreadable()) {
                unidentified(Unidentified.UNREADABLE, r.uid(), r.problem(), w.bin());
            } else {
                String why = r.decoding().ok() ? "a patron card (type of usage 8), not a book" : r.problem();
                unidentified(Unidentified.BAD_DATA, r.uid(), why, w.bin());
            }
        }
        if (returns.isEmpty()) {
            return;
        }
        Set<TagUid> unnoted = new HashSet<>();
        for (TagRead r : reads) {
            try {
                if (w.noted().containsKey(r.uid())) {
                    w.noted().get(r.uid()).get(); // the return is durable before the tag is touched
                }
            } catch (ExecutionException | InterruptedException e) {
                unnoted.add(r.uid());
                Logger.error("{}: could not note the return of {} before its security write: {}", spec.name(), r.uid(), e.getMessage());
            }
        }
        for (TagRead r : reads) {
            Return event = returns.get(r.uid().hex());
            if (event == null) {
                continue;
            }
            // a book whose return may never be recorded keeps its loan security: a gate notices it, not nobody
            Security inField = w.secured().get(r.uid());
            event = unnoted.contains(r.uid())
                    ? event.secured(Security.FAILED, "the return could not be noted before the security write (journal not writable)")
                    : event.secured(inField == Security.SET || inField == Security.NOT_SUPPORTED ? inField
                            : secure(r.uid(), w.antennaOf().getOrDefault(r.uid(), 0)), null);
            record(event, r.uid().hex());
            returned.accept(r.uid(), now);
            counted.forEach(c -> c.accept(false));
        }
    }

    /** Records a return; one that cannot be written now is kept for {@link #retryUnrecorded()}. Its note is on disk meanwhile. */
    private void record(Return event, String uid) {
        recorder.record(event, uid).whenComplete((ok, failure) -> {
            if (failure != null) {
                unrecorded.put(uid, event);
            }
        });
    }

    void retryUnrecorded() {
        if (unrecorded.isEmpty()) {
            return;
        }
        Map<String, Return> retry = new LinkedHashMap<>(unrecorded);
        retry.keySet().forEach(unrecorded::remove);
        retry.forEach((uid, event) -> {
            Logger.warn("{}: recording the return of {} again", spec.name(), uid);
            record(event, uid);
        });
    }

    /**
     * Security on: the AFI to "in the library", or the EAS bit where the profile says the tags use
     * EAS; through the antenna that saw the tag, then each other antenna of the chute.
     */
    private Security secure(TagUid uid, int first) {
        ReaderException last = null;
        for (int k = 0; k < antennas.size(); k++) {
            Antenna antenna = antennas.get((first + k) % antennas.size());
            try {
                if (spec.security().eas()) {
                    antenna.setEas(uid);
                } else {
                    antenna.writeAfi(uid, spec.security().afiInLibrary());
                }
                return Security.SET;
            } catch (ReaderException e) {
                if (e.notSupported()) {
                    return Security.NOT_SUPPORTED;
                }
                last = e;
            }
        }
        Logger.warn("{}: security not set on {}: {}", spec.name(), uid, last == null ? "no antenna" : last.getMessage());
        return Security.FAILED;
    }

    private Return returnOf(TagRead r, String bin) {
        return new Return(spec.name(), Items.json(r), null, bin, place, null);
    }

    void unidentified(Unidentified reason, TagUid uid, String detail, String bin) {
        recorder.record(new UnidentifiedReturn(spec.name(), reason, bin, uid == null ? null : uid.hex(), detail));
        counted.forEach(c -> c.accept(true));
    }

    /** Returns noted before a stop that came between the note and the event: recorded now, security unconfirmed. */
    void recoverPending() {
        try {
            Map<String, JsonObject> pending = recorder.call(j -> j.notes().pendingReturns(spec.name())).get();
            pending.forEach((uid, event) -> {
                Logger.warn("{}: recording return of {} noted before the last stop", spec.name(), uid);
                recorder.record(EventJson.returnOf(event).secured(Security.FAILED, "the agent stopped before the security write was confirmed"), uid);
            });
        } catch (ExecutionException | InterruptedException e) {
            Logger.error("{}: pending returns not recovered: {}", spec.name(), e.getMessage());
        }
    }
}
