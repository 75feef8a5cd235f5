package org.bookbox.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.bookbox.controller.Agent;
import org.bookbox.controller.Await;
import org.bookbox.controller.journal.Journal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Returns through the simulated drop box's chute, as the README's curl session does them. */
class DropBoxTest {

    static final String UNIT = "/sim/units/entrance-return";

    @TempDir
    Path data;
    Agent agent;
    final LocalApiClient api = new LocalApiClient(() -> agent.apiPort());

    @BeforeEach
    void start() throws Exception {
        agent = SimBox.start(data);
    }

    @AfterEach
    void stop() {
        agent.stop();
    }

    String call(String method, String path, String body) throws Exception {
        return api.call(method, path, body);
    }

    List<JsonObject> events(String type) throws Exception {
        return api.events(type);
    }

    /** Passes items through the chute and waits until the box has recorded {@code expected} more events of the two kinds. */
    void chute(String items, int expected) throws Exception {
        int before = events("return").size() + events("return.unidentified").size();
        call("POST", UNIT + "/chute", "{\"items\": [" + items + "], \"dwell_ms\": 300}");
        Await.until(() -> events("return").size() + events("return.unidentified").size() >= before + expected);
        // the next reader comes once these books have dropped out of the antenna's field
        Await.until(() -> new JsonObject(call("GET", UNIT + "/antennas/chute-1", null)).getJsonArray("tags").isEmpty());
    }

    @Test
    void oneBookIsOneReturnWithSecurityOnInTheLocalBin() throws Exception {
        chute("{\"item\": \"1001\", \"owner\": \"DE-705\"}", 1);
        JsonObject r = events("return").get(0);
        assertEquals("entrance-return", r.getString("unit"));
        assertEquals("1001", r.getJsonObject("item").getString("id"));
        assertEquals("DE-705", r.getJsonObject("item").getString("owner"));
        assertEquals("set", r.getString("security"));
        assertEquals("local", r.getString("bin"));
        assertEquals("DE-705", r.getString("library"));
        assertEquals("Simulated branch, entrance hall", r.getString("location"));
    }

    @Test
    void aStackOfFiveIsFiveReturns() throws Exception {
        chute("{\"item\": \"2001\", \"owner\": \"DE-705\"}, {\"item\": \"2002\", \"owner\": \"DE-705\"}, {\"item\": \"2003\", \"owner\": \"DE-705\"},"
                + "{\"item\": \"2004\", \"owner\": \"DE-705\"}, {\"item\": \"2005\", \"owner\": \"DE-705\"}", 5);
        Set<String> ids = events("return").stream().map(r -> r.getJsonObject("item").getString("id")).collect(Collectors.toSet());
        assertEquals(Set.of("2001", "2002", "2003", "2004", "2005"), ids);
        assertTrue(events("return").stream().allMatch(r -> r.getString("security").equals("set")));
    }

    @Test
    void aSetWithAMissingPartIsRecordedWithItsSetInformation() throws Exception {
        chute("{\"item\": \"CD-77\", \"owner\": \"DE-705\", \"parts\": 3, \"part\": 1}, {\"item\": \"CD-77\", \"owner\": \"DE-705\", \"parts\": 3, \"part\": 3}", 2);
        List<JsonObject> sets = events("return").stream().map(r -> r.getJsonObject("item").getJsonObject("set")).toList();
        assertEquals(Set.of(new JsonObject().put("part", 1).put("of", 3), new JsonObject().put("part", 3).put("of", 3)), Set.copyOf(sets));
    }

    @Test
    void aTagStuckInTheChuteIsReturnedOnce() throws Exception {
        call("POST", UNIT + "/antennas/chute-1/tags", "{\"item\": \"3001\", \"owner\": \"DE-705\"}");
        breakTheEye();
        Await.until(() -> events("return").size() == 1);
        call("POST", UNIT + "/chute", "{\"items\": [{\"item\": \"3002\", \"owner\": \"DE-705\"}], \"dwell_ms\": 300}");
        Await.until(() -> events("return").size() == 2);
        Await.until(() -> new JsonObject(call("GET", UNIT + "/antennas/chute-1", null)).getJsonArray("tags").size() == 1);
        breakTheEye();
        call("POST", UNIT + "/chute", "{\"items\": [{\"item\": \"3003\", \"owner\": \"DE-705\"}], \"dwell_ms\": 300}");
        Await.until(() -> events("return").size() >= 3);
        List<String> ids = events("return").stream().map(r -> r.getJsonObject("item").getString("id")).toList();
        assertEquals(List.of("3001", "3002", "3003"), ids, "windows run one after the other, so a second 3001 would stand before 3003");
    }

    /** Something without a new tag passes the eye (the stuck book is jostled). */
    void breakTheEye() throws Exception {
        call("PUT", UNIT + "/sensors/chute-eye", "{\"active\": true}");
        Thread.sleep(100); // as long as a book takes to pass the eye
        call("PUT", UNIT + "/sensors/chute-eye", "{\"active\": false}");
    }

    @Test
    void unreadableBadAndMissingTagsAreUnidentifiedNeverBooks() throws Exception {
        chute("{\"item\": \"4001\", \"owner\": \"DE-705\", \"unreadable\": true}", 1);
        chute("{\"item\": \"P-17\", \"owner\": \"DE-705\", \"usage\": 8}", 1);
        chute("{\"memory\": \"c10200003342000011223344556677889900aabbccddeeff00000000\", \"uid\": \"e007000000000001\"}", 1);
        chute("", 1);
        List<JsonObject> u = events("return.unidentified");
        assertEquals(List.of("unreadable", "bad_data", "bad_data", "no_tag"), u.stream().map(x -> x.getString("reason")).toList());
        assertEquals("a patron card (type of usage 8), not a book", u.get(1).getString("detail"));
        assertEquals("e007000000000001", u.get(2).getString("uid"));
        assertEquals(List.of(), events("return"));
    }

    @Test
    void aTagTheDecoderChokesOnDoesNotCostTheRestOfTheStackTheirReturns() throws Exception {
        // issue 9, defect 2: ISO 28560-2 data with an empty type of usage threw out of the read window
        chute("{\"item\": \"4101\", \"owner\": \"DE-705\"}, {\"memory\": \"0101004500" + "00".repeat(27) + "\", \"uid\": \"e007000000000002\"},"
                + "{\"item\": \"4102\", \"owner\": \"DE-705\"}", 3);
        assertEquals(Set.of("4101", "4102"), events("return").stream().map(r -> r.getJsonObject("item").getString("id")).collect(Collectors.toSet()));
        JsonObject bad = events("return.unidentified").get(0);
        assertEquals("bad_data", bad.getString("reason"));
        assertEquals("e007000000000002", bad.getString("uid"));
    }

    @Test
    void anEyeThatStaysBlockedIsOneRecordAndOneAlarmUntilItClears() throws Exception {
        // issue 9, defect 10: a blocked eye wrote a return.unidentified every read window, forever
        call("PUT", UNIT + "/sensors/chute-eye", "{\"active\": true}");
        Await.until(() -> events("alarm").stream().anyMatch(a -> a.getString("kind").equals("chute_blocked") && a.getBoolean("active")));
        Thread.sleep(3_200); // two more read windows (1.5 s each in the simulated profile)
        assertEquals(1, events("return.unidentified").size(), "one record for the blocked window, not one per window");
        assertTrue(new JsonObject(call("GET", "/status", null)).getJsonArray("units").getJsonObject(0).getJsonArray("alarms").contains("chute_blocked"));
        call("PUT", UNIT + "/sensors/chute-eye", "{\"active\": false}");
        Await.until(() -> events("alarm").stream().anyMatch(a -> a.getString("kind").equals("chute_blocked") && !a.getBoolean("active")));
        chute("{\"item\": \"4201\", \"owner\": \"DE-705\"}", 1);
        assertEquals("4201", events("return").get(0).getJsonObject("item").getString("id"));
    }

    @Test
    void anAfiWriteThatFailsIsReportedNotHidden() throws Exception {
        chute("{\"item\": \"5001\", \"owner\": \"DE-705\", \"refuses_writes\": true}", 1);
        assertEquals("failed", events("return").get(0).getString("security"));
    }

    @Test
    void foreignBooksGoToTransitAndTheSorterFollows() throws Exception {
        chute("{\"item\": \"6001\", \"owner\": \"DE-705\"}", 1);
        JsonObject sim = new JsonObject(call("GET", "/sim", null)).getJsonArray("units").getJsonObject(0);
        assertEquals("local", sim.getJsonObject("sorter").getString("bin"));
        chute("{\"item\": \"6002\", \"owner\": \"DK-710100\"}", 1);
        assertEquals(List.of("local", "transit"), events("return").stream().map(r -> r.getString("bin")).toList());
        sim = new JsonObject(call("GET", "/sim", null)).getJsonArray("units").getJsonObject(0);
        assertEquals("transit", sim.getJsonObject("sorter").getString("bin"));
    }

    @Test
    void aFullBinClosesTheFlapButWhatIsInTheChuteIsStillRecorded() throws Exception {
        call("POST", UNIT + "/chute", "{\"items\": [{\"item\": \"7001\", \"owner\": \"DK-710100\"}], \"dwell_ms\": 300}");
        call("PUT", UNIT + "/sensors/transit-full", "{\"active\": true}");
        Await.until(() -> events("return").size() == 1);
        Await.until(() -> events("alarm").stream().anyMatch(a -> a.getString("kind").equals("bin_full")));
        JsonObject sim = new JsonObject(call("GET", "/sim", null)).getJsonArray("units").getJsonObject(0);
        assertEquals("closed", sim.getJsonObject("flap").getString("state"));
        assertEquals("7001", events("return").get(0).getJsonObject("item").getString("id"));
    }

    @Test
    void aReaderThatGoesOfflineAndComesBack() throws Exception {
        call("PUT", UNIT + "/antennas/chute-1/offline", "{\"offline\": true}");
        chute("{\"item\": \"8001\", \"owner\": \"DE-705\"}", 1);
        assertEquals("unreadable", events("return.unidentified").get(0).getString("reason"));
        Await.until(() -> events("alarm").stream().anyMatch(a -> a.getString("kind").equals("reader_offline") && a.getBoolean("active")));
        call("PUT", UNIT + "/antennas/chute-1/offline", "{\"offline\": false}");
        chute("{\"item\": \"8002\", \"owner\": \"DE-705\"}", 1);
        assertEquals("8002", events("return").get(0).getJsonObject("item").getString("id"));
        Await.until(() -> events("alarm").stream().anyMatch(a -> a.getString("kind").equals("reader_offline") && !a.getBoolean("active")));
    }

    @Test
    void aReturnNotedBeforeAStopIsRecordedAtTheNextStart() throws Exception {
        agent.stop();
        try (var journal = Journal.open(data, Clock.systemUTC(), () -> true)) {
            journal.notes().addPendingReturns("entrance-return", Map.of("e004010000009001", new JsonObject().put("unit", "entrance-return")
                    .put("item", new JsonObject().put("id", "9001").put("owner", "DE-705").put("uid", "e004010000009001")).put("bin", "local")));
        }
        start();
        Await.until(() -> events("return").size() == 1);
        JsonObject r = events("return").get(0);
        assertEquals("9001", r.getJsonObject("item").getString("id"));
        assertEquals("failed", r.getString("security"));
        assertEquals("the agent stopped before the security write was confirmed", r.getString("detail"));
        agent.stop();
        start();
        Thread.sleep(200);
        assertEquals(1, events("return").size(), "recorded once, not at every start");
    }
}
