package org.bookbox.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.bookbox.controller.Agent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Requests from outside that once stopped the box (issue 9): each is answered with a status and a
 * JSON error, and the box goes on serving. Sent as raw bytes, since an HTTP client library refuses
 * to send most of them.
 */
class LocalApiFaultTest {

    @TempDir
    Path data;
    Agent agent;

    @BeforeEach
    void start() throws Exception {
        agent = SimBox.start(data);
    }

    @AfterEach
    void stop() {
        agent.stop();
    }

    /** The status line's code and the body, from a request written byte for byte. */
    record Answer(int status, String body) {
        JsonObject json() {
            return new JsonObject(body);
        }
    }

    Answer raw(String request) throws Exception {
        try (Socket s = new Socket("127.0.0.1", agent.apiPort())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            in.transferTo(got);
            String text = got.toString(StandardCharsets.UTF_8);
            int status = Integer.parseInt(text.substring(9, 12));
            int bodyAt = text.indexOf("\r\n\r\n");
            return new Answer(status, bodyAt < 0 ? "" : text.substring(bodyAt + 4));
        }
    }

    Answer send(String method, String path, String body) throws Exception {
        String b = body == null ? "" : body;
        return raw(method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Length: "
                + b.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + b);
    }

    void stillServes() throws Exception {
        Answer status = send("GET", "/status", null);
        assertEquals(200, status.status(), status.body());
        assertEquals(4, status.json().getJsonArray("units").size());
    }

    @Test
    void aBadPercentEscapeIsABadRequestNotAStop() throws Exception {
        Answer a = send("POST", "/units/%zz/inventory", null);
        assertEquals(400, a.status(), a.body());
        assertTrue(a.json().getString("error").startsWith("the request cannot be read"), a.body());
        stillServes();
    }

    @Test
    void aBadPercentEscapeInTheQueryIsABadRequest() throws Exception {
        // found by LocalApiFuzzTest: a bad escape in the query was a 500
        for (String query : new String[] {"/events?after=%zz", "/events?after=%"}) {
            Answer a = send("GET", query, null);
            assertEquals(400, a.status(), a.body());
            assertTrue(a.json().getString("error").startsWith("the "), a.body());
        }
        stillServes();
    }

    @Test
    void unknownPathsAndMethodsAreAnsweredWithJson() throws Exception {
        Answer missing = send("GET", "/nothing/here", null);
        assertEquals(404, missing.status());
        assertEquals("no such resource: /nothing/here", missing.json().getString("error"));
        Answer method = send("DELETE", "/status", null);
        assertEquals(405, method.status());
        assertEquals("DELETE is not allowed on /status", method.json().getString("error"));
        stillServes();
    }

    @Test
    void aBodyOverTheLimitIs413() throws Exception {
        Answer a = send("POST", "/sim/units/park-nest/scan", "x".repeat(200_000));
        assertEquals(413, a.status(), a.body());
        assertTrue(a.json().getString("error").contains("larger than"), a.body());
        stillServes();
    }

    @Test
    void eventsLimitsAreBounded() throws Exception {
        assertEquals(400, send("GET", "/events?limit=-1", null).status());
        assertEquals(400, send("GET", "/events?limit=0", null).status());
        assertEquals(400, send("GET", "/events?limit=1001", null).status());
        assertEquals(400, send("GET", "/events?after=-5", null).status());
        assertEquals(400, send("GET", "/events?limit=1e9", null).status());
        assertEquals(200, send("GET", "/events?limit=1000", null).status());
    }

    @Test
    void aNameOtherThanLoopbackInHostIsRefused() throws Exception {
        // DNS rebinding: a page of evil.example, with evil.example resolving to 127.0.0.1
        Answer a = raw("GET /status HTTP/1.1\r\nHost: evil.example:8080\r\nConnection: close\r\n\r\n");
        assertEquals(421, a.status(), a.body());
        assertEquals(200, raw("GET /status HTTP/1.1\r\nHost: localhost:8080\r\nConnection: close\r\n\r\n").status());
        assertEquals(200, raw("GET /status HTTP/1.1\r\nHost: [::1]:8080\r\nConnection: close\r\n\r\n").status());
    }

    @Test
    void aHostVertxCannotParseIsABadRequestNotAStop() throws Exception {
        // found by LocalApiFuzzTest: Host %~% threw inside Vert.x's authority check and stopped the agent
        Answer a = raw("GET /status HTTP/1.1\r\nHost: %~%\r\nConnection: close\r\n\r\n");
        assertEquals(400, a.status(), a.body());
        stillServes();
    }

    @Test
    void badBodiesAreBadRequests() throws Exception {
        assertEquals(400, send("POST", "/sim/units/park-nest/antennas/shelf-1/tags", "{not json").status());
        assertEquals(400, send("PUT", "/sim/units/park-nest/doors/left/jammed", "[1,2]").status());
        assertEquals(404, send("POST", "/sim/units/%E2%98%83/scan", "hello").status());
        stillServes();
    }
}
