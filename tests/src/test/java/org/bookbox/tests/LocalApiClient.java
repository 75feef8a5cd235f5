package org.bookbox.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;

/** The box's local API as the README's curl sessions use it: calls that must succeed, and the journal's events. */
public final class LocalApiClient {

    private final HttpClient http = HttpClient.newHttpClient();
    private final IntSupplier port;
    /** Ids of the events already checked against the contract. */
    private final Set<String> checked = ConcurrentHashMap.newKeySet();

    /** @param port the agent's API port, asked at each call (a test may restart the agent) */
    public LocalApiClient(IntSupplier port) {
        this.port = port;
    }

    public String call(String method, String path, String body) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port.getAsInt() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(r.statusCode() < 300, method + " " + path + " -> " + r.statusCode() + " " + r.body());
        return r.body();
    }

    /** The {@code data} of every journaled event of a type, in seq order. */
    public List<JsonObject> events(String type) throws Exception {
        return new JsonArray(call("GET", "/events?after=0&limit=1000", null)).stream().map(JsonObject.class::cast)
                .peek(e -> EventContract.checkOnce(e, checked))
                .filter(e -> e.getString("type").equals("bookbox." + type)).map(e -> e.getJsonObject("data")).toList();
    }
}
