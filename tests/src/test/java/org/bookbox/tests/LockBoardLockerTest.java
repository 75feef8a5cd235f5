package org.bookbox.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.bookbox.controller.Agent;
import org.bookbox.controller.Await;
import org.bookbox.provisioning.TokenSigner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simulated box's locker on CU boards: the agent's lock-board driver talks, byte for byte, to
 * simulated boards; doors pop open on the unlock and are read back from the boards' hook contacts.
 */
class LockBoardLockerTest {

    static final String UNIT = "/sim/units/station-lockers";

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

    String token(String jti, String role, String act, String door) throws Exception {
        long now = Instant.now().getEpochSecond();
        JsonObject c = new JsonObject().put("iss", "demo-consortium").put("sub", role + "-1").put("jti", jti).put("iat", now)
                .put("exp", now + 300).put("role", role).put("act", new JsonArray().add(act)).put("door", door);
        if (act.equals("pickup")) {
            c.put("hold", "H-" + jti);
        }
        return signer.sign(c);
    }

    JsonObject compartment(String door) throws Exception {
        JsonObject unit = new JsonObject(api.call("GET", "/status", null)).getJsonArray("units").stream().map(JsonObject.class::cast)
                .filter(u -> u.getString("unit").equals("station-lockers")).findFirst().orElseThrow();
        return unit.getJsonArray("doors").stream().map(JsonObject.class::cast).filter(d -> d.getString("door").equals(door)).findFirst().orElseThrow();
    }

    @Test
    void loadAndPickUpThroughTheBoards() throws Exception {
        assertEquals("unknown", compartment("A1").getString("occupancy"));
        api.call("POST", UNIT + "/scan", token("load-1", "staff", "load", "A1"));
        Await.until(() -> compartment("A1").getBoolean("open")); // popped by the board, read from its hook contact
        api.call("POST", UNIT + "/doors/A1/close", null);
        Await.until(() -> api.events("session").size() == 1);
        assertEquals("occupied", api.events("session").get(0).getString("compartment"));

        api.call("POST", UNIT + "/scan", token("pick-1", "patron", "pickup", "A1"));
        Await.until(() -> compartment("A1").getBoolean("open"));
        api.call("POST", UNIT + "/doors/A1/close", null);
        Await.until(() -> api.events("session").size() == 2);
        JsonObject pickup = api.events("session").get(1);
        assertEquals("completed", pickup.getString("outcome"));
        assertEquals("empty", pickup.getString("compartment"));
    }

    @Test
    void aBoardThatStopsAnsweringFaultsItsCompartmentsOnlyTheRestKeepsWorking() throws Exception {
        api.call("PUT", "/sim/lockboards/bus0/1/silent", "{\"silent\": true}");
        api.call("POST", UNIT + "/scan", token("load-b", "staff", "load", "B1"));
        Await.until(() -> api.events("session").size() == 1);
        JsonObject failed = api.events("session").get(0);
        assertEquals("aborted", failed.getString("outcome"));
        assertEquals(List.of("lock_fault"), failed.getJsonArray("violations").getList());
        Await.until(() -> api.events("alarm").stream().anyMatch(a -> a.getString("kind").equals("lock_fault") && "B1".equals(a.getString("door"))));

        api.call("POST", UNIT + "/scan", token("load-a", "staff", "load", "A2"));
        Await.until(() -> compartment("A2").getBoolean("open"));
    }

    @Test
    void aJammedLockIsTriedTwiceThenALockFault() throws Exception {
        api.call("PUT", UNIT + "/doors/A2/jammed", "{\"jammed\": true}");
        api.call("POST", UNIT + "/scan", token("load-j", "staff", "load", "A2"));
        Await.until(() -> api.events("session").size() == 1);
        assertEquals("aborted", api.events("session").get(0).getString("outcome"));
    }
}
