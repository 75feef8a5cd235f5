package org.bookbox.controller.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.bookbox.controller.event.AlarmKind;
import org.bookbox.controller.event.BoxEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Group commit: what queues while the writer is busy is committed together, in order, each future
 * completing after its batch; an event alone is one transaction; a bad job in a batch fails alone.
 * The journal is a real SQLite file with its real durability settings.
 */
class EventRecorderTest {

    @TempDir
    Path dir;

    static BoxEvent alarm(int n) {
        return new BoxEvent.Alarm(AlarmKind.DOOR_FORCED, "park-nest", "d" + n, true, "test " + n);
    }

    /** Holds the writer on a call until released, so that what is asked meanwhile queues up. */
    static CountDownLatch holdWriter(EventRecorder r) {
        CountDownLatch release = new CountDownLatch(1);
        r.call(j -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        });
        return release;
    }

    @Test
    void whatQueuesWhileTheWriterIsBusyIsOneTransactionInOrderWithGapFreeSeqs() throws Exception {
        try (Journal j = Journal.open(dir, Clock.systemUTC(), () -> true); EventRecorder r = new EventRecorder(j, "t")) {
            r.record(alarm(0)).get();
            assertEquals(1, r.transactions(), "an event alone: one transaction");
            CountDownLatch release = holdWriter(r);
            List<CompletableFuture<RecordedEvent>> burst = new ArrayList<>();
            for (int i = 1; i <= 100; i++) {
                burst.add(r.record(alarm(i)));
            }
            assertTrue(burst.stream().noneMatch(CompletableFuture::isDone), "nothing is done before it is written");
            release.countDown();
            for (int i = 0; i < burst.size(); i++) {
                RecordedEvent e = burst.get(i).get(10, TimeUnit.SECONDS);
                assertEquals(i + 2, e.seq(), "in the order asked");
                assertEquals("d" + (i + 1), e.data().getString("door"));
            }
            assertEquals(2, r.transactions(), "the hundred queued appends: one transaction");
            assertEquals(101, j.lastSeq());
            r.record(alarm(101)).get();
            assertEquals(3, r.transactions(), "an event alone again: one more, no more");
        }
        try (Journal j = Journal.open(dir, Clock.systemUTC(), () -> true)) {
            assertEquals(102, j.readAfter(0, 1000).size(), "all of it durable after reopening");
        }
    }

    @Test
    void aJobThatFailsInABatchFailsAloneAndTheOthersAreWritten() throws Exception {
        try (Journal j = Journal.open(dir, Clock.systemUTC(), () -> true); EventRecorder r = new EventRecorder(j, "t")) {
            CountDownLatch release = holdWriter(r);
            CompletableFuture<RecordedEvent> before = r.record(alarm(1));
            CompletableFuture<Object> bad = r.note(x -> {
                throw new IllegalStateException("a note that cannot be written");
            });
            CompletableFuture<RecordedEvent> after = r.record(alarm(2));
            release.countDown();
            assertEquals(1, before.get(10, TimeUnit.SECONDS).seq());
            assertEquals(2, after.get(10, TimeUnit.SECONDS).seq(), "no seq lost to the undone batch");
            ExecutionException e = assertThrows(ExecutionException.class, () -> bad.get(10, TimeUnit.SECONDS));
            assertInstanceOf(IllegalStateException.class, e.getCause());
            assertEquals(2, j.readAfter(0, 10).size());
        }
    }

    @Test
    void aCallRunsAloneInItsPlaceAndNotesShareTheTransaction() throws Exception {
        try (Journal j = Journal.open(dir, Clock.systemUTC(), () -> true); EventRecorder r = new EventRecorder(j, "t")) {
            CountDownLatch release = holdWriter(r);
            CompletableFuture<RecordedEvent> first = r.record(alarm(1));
            CompletableFuture<Void> note = r.note(x -> {
                x.notes().addPendingReturns("entrance-return", Map.of("e004", new JsonObject().put("unit", "entrance-return")));
                return null;
            });
            CompletableFuture<Long> seen = r.call(Journal::lastSeq);
            CompletableFuture<RecordedEvent> last = r.record(alarm(2));
            long before = r.transactions();
            release.countDown();
            last.get(10, TimeUnit.SECONDS);
            assertEquals(1L, seen.get(), "the call saw the appends before it, not those after");
            assertTrue(note.isDone() && first.isDone());
            assertEquals(before + 2, r.transactions(), "the event and the note: one; the call, alone; the last event: one");
            assertEquals(1, j.notes().pendingReturns("entrance-return").size());
        }
    }

    @Test
    void afterCloseNothingIsTakenAndTheReasonSaysSo() throws Exception {
        try (Journal j = Journal.open(dir, Clock.systemUTC(), () -> true)) {
            EventRecorder r = new EventRecorder(j, "t");
            CompletableFuture<RecordedEvent> queued = r.record(alarm(1));
            r.close();
            assertEquals(1, queued.get().seq(), "what was asked before the close is written");
            ExecutionException e = assertThrows(ExecutionException.class, () -> r.record(alarm(2)).get());
            assertTrue(e.getCause().getMessage().startsWith("journal is closed; alarm event"), e.getCause().getMessage());
        }
    }
}
