package org.bookbox.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;
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
                "scanner_lockout", "tamper", "storage_low")) {
            assertTrue(text.contains(kind), kind);
        }
    }
}
