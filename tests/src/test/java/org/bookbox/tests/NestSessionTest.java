package org.bookbox.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.bookbox.controller.Agent;
import org.bookbox.controller.Await;
import org.bookbox.controller.token.TokenState;
import org.bookbox.provisioning.TokenSigner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's book nest walkthrough, over HTTP on the simulated box. */
class NestSessionTest {

    @TempDir
    Path data;
    Agent agent;
    TokenSigner signer;
    final LocalApiClient api = new LocalApiClient(() -> agent.apiPort());

    @BeforeEach
    void start() throws Exception {
        agent = SimBox.start(data);
        signer = SimBox.signer();
    }

    @AfterEach
    void stop() {
        agent.stop();
    }

    String token(String jti, String role, String... act) throws Exception {
        long now = Instant.now().getEpochSecond();
        return signer.sign(new JsonObject().put("iss", "demo-consortium").put("sub", "patron-4711").put("jti", jti)
                .put("iat", now).put("exp", now + 300).put("role", role).put("act", new JsonArray(List.of(act))));
    }

    String call(String method, String path, String body) throws Exception {
        return api.call(method, path, body);
    }

    Stream<JsonObject> events(String type) throws Exception {
        return api.events(type).stream();
    }

    JsonObject nest() throws Exception {
        return new JsonObject(call("GET", "/sim", null)).getJsonArray("units").stream().map(JsonObject.class::cast)
                .filter(u -> u.getString("unit").equals("park-nest")).findFirst().orElseThrow();
    }

    boolean leftLockEnergised() throws Exception {
        return nest().getJsonArray("locks").getJsonObject(0).getBoolean("energised");
    }

    List<String> ids(JsonArray items) {
        return items.stream().map(i -> ((JsonObject) i).getString("id")).toList();
    }

    @Test
    void scanOpenTakeOneLeaveOneCloseThenTheSameTokenIsReplayed() throws Exception {
        call("POST", "/sim/units/park-nest/antennas/left-1/tags", "{\"item\": \"1001\", \"owner\": \"DE-705\"}");
        String taken = new JsonObject(call("POST", "/sim/units/park-nest/antennas/left-1/tags", "{\"item\": \"1002\", \"owner\": \"DE-705\"}")).getString("uid");
        call("POST", "/units/park-nest/inventory?door=left", null);
        Await.until(() -> events("inventory").anyMatch(i -> i.getString("reason").equals("requested")));

        String token = token("walkthrough-1", "patron", "exchange");
        call("POST", "/sim/units/park-nest/scan", token);
        Await.until(this::leftLockEnergised);
        assertEquals("accepted", nest().getJsonObject("indicator").getString("pattern"));
        call("POST", "/sim/units/park-nest/doors/left/open", null);
        call("DELETE", "/sim/units/park-nest/antennas/left-1/tags/" + taken, null);
        call("POST", "/sim/units/park-nest/antennas/left-2/tags", "{\"item\": \"2001\", \"owner\": \"DK-710100\"}");
        call("POST", "/sim/units/park-nest/doors/left/close", null);
        Await.until(() -> events("session").findAny().isPresent());
        JsonObject session = events("session").findFirst().orElseThrow();
        assertEquals("completed", session.getString("outcome"));
        assertEquals("left", session.getString("door"));
        assertEquals(List.of("1002"), ids(session.getJsonArray("taken")));
        assertEquals(List.of("2001"), ids(session.getJsonArray("left")));
        assertEquals("DK-710100", session.getJsonArray("left").getJsonObject(0).getString("owner"));
        assertEquals("walkthrough-1", session.getJsonObject("actor").getString("jti"));

        call("POST", "/sim/units/park-nest/scan", token);
        Await.until(() -> events("scan.rejected").findAny().isPresent());
        JsonObject rejected = events("scan.rejected").findFirst().orElseThrow();
        assertEquals("replayed", rejected.getString("reason"));
        assertEquals("walkthrough-1", rejected.getString("jti"));
        assertEquals("patron-4711", rejected.getString("sub"));
        assertEquals("refused", nest().getJsonObject("indicator").getString("pattern"));
    }

    @Test
    void aCodeThatOpenedADoorIsRefusedAfterARestartThatLostItsTokenStateWrite() throws Exception {
        String token = token("power-cut-1", "patron", "exchange");
        call("POST", "/sim/units/park-nest/scan", token);
        Await.until(this::leftLockEnergised);
        call("POST", "/sim/units/park-nest/doors/left/open", null);
        call("POST", "/sim/units/park-nest/doors/left/close", null);
        Await.until(() -> events("session").findAny().isPresent());
        agent.stop();
        // as if the power went after the session's note (which spent the code) and before tokens.db took it
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + data.resolve(TokenState.FILE_NAME));
             Statement st = db.createStatement()) {
            assertEquals(1, st.executeUpdate("DELETE FROM used_jti WHERE jti = 'power-cut-1'"));
        }
        agent = SimBox.start(data);
        call("POST", "/sim/units/park-nest/scan", token);
        Await.until(() -> events("scan.rejected").findAny().isPresent());
        assertEquals("replayed", events("scan.rejected").findFirst().orElseThrow().getString("reason"));
        assertEquals(false, leftLockEnergised());
    }

    @Test
    void whatTheNestDoesNotOfferAndANestWithNoFreeDoorAreRefused() throws Exception {
        call("POST", "/sim/units/park-nest/scan", token("load-1", "staff", "load"));
        Await.until(() -> events("scan.rejected").anyMatch(r -> r.getString("reason").equals("not_allowed")));
        call("POST", "/sim/units/park-nest/doors/left/open", null);
        call("POST", "/sim/units/park-nest/doors/right/open", null);
        Await.until(() -> events("alarm").filter(a -> a.getString("kind").equals("door_forced")).count() == 2);
        call("POST", "/sim/units/park-nest/scan", token("busy-1", "patron", "exchange"));
        Await.until(() -> events("scan.rejected").anyMatch(r -> r.getString("reason").equals("busy")));
        call("POST", "/sim/units/park-nest/scan", "not a token at all");
        Await.until(() -> events("scan.rejected").anyMatch(r -> r.getString("reason").equals("malformed")));
        JsonObject status = new JsonObject(call("GET", "/status", null)).getJsonArray("units").getJsonObject(1);
        assertEquals(List.of("door_forced:left", "door_forced:right"), status.getJsonArray("alarms").getList());
    }

    @Test
    void aStaffCodeNamingAnotherUnitsDoorIsNotAllowedNotBusy() throws Exception {
        // issue 9, defect 15: a staff token for the locker's compartment 01, scanned at the nest, was "busy"
        call("POST", "/sim/units/park-nest/scan", SimBox.token("svc-1", "staff", "service", new JsonObject().put("door", "01")));
        Await.until(() -> events("scan.rejected").findAny().isPresent());
        assertEquals("not_allowed", events("scan.rejected").findFirst().orElseThrow().getString("reason"));
    }

    @Test
    void anUnpluggedScannerRaisesScannerOfflineUntilItIsBack() throws Exception {
        call("PUT", "/sim/units/park-nest/scanner/plugged", "{\"plugged\": false}");
        Await.until(() -> events("alarm").anyMatch(a -> a.getString("kind").equals("scanner_offline") && a.getBoolean("active")));
        call("PUT", "/sim/units/park-nest/scanner/plugged", "{\"plugged\": true}");
        Await.until(() -> events("alarm").anyMatch(a -> a.getString("kind").equals("scanner_offline") && !a.getBoolean("active")));
    }
}
