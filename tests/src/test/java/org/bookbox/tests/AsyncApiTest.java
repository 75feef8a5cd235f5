package org.bookbox.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** The AsyncAPI file is valid YAML and names every event type and alarm kind the contract has. */
class AsyncApiTest {

    @Test
    @SuppressWarnings("unchecked")
    void describesEveryEventAndAlarm() throws Exception {
        Map<String, Object> doc = (Map<String, Object>) new Load(LoadSettings.builder().build())
                .loadFromString(Files.readString(ChildJvm.repo().resolve("docs/asyncapi.yaml")));
        assertEquals("3.0.0", doc.get("asyncapi"));
        Map<String, Object> event = (Map<String, Object>) ((Map<String, Object>) doc.get("channels")).get("event");
        Map<String, Object> type = (Map<String, Object>) ((Map<String, Object>) event.get("parameters")).get("type");
        assertEquals(List.of("return", "return.unidentified", "session", "scan.rejected", "alarm", "inventory", "lifecycle"), type.get("enum"));
        String text = Files.readString(ChildJvm.repo().resolve("docs/asyncapi.yaml"));
        for (String kind : List.of("door_forced", "door_left_open", "bin_full", "lock_fault", "reader_offline", "scanner_offline",
                "scanner_lockout", "tamper", "storage_low", "storage_full", "chute_blocked", "unit_fault")) {
            assertTrue(text.contains(kind), kind);
        }
    }

    static JsonObject event(String type, JsonObject data) {
        return new JsonObject().put("specversion", "1.0").put("id", "0193a6f2-7c1e-7d3a-9b2f-5e8d1c4a7b60").put("source", "urn:bookbox:c:d")
                .put("type", "bookbox." + type).put("time", "2026-11-25T10:00:00.000Z").put("datacontenttype", "application/json")
                .put("seq", 1).put("data", data);
    }

    @Test
    void theContractCheckTellsAGoodEventFromABadOne() {
        JsonObject alarm = new JsonObject().put("kind", "storage_full").put("unit", null).put("door", null).put("active", true).put("detail", "d");
        EventContract.check(event("alarm", alarm));
        assertThrows(AssertionError.class, () -> EventContract.check(event("alarm", alarm.copy().put("kind", "coffee_machine_empty"))));
        assertThrows(AssertionError.class, () -> EventContract.check(event("alarm", alarm.copy().put("active", "yes"))));
        assertThrows(AssertionError.class, () -> EventContract.check(event("return", new JsonObject().put("unit", "u"))));
        assertThrows(AssertionError.class, () -> EventContract.check(event("alarm", alarm).put("seq", 0)));
    }

    @Test
    void theOfficialAsyncApiParserFindsNoError() throws Exception {
        Path dir = ChildJvm.repo().resolve("tests/asyncapi");
        if (!Files.isDirectory(dir.resolve("node_modules/@asyncapi/parser"))) {
            Process install = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund", "--silent").directory(dir.toFile())
                    .redirectErrorStream(true).start();
            String out = new String(install.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(install.waitFor(300, TimeUnit.SECONDS) && install.exitValue() == 0, "npm ci in tests/asyncapi failed: " + out);
        }
        Process check = new ProcessBuilder("node", "validate.mjs", ChildJvm.repo().resolve("docs/asyncapi.yaml").toString())
                .directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(check.waitFor(120, TimeUnit.SECONDS), "the parser did not finish");
        assertEquals(0, check.exitValue(), out);
        assertTrue(out.contains("0 error(s)"), out);
    }
}
