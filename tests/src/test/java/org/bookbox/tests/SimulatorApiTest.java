package org.bookbox.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bookbox.controller.Agent;
import org.bookbox.controller.Await;
import org.bookbox.controller.config.AgentConfig;
import org.bookbox.controller.config.AgentConfigLoader;
import org.bookbox.drivers.part.PartAddress;
import org.bookbox.drivers.rfid.iso28560.DanishDataModel;
import org.bookbox.drivers.rfid.iso28560.LibraryItem;
import org.bookbox.simulator.SimulatedBoard;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simulated box driven over its local API, as a backend team or the README's curl session does. */
class SimulatorApiTest {

    @TempDir
    Path data;
    SimulatedBoard board;
    Agent agent;
    final HttpClient http = HttpClient.newHttpClient();

    record Answer(int status, String body) {
        JsonObject json() {
            return new JsonObject(body);
        }
    }

    @BeforeEach
    void start() throws Exception {
        AgentConfig config = AgentConfigLoader.load(ChildJvm.repo().resolve("examples/sim/agent.yaml")).withDataDir(data).withApiPort(0);
        board = new SimulatedBoard();
        agent = SimBox.agent(config, board);
        agent.start();
    }

    @AfterEach
    void stop() {
        agent.stop();
    }

    Answer call(String method, String path, String body, String contentType) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + agent.apiPort() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            b.header("content-type", contentType);
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), r.body());
    }

    Answer call(String method, String path, String json) throws Exception {
        return call(method, path, json, json == null ? null : "application/json");
    }

    JsonObject unitStatus(String unit) throws Exception {
        for (Object u : call("GET", "/status", null).json().getJsonArray("units")) {
            if (((JsonObject) u).getString("unit").equals(unit)) {
                return (JsonObject) u;
            }
        }
        throw new AssertionError("no unit " + unit);
    }

    JsonObject simUnit(String unit) throws Exception {
        for (Object u : call("GET", "/sim", null).json().getJsonArray("units")) {
            if (((JsonObject) u).getString("unit").equals(unit)) {
                return (JsonObject) u;
            }
        }
        throw new AssertionError("no unit " + unit);
    }

    @Test
    void statusIsTheContractsDocument() throws Exception {
        JsonObject s = call("GET", "/status", null).json();
        for (String key : List.of("online", "version", "since", "time", "queue", "last_seq", "clock_synced", "units")) {
            assertTrue(s.containsKey(key), "status lacks " + key);
        }
        assertEquals(true, s.getBoolean("online"));
        JsonObject nest = unitStatus("park-nest");
        assertEquals("nest", nest.getString("kind"));
        assertEquals(new JsonObject().put("door", "left").put("locked", true).put("open", false).put("session", "idle"), nest.getJsonArray("doors").getJsonObject(0));
        assertEquals(new JsonArray(), nest.getJsonArray("alarms"));
        JsonArray events = new JsonArray(call("GET", "/events?after=0", null).body());
        assertEquals("bookbox.lifecycle", events.getJsonObject(0).getString("type"));
        assertEquals("urn:bookbox:demo-consortium:sim-box-1", events.getJsonObject(0).getString("source"));
        assertEquals(1, events.getJsonObject(0).getLong("seq"));
    }

    @Test
    void actuatorsReadBack() throws Exception {
        JsonObject dropbox = simUnit("entrance-return");
        assertEquals("open", dropbox.getJsonObject("flap").getString("state"));
        assertEquals("local", dropbox.getJsonObject("sorter").getString("bin"));
        assertEquals(false, dropbox.getJsonObject("indicator").getBoolean("on"));
        for (Object lock : simUnit("park-nest").getJsonArray("locks")) {
            assertEquals(false, ((JsonObject) lock).getBoolean("energised"));
        }
    }

    @Test
    void doorsOpenAndClose() throws Exception {
        assertEquals(200, call("POST", "/sim/units/park-nest/doors/left/open", null).status());
        Await.until(() -> unitStatus("park-nest").getJsonArray("doors").getJsonObject(0).getBoolean("open"));
        assertEquals(true, simUnit("park-nest").getJsonObject("sensors").getBoolean("left-door"));
        call("POST", "/sim/units/park-nest/doors/left/close", null);
        Await.until(() -> !unitStatus("park-nest").getJsonArray("doors").getJsonObject(0).getBoolean("open"));
        assertEquals(404, call("POST", "/sim/units/park-nest/doors/middle/open", null).status());
    }

    @Test
    void aSensorSetOverTheApiIsSeenByTheUnit() throws Exception {
        assertEquals(200, call("PUT", "/sim/units/entrance-return/sensors/transit-full", "{\"active\": true}").status());
        Await.until(() -> unitStatus("entrance-return").getJsonArray("alarms").contains("bin_full"));
        assertEquals("closed", simUnit("entrance-return").getJsonObject("flap").getString("state"));
        call("PUT", "/sim/units/entrance-return/sensors/transit-full", "{\"active\": false}");
        Await.until(() -> simUnit("entrance-return").getJsonObject("flap").getBoolean("energised"));
        Answer bad = call("PUT", "/sim/units/entrance-return/sensors/transit-full", "{\"active\": \"yes\"}");
        assertEquals(400, bad.status());
        assertEquals("body must be {\"active\": true} or {\"active\": false}", bad.json().getString("error"));
        assertEquals(404, call("PUT", "/sim/units/entrance-return/sensors/nope", "{\"active\": true}").status());
    }

    @Test
    void tagsGoInAndOutOfAFieldByItemOrByRawMemory() throws Exception {
        Answer put = call("POST", "/sim/units/park-nest/antennas/left-1/tags", "{\"item\": \"31234000123456\", \"owner\": \"DE-705\"}");
        assertEquals(201, put.status());
        String uid = put.json().getString("uid");
        assertTrue(uid.startsWith("e004"), uid);
        LibraryItem item = DanishDataModel.decode(HexFormat.of().parseHex(put.json().getString("memory"))).item();
        assertEquals(LibraryItem.circulating("31234000123456", "DE-705"), item);

        String vector = "11010131313232333334340000000000000000513e4445373035000000000000";
        Answer raw = call("POST", "/sim/units/park-nest/antennas/left-1/tags", "{\"memory\": \"" + vector + "\", \"uid\": \"e004010012345678\"}");
        assertEquals("e004010012345678", raw.json().getString("uid"));

        JsonArray tags = call("GET", "/sim/units/park-nest/antennas/left-1", null).json().getJsonArray("tags");
        assertEquals(2, tags.size());
        assertEquals(200, call("DELETE", "/sim/units/park-nest/antennas/left-1/tags/" + uid, null).status());
        assertEquals(404, call("DELETE", "/sim/units/park-nest/antennas/left-1/tags/" + uid, null).status());
        assertEquals(1, call("GET", "/sim/units/park-nest/antennas/left-1", null).json().getJsonArray("tags").size());

        Answer bad = call("POST", "/sim/units/park-nest/antennas/left-1/tags", "{\"item\": \"12345678901234567\"}");
        assertEquals(400, bad.status());
        assertTrue(bad.json().getString("error").contains("1 to 16 characters"), bad.body());
        assertEquals(404, call("POST", "/sim/units/park-nest/antennas/left-9/tags", "{\"item\": \"1\"}").status());
    }

    @Test
    void aTagCanBeWrittenInEitherDataModelAndTheShelvesReadIt() throws Exception {
        assertEquals(201, call("POST", "/sim/units/park-nest/antennas/left-1/tags",
                "{\"item\": \"3020100012345678\", \"owner\": \"DK-710100\", \"model\": \"28560-2\", \"parts\": 2, \"uid\": \"e004010000008001\"}").status());
        assertEquals(400, call("POST", "/sim/units/park-nest/antennas/left-1/tags", "{\"item\": \"1\", \"model\": \"3M\"}").status());
        assertEquals(202, call("POST", "/units/park-nest/inventory?door=left", null).status());
        Await.until(() -> requestedInventory() != null);
        JsonObject item = requestedInventory().getJsonArray("items").getJsonObject(0);
        assertEquals("3020100012345678", item.getString("id"));
        assertEquals("DK-710100", item.getString("owner"));
        assertEquals(new JsonObject().put("part", 1).put("of", 2), item.getJsonObject("set"));
    }

    /** The data of the first inventory taken on request, or null. */
    JsonObject requestedInventory() throws Exception {
        for (Object o : new JsonArray(call("GET", "/events?after=0&limit=100", null).body())) {
            JsonObject e = (JsonObject) o;
            if (e.getString("type").equals("bookbox.inventory") && e.getJsonObject("data").getString("reason").equals("requested")) {
                return e.getJsonObject("data");
            }
        }
        return null;
    }

    @Test
    void aScanReachesTheUnitsScannerAsText() throws Exception {
        List<String> scanned = new CopyOnWriteArrayList<>();
        board.scanner(PartAddress.parse("serial:/dev/qr0"), "CR").onScan(scanned::add);
        assertEquals(200, call("POST", "/sim/units/park-nest/scan", "eyJhbGciOiJFZERTQSJ9.e30.c2ln", "text/plain").status());
        assertEquals(200, call("POST", "/sim/units/park-nest/scan", "{\"text\": \"second\"}").status());
        // the scanner's bytes go down its line and through the real driver: they arrive a moment later
        Await.until(() -> scanned.size() >= 2);
        assertEquals(List.of("eyJhbGciOiJFZERTQSJ9.e30.c2ln", "second"), scanned);
        assertEquals(404, call("POST", "/sim/units/entrance-return/scan", "x", "text/plain").status());
    }

    @Test
    void itemsPassThroughTheChute() throws Exception {
        List<Boolean> eye = new CopyOnWriteArrayList<>();
        board.input(PartAddress.parse("gpio:22")).onChange(eye::add);
        Answer a = call("POST", "/sim/units/entrance-return/chute",
                "{\"items\": [{\"item\": \"1001\", \"owner\": \"DE-705\"}, {\"item\": \"2002\", \"owner\": \"DK-710100\"}], \"dwell_ms\": 50}");
        assertEquals(202, a.status());
        assertEquals(2, a.json().getJsonArray("tags").size());
        Await.until(() -> eye.equals(List.of(true, false)));
        Await.until(() -> call("GET", "/sim/units/entrance-return/antennas/chute-1", null).json().getJsonArray("tags").isEmpty());
        assertEquals(400, call("POST", "/sim/units/park-nest/chute", "{\"items\": []}").status());
    }

    @Test
    void badRequestsGetClearAnswers() throws Exception {
        assertEquals(404, call("GET", "/nothing", null).status());
        assertEquals(405, call("DELETE", "/status", null).status());
        Answer notJson = call("POST", "/sim/units/park-nest/antennas/left-1/tags", "{item", "application/json");
        assertEquals(400, notJson.status());
        assertEquals("the body is not valid JSON", notJson.json().getString("error"));
        assertEquals("no unit 'attic'", call("POST", "/sim/units/attic/doors/a/open", null).json().getString("error"));
        assertFalse(call("GET", "/events?after=x", null).status() == 200);
    }
}
