package org.bookbox.tests.bench;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.bookbox.controller.Agent;
import org.bookbox.controller.config.AgentConfig;
import org.bookbox.controller.config.AgentConfigLoader;
import org.bookbox.controller.event.BoxEvent;
import org.bookbox.controller.event.BoxEvent.Return;
import org.bookbox.controller.event.EventJson;
import org.bookbox.controller.journal.EventRecorder;
import org.bookbox.controller.journal.Journal;
import org.bookbox.controller.journal.RecordedEvent;
import org.bookbox.controller.unit.dropbox.DropBox;
import org.bookbox.drivers.part.PartAddress;
import org.bookbox.drivers.rfid.TagUid;
import org.bookbox.drivers.rfid.iso28560.DanishDataModel;
import org.bookbox.drivers.rfid.iso28560.LibraryItem;
import org.bookbox.simulator.SimulatedBoard;
import org.bookbox.simulator.rfid.SimulatedTag;
import org.bookbox.simulator.rfid.TagField;
import org.bookbox.tests.SimBox;
import org.sqlite.SQLiteConfig;

/**
 * A burst of returns through the simulated drop box (stacks of books, one window after another, as
 * fast as the box takes them), journaled durably; then a bare sqlite-jdbc insert loop with the same
 * durability (WAL, synchronous=FULL, one transaction per row) in the same run, for comparison.
 * Run with {@code benchmarks/return-burst.sh}.
 */
public final class ReturnBurstBenchmark {

    public static void main(String[] args) throws Exception {
        int returns = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int stack = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        Path repo = Path.of(System.getProperty("bookbox.repo", "."));
        Path data = Files.createTempDirectory("bookbox-burst");
        // the journal's path alone, as the bare loop measures it: no broker's PUBACKs and publishes on the same two cores
        AgentConfig config = AgentConfigLoader.load(repo.resolve("examples/sim/agent.yaml")).withDataDir(data).withApiPort(0).withoutUplink();
        SimulatedBoard board = new SimulatedBoard();
        PartAddress eye = PartAddress.parse("gpio:22");
        TagField chute = board.field(PartAddress.parse("rfid:/dev/rfid0#1"));
        Agent agent = SimBox.agent(config, board);
        agent.start();
        DropBox dropBox = (DropBox) agent.unit("entrance-return").orElseThrow();
        // the chute has settled a book (noted, secured, its event handed to the journal): the next stack may come
        Semaphore settled = new Semaphore(0);
        dropBox.onCounted(unread -> settled.release());
        // a box runs for months: a first burst, as long as the measured one, warms the JIT before the figure is taken
        burst(agent, board, eye, chute, settled, 0, returns, stack);
        long startSeq = agent.journal().lastSeq();
        long t0 = System.nanoTime();
        burst(agent, board, eye, chute, settled, returns, returns, stack);
        long agentNanos = System.nanoTime() - t0;
        List<RecordedEvent> events = agent.journal().readAfter(startSeq, 100_000);
        agent.stop();
        Set<String> items = new HashSet<>();
        long expectSeq = startSeq + 1;
        for (RecordedEvent e : events) {
            if (e.seq() != expectSeq++) {
                throw new IllegalStateException("seq gap at " + e.seq());
            }
            if (e.type().equals("return")) {
                items.add(e.data().getJsonObject("item").getString("id"));
            }
        }
        if (items.size() != returns) {
            throw new IllegalStateException("recorded " + items.size() + " distinct returns of " + returns);
        }
        double agentRate = returns / (agentNanos / 1e9);

        bareInsertLoop(Files.createTempDirectory("bookbox-bare").resolve("bare.db"), returns); // warm, as the box was
        double bareRate = bareInsertLoop(Files.createTempDirectory("bookbox-bare").resolve("bare.db"), returns);
        long[] fsyncs = new long[1];
        journalPath(Files.createTempDirectory("bookbox-journal"), returns, stack, fsyncs);
        double journalRate = journalPath(Files.createTempDirectory("bookbox-journal"), returns, stack, fsyncs);
        System.out.printf("%d returns in stacks of %d through the simulated chute (after a warm-up burst as long): %.0f ms, %.0f returns/s, "
                + "all %d journaled, seq gap-free%n", returns, stack, agentNanos / 1e6, agentRate, returns);
        System.out.printf("the same returns through the journal's writer as the chute writes them (a note per stack, then its returns): "
                + "%.0f returns/s, %d transactions%n", journalRate, fsyncs[0]);
        System.out.printf("bare sqlite-jdbc insert loop, WAL + synchronous=FULL, one transaction per row (its second run): %.0f rows/s%n", bareRate);
        System.out.printf("the box achieves %.0f%% of the bare loop end to end, its journal path %.0f%%%n", 100 * agentRate / bareRate, 100 * journalRate / bareRate);
        System.out.printf("machine: %d cores, %s, Java %s, data on %s%n", Runtime.getRuntime().availableProcessors(), ScanToLockBenchmark.cpu(),
                System.getProperty("java.version"), Files.getFileStore(data).type());
    }

    /**
     * {@code count} returns in stacks through the chute, numbered from {@code from}, until the last is durable.
     * A reader pushing books does not wait for the last stack's events to be durable (their notes are): the
     * next stack comes as soon as the chute has settled this one.
     */
    static void burst(Agent agent, SimulatedBoard board, PartAddress eye, TagField chute, Semaphore settled, int from, int count, int stack)
            throws Exception {
        long durable = agent.metrics().journaled.value("return") + count;
        int n = from;
        while (n < from + count) {
            List<SimulatedTag> books = new ArrayList<>();
            for (int i = 0; i < stack && n < from + count; i++, n++) {
                books.add(new SimulatedTag(new TagUid(0xE004010000000000L + n),
                        DanishDataModel.encode(LibraryItem.circulating("B" + n, n % 3 == 0 ? "DK-710100" : "DE-705")), 0xC2));
            }
            books.forEach(chute::put);
            board.drive(eye, true);
            board.drive(eye, false);
            if (!settled.tryAcquire(books.size(), 10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the chute did not settle the stack ending at return " + n);
            }
            books.forEach(b -> chute.remove(b.uid()));
        }
        // the box's own count of returns made durable: reading the journal here would hold its lock against the writer
        while (agent.metrics().journaled.value("return") < durable) {
            LockSupport.parkNanos(100_000);
        }
    }

    /**
     * The journal's part of a burst, without the reader: per stack, the pending-return note (durable
     * before the tags are touched), then the stack's return events, each settling its note; the next
     * stack's note is asked for while those are written, as the chute does.
     */
    static double journalPath(Path dir, int returns, int stack, long[] transactions) throws Exception {
        try (Journal journal = Journal.open(dir, Clock.systemUTC(), () -> true); EventRecorder recorder = new EventRecorder(journal, "bench")) {
            JsonObject place = new JsonObject().put("library", "DE-705");
            List<CompletableFuture<RecordedEvent>> written = new ArrayList<>();
            long t0 = System.nanoTime();
            for (int n = 0; n < returns; ) {
                Map<String, JsonObject> fresh = new LinkedHashMap<>();
                List<Return> events = new ArrayList<>();
                for (int i = 0; i < stack && n < returns; i++, n++) {
                    String uid = Long.toHexString(0xE004010000000000L + n);
                    Return r = new Return("entrance-return", new JsonObject().put("id", "B" + n).put("owner", "DE-705").put("uid", uid),
                            null, "local", place, null);
                    fresh.put(uid, EventJson.data(r));
                    events.add(r.secured(BoxEvent.Security.SET, null));
                }
                recorder.note(j -> {
                    j.notes().addPendingReturns("entrance-return", fresh);
                    return null;
                }).get();
                for (Return r : events) {
                    written.add(recorder.record(r, r.item().getString("uid")));
                }
            }
            for (CompletableFuture<RecordedEvent> f : written) {
                f.get();
            }
            double rate = returns / ((System.nanoTime() - t0) / 1e9);
            transactions[0] = recorder.transactions();
            if (journal.lastSeq() != returns || !journal.notes().pendingReturns("entrance-return").isEmpty()) {
                throw new IllegalStateException("the journal path lost a return or a note");
            }
            return rate;
        }
    }

    static double bareInsertLoop(Path file, int rows) throws Exception {
        SQLiteConfig c = new SQLiteConfig();
        c.setJournalMode(SQLiteConfig.JournalMode.WAL);
        c.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        try (Connection db = c.createConnection("jdbc:sqlite:" + file)) {
            try (Statement st = db.createStatement()) {
                st.executeUpdate("CREATE TABLE event (seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, type TEXT NOT NULL, time TEXT NOT NULL, data TEXT NOT NULL)");
            }
            String data = new JsonObject().put("unit", "entrance-return").put("item", new JsonObject().put("id", "B1").put("owner", "DE-705")
                    .put("uid", "e004010000000001")).put("security", "set").put("bin", "local").encode();
            long t0 = System.nanoTime();
            try (PreparedStatement ins = db.prepareStatement("INSERT INTO event (seq, id, type, time, data) VALUES (?, ?, 'return', ?, ?)")) {
                for (int i = 1; i <= rows; i++) {
                    ins.setLong(1, i);
                    ins.setString(2, UUID.randomUUID().toString());
                    ins.setString(3, Instant.now().toString());
                    ins.setString(4, data);
                    ins.executeUpdate(); // autocommit: one transaction, one fsync, per row
                }
            }
            return rows / ((System.nanoTime() - t0) / 1e9);
        }
    }
}
