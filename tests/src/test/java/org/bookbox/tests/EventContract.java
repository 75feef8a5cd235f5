package org.bookbox.tests;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The contract as docs/asyncapi.yaml writes it: each event's envelope against the event message's
 * schema, and its {@code data} against the schema of its type. The end-to-end tests run every event
 * they read (from the local API or from the broker) through {@link #check}.
 */
public final class EventContract {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> SCHEMA_OF_TYPE = Map.of(
            "return", "return", "return.unidentified", "returnUnidentified", "session", "session", "scan.rejected", "scanRejected",
            "alarm", "alarm", "inventory", "inventory", "lifecycle", "lifecycle");
    private static final EventContract INSTANCE = load();

    private final JsonSchema envelope;
    private final Map<String, JsonSchema> data = new HashMap<>();

    private EventContract(JsonNode doc) {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7);
        JsonNode components = doc.get("components");
        // the envelope without its data (checked by type below, not by oneOf: a return's data must be a return)
        ObjectNode env = ((ObjectNode) components.at("/messages/event/payload")).deepCopy();
        ((ObjectNode) env.get("properties")).remove("data");
        envelope = factory.getSchema(env);
        SCHEMA_OF_TYPE.forEach((type, name) -> {
            ObjectNode schema = JSON.createObjectNode();
            schema.put("$ref", "#/components/schemas/" + name);
            schema.set("components", components);
            data.put(type, factory.getSchema(schema));
        });
    }

    private static EventContract load() {
        try {
            Object yaml = new Load(LoadSettings.builder().build()).loadFromString(Files.readString(ChildJvm.repo().resolve("docs/asyncapi.yaml")));
            return new EventContract(JSON.valueToTree(yaml));
        } catch (Exception e) {
            throw new IllegalStateException("docs/asyncapi.yaml cannot be read as the contract: " + e.getMessage(), e);
        }
    }

    /** Fails (an AssertionError naming each violation) when a CloudEvent does not follow the contract. */
    public static void check(JsonObject event) {
        INSTANCE.verify(event);
    }

    /** Fails when an event's {@code data} of a type does not follow the contract's schema for that type. */
    public static void checkData(String type, JsonObject data) {
        INSTANCE.verifyData(type, data);
    }

    /** The contract's event types. */
    public static Set<String> types() {
        return SCHEMA_OF_TYPE.keySet();
    }

    /** The same, once per event id: tests read the same events again and again while they wait. */
    public static void checkOnce(JsonObject event, Set<String> checked) {
        if (checked.add(event.getString("id", ""))) {
            check(event);
        }
    }

    private void verifyData(String type, JsonObject d) {
        try {
            JsonSchema schema = data.get(type);
            if (schema == null) {
                throw new AssertionError("event type '" + type + "' is not in the contract");
            }
            Set<ValidationMessage> problems = schema.validate(JSON.readTree(d.encode()));
            if (!problems.isEmpty()) {
                throw new AssertionError(type + " data breaks docs/asyncapi.yaml: " + problems + " in " + d.encode());
            }
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON: " + e.getMessage(), e);
        }
    }

    private void verify(JsonObject event) {
        try {
            JsonNode node = JSON.readTree(event.encode());
            Set<ValidationMessage> problems = new HashSet<>(envelope.validate(node));
            String type = event.getString("type", "").replaceFirst("^bookbox\\.", "");
            JsonSchema schema = data.get(type);
            if (schema == null) {
                throw new AssertionError("event type '" + event.getString("type") + "' is not in the contract: " + event.encode());
            }
            problems.addAll(schema.validate(node.get("data")));
            if (!problems.isEmpty()) {
                throw new AssertionError("event breaks docs/asyncapi.yaml: " + problems + " in " + event.encode());
            }
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON: " + e.getMessage(), e);
        }
    }
}
