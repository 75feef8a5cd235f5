package org.bookbox.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.bookbox.controller.Agent;
import org.bookbox.controller.config.AgentConfig;
import org.bookbox.controller.config.AgentConfigLoader;
import org.bookbox.simulator.SimulatedBoard;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local API on a network address: the box's own requests pass; another machine's need a
 * technician's token for everything but {@code GET /status}, and each refusal says why.
 */
class LocalApiSignInTest {

    @TempDir
    Path dir;
    Agent agent;
    String lan;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        Optional<InetAddress> address = Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                .filter(i -> isUp(i)).flatMap(i -> Collections.list(i.getInetAddresses()).stream())
                .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress()).findFirst();
        assumeTrue(address.isPresent(), "this machine has no network address besides loopback");
        lan = address.get().getHostAddress();
        Path config = AgentFiles.config(dir, "sim-box-1", "tcp://127.0.0.1:1883", dir.resolve("data"), "{ enabled: false }");
        Files.writeString(config, Files.readString(config).replace("api: { port: 0 }", "api: { host: 0.0.0.0, port: 0, allow_remote: true }"));
        AgentConfig c = AgentConfigLoader.load(config);
        agent = SimBox.agent(c, new SimulatedBoard());
        agent.start();
    }

    private static boolean isUp(NetworkInterface i) {
        try {
            return i.isUp() && !i.isLoopback();
        } catch (Exception e) {
            return false;
        }
    }

    @AfterEach
    void stop() {
        if (agent != null) {
            agent.stop();
        }
    }

    HttpResponse<String> call(String host, String method, String path, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://" + host + ":" + agent.apiPort() + path))
                .method(method, method.equals("GET") ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString("{}"));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String token(String role, String act, long ttl) throws Exception {
        long now = Instant.now().getEpochSecond();
        return SimBox.signer().sign(new JsonObject().put("iss", "demo-consortium").put("sub", role + "-7").put("jti", role + "-" + now + "-" + ttl)
                .put("iat", now).put("exp", now + ttl).put("role", role).put("act", new JsonArray().add(act)));
    }

    static String error(HttpResponse<String> r) {
        return new JsonObject(r.body()).getString("error");
    }

    @Test
    void theBoxItselfNeedsNoToken() throws Exception {
        assertEquals(202, call("127.0.0.1", "POST", "/units/park-nest/inventory", null).statusCode());
        assertEquals(200, call("127.0.0.1", "GET", "/events?after=0", null).statusCode());
    }

    @Test
    void anotherMachineReadsTheStatusAndNothingElseWithoutAToken() throws Exception {
        assertEquals(200, call(lan, "GET", "/status", null).statusCode());
        HttpResponse<String> r = call(lan, "POST", "/units/park-nest/inventory", null);
        assertEquals(401, r.statusCode());
        assertEquals(List.of("Basic realm=\"bookbox technician: paste your token as the password\", charset=\"UTF-8\"", "Bearer realm=\"bookbox\""),
                r.headers().allValues("www-authenticate"), "a browser asks for the token; a script learns it may send it as Bearer");
        assertTrue(error(r).startsWith("POST /units/park-nest/inventory from another machine needs a technician's token"), error(r));
        assertEquals(401, call(lan, "GET", "/events?after=0", null).statusCode());
        assertEquals(401, call(lan, "POST", "/sim/units/park-nest/scan", null).statusCode(), "the simulator's controls too");
    }

    @Test
    void aTokenThatIsNotATechniciansIsRefusedWithTheReason() throws Exception {
        HttpResponse<String> patron = call(lan, "POST", "/units/park-nest/inventory", token("patron", "exchange", 300));
        assertEquals(403, patron.statusCode());
        assertTrue(error(patron).startsWith("the token is a patron's for [exchange]"), error(patron));
        HttpResponse<String> expired = call(lan, "POST", "/units/park-nest/inventory", token("technician", "service", -600));
        assertEquals(403, expired.statusCode());
        assertTrue(error(expired).startsWith("the token is refused (expired)"), error(expired));
        String[] parts = token("technician", "service", 300).split("\\.");
        // one character of the signature changed, always (a replace of letters the signature may not hold changed nothing, now and then)
        char flipped = parts[2].charAt(10) == 'A' ? 'B' : 'A';
        HttpResponse<String> forged = call(lan, "POST", "/units/park-nest/inventory",
                parts[0] + "." + parts[1] + "." + parts[2].substring(0, 10) + flipped + parts[2].substring(11));
        assertEquals(403, forged.statusCode());
        assertTrue(error(forged).startsWith("the token is refused (bad_signature)") || error(forged).startsWith("the token is refused (malformed)"), error(forged));
        assertEquals(401, call(lan, "POST", "/units/park-nest/inventory", "x".repeat(5_000)).statusCode(), "a header far too long is no token");
    }

    @Test
    void aTechniciansTokenServesManyRequests() throws Exception {
        String token = token("technician", "service", 300);
        assertEquals(202, call(lan, "POST", "/units/park-nest/inventory", token).statusCode());
        assertEquals(202, call(lan, "POST", "/units/park-nest/inventory", token).statusCode(), "not spent by the first request");
        assertEquals(200, call(lan, "GET", "/events?after=0", token).statusCode());
    }

    HttpResponse<String> basic(String path, String password) throws Exception {
        String pair = Base64.getEncoder().encodeToString(("technician:" + password).getBytes(StandardCharsets.UTF_8));
        return http.send(HttpRequest.newBuilder(URI.create("http://" + lan + ":" + agent.apiPort() + path)).header("Authorization", "Basic " + pair)
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theConsoleAndEveryRequestThatChangesStateRefuseAMissingOrWrongTokenAndServeATechnician() throws Exception {
        String[][] asked = {
            {"GET", "/console", "200"}, {"GET", "/console/state", "200"}, {"GET", "/assets/console.js", "200"},
            {"GET", "/screen/park-nest", "200"}, {"POST", "/screen/park-nest/language", "400"},
            {"POST", "/units/park-nest/inventory", "202"}, {"POST", "/units/pickup/doors/02/pulse", "200"},
            {"POST", "/sim/units/park-nest/doors/right/open", "200"}, {"GET", "/metrics", "200"}, {"GET", "/selftest", "200"},
        };
        String technician = token("technician", "service", 300);
        String patron = token("patron", "exchange", 300);
        for (String[] a : asked) {
            String what = a[0] + " " + a[1];
            HttpResponse<String> none = call(lan, a[0], a[1], null);
            assertEquals(401, none.statusCode(), what);
            assertTrue(error(none).startsWith(what + " from another machine needs a technician's token"), error(none));
            assertEquals(403, call(lan, a[0], a[1], patron).statusCode(), what + " with a patron's token");
            assertEquals(403, call(lan, a[0], a[1], technician.substring(0, technician.length() - 4) + "AAAA").statusCode(), what + " forged");
            assertEquals(Integer.parseInt(a[2]), call(lan, a[0], a[1], technician).statusCode(), what + " with a technician's token");
        }
        // a browser on the LAN: the sign-in prompt's password is the token
        HttpResponse<String> page = basic("/console", technician);
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("bookbox console"), page.body());
        assertEquals(403, basic("/console", "not-a-token").statusCode());
        assertEquals(401, basic("/console", "").statusCode(), "an empty password is no token");
    }

    @Test
    void aPageRebindingItsNameToTheBoxIsAStranger() throws Exception {
        // what a browser on the box sends for a page whose DNS name now points at 127.0.0.1 (java.net.http will not set Host)
        try (Socket s = new Socket("127.0.0.1", agent.apiPort())) {
            s.getOutputStream().write(("POST /units/park-nest/inventory HTTP/1.1\r\nHost: evil.example:" + agent.apiPort()
                    + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(answer.startsWith("HTTP/1.1 401"), answer);
        }
    }
}
