package org.bookbox.controller.uplink;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.bookbox.controller.journal.Journal;
import org.bookbox.controller.journal.OutgoingEvent;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Store and forward without a broker: the journal is a real SQLite file, the "broker" a sender
 * that holds each publish until the test acknowledges it. Everything runs on the test's own
 * single-threaded executor, as on the uplink's thread.
 */
class OutboxTest {

    @TempDir
    Path dir;
    Journal journal;
    ScheduledExecutorService thread;
    ExecutorService ackWriter;
    final List<OutgoingEvent> sent = new ArrayList<>();
    final List<BrokerSession.Delivery> awaiting = new ArrayList<>();
    volatile boolean up = true;
    volatile int generation = 1;
    Outbox outbox;

    @BeforeEach
    void setUp() throws Exception {
        journal = Journal.open(dir, Clock.systemUTC(), () -> true);
        for (int i = 1; i <= 10; i++) {
            journal.append("return", new JsonObject().put("n", i));
        }
        thread = Executors.newSingleThreadScheduledExecutor();
        ackWriter = Executors.newSingleThreadExecutor();
        outbox = new Outbox(journal, "urn:test", 4, new Outbox.Sender() {
            @Override
            public boolean ready() {
                return up;
            }

            @Override
            public int generation() {
                return generation;
            }

            @Override
            public void send(OutgoingEvent e, BrokerSession.Delivery delivery) throws MqttException {
                sent.add(e);
                awaiting.add(delivery);
            }
        }, thread, ackWriter);
    }

    @AfterEach
    void tearDown() {
        thread.shutdownNow();
        ackWriter.shutdownNow();
        journal.close();
    }

    void onThread(Runnable r) throws Exception {
        thread.submit(r).get(10, TimeUnit.SECONDS);
    }

    List<Long> seqs() {
        return sent.stream().map(OutgoingEvent::seq).toList();
    }

    @Test
    void publishesInOrderWithinTheWindowAndMovesOnAsPubacksArrive() throws Exception {
        onThread(() -> {
            outbox.start();
            outbox.pump();
        });
        assertEquals(List.of(1L, 2L, 3L, 4L), seqs(), "four in flight, no more");
        onThread(() -> {
            awaiting.get(0).acknowledged();
            awaiting.get(1).acknowledged();
        });
        onThread(() -> { }); // the pump the PUBACKs queued has run
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L), seqs());
        onThread(() -> {
            outbox.flushAcks();
            outbox.awaitAckWrites();
        });
        assertEquals(3, journal.firstUnacknowledged(), "acknowledged only what was PUBACKed");
    }

    @Test
    void afterALostConnectionItResumesFromTheFirstUnacknowledgedWithTheSameIds() throws Exception {
        onThread(() -> {
            outbox.start();
            outbox.pump();
            awaiting.get(0).acknowledged();
        });
        onThread(() -> { });
        List<OutgoingEvent> firstTime = List.copyOf(sent);
        onThread(() -> {
            up = false;
            generation = 2;
            outbox.lost(); // 2..5 were in flight; their PUBACKs never come
            up = true;
            sent.clear();
            outbox.pump();
        });
        assertEquals(List.of(2L, 3L, 4L, 5L), seqs());
        assertEquals(new String(firstTime.get(1).payload()), new String(sent.get(0).payload()), "the same event, the same id");
        onThread(() -> awaiting.get(1).acknowledged()); // a late PUBACK of the old connection: no room made in the new window
        onThread(() -> { });
        assertEquals(List.of(2L, 3L, 4L, 5L), seqs());
        assertEquals(2, outbox.pubacks());
    }

    @Test
    void theWatermarkWaitsForAPubackThatIsMissingAndCrossesSeqsThatWereNeverIssued() throws Exception {
        journal.continueAfter(20); // a seq mark ahead of the journal: 11..20 never exist
        for (int i = 21; i <= 22; i++) {
            journal.append("return", new JsonObject().put("n", i));
        }
        onThread(() -> {
            outbox.start();
            outbox.pump();
            awaiting.get(1).acknowledged(); // 2 before 1
            awaiting.get(2).acknowledged();
        });
        onThread(() -> {
            outbox.flushAcks();
            outbox.awaitAckWrites();
        });
        assertEquals(1, journal.firstUnacknowledged(), "2 and 3 wait for 1");
        assertEquals(12, journal.unacknowledged());
        onThread(() -> awaiting.get(0).acknowledged());
        onThread(() -> {
            outbox.flushAcks();
            outbox.awaitAckWrites();
        });
        assertEquals(4, journal.firstUnacknowledged(), "1 came: the watermark is at 3");
        // each PUBACK once, as a broker sends them, until the journal has nothing more to send
        int[] next = {3};
        while (next[0] < awaiting.size()) {
            onThread(() -> awaiting.get(next[0]++).acknowledged());
            onThread(() -> { }); // the pump that PUBACK queued
        }
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 21L, 22L), seqs(), "11..20 were never issued");
        onThread(() -> {
            outbox.flushAcks();
            outbox.awaitAckWrites();
        });
        assertEquals(23, journal.firstUnacknowledged(), "the gap does not hold the watermark back");
        assertEquals(0, journal.unacknowledged());
        Journal reopened = journal;
        reopened.close();
        journal = Journal.open(dir, Clock.systemUTC(), () -> true);
        assertEquals(23, journal.firstUnacknowledged(), "durable");
    }
}
