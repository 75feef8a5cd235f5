package org.bookbox.tests.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Set;
import org.bookbox.controller.Agent;
import org.bookbox.tests.SimBox;

/**
 * Requests to the local API, as any program on the box (or a browser page) could send them: any
 * method, path, query and body get a status and a JSON answer, never a 500 or a stopped box (issue 9,
 * defect 1 was a bad percent-escape that stopped the agent). One simulated box serves the whole run.
 */
class LocalApiFuzzTest {

    static final String[] METHODS = {"GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"};
    static final String[] PREFIXES = {"/status", "/events", "/units/park-nest/inventory", "/sim", "/sim/units/park-nest/scan",
            "/sim/units/entrance-return/chute", "/sim/units/park-nest/antennas/left-1/tags", "/sim/units/park-nest/doors/left/open",
            "/sim/units/pickup/sensors/01-door", "/sim/lockboards/bus0/1/silent", "/screen/park-nest/language", "/screen/park-nest/live",
            "/console/live", "/units/pickup/doors/02/pulse", "/assets/screen.js", "/metrics", "/"};
    static final Set<Integer> ANSWERS = Set.of(200, 201, 202, 400, 404, 405, 409, 413, 421, 503);

    private static Agent agent;

    private static synchronized int port() throws Exception {
        if (agent == null) {
            agent = SimBox.start(Files.createTempDirectory("bookbox-api-fuzz"));
            Runtime.getRuntime().addShutdownHook(new Thread(agent::stop));
        }
        return agent.apiPort();
    }

    @FuzzTest(maxDuration = "5m")
    void anyRequestGetsAnAnswerAndTheBoxGoesOn(FuzzedDataProvider data) throws Exception {
        String method = data.pickValue(METHODS);
        String path = data.pickValue(PREFIXES) + data.consumeString(80).replaceAll("[\\s]", "");
        // the Host a browser page would send: the box's own name, or any other name (DNS rebinding); a value
        // with control characters is no HTTP at all, and the server may close such a connection unanswered
        String host = data.consumeBoolean() ? "127.0.0.1" : data.consumeString(40).replaceAll("[^\\x21-\\x7e]", "");
        byte[] body = data.consumeRemainingAsBytes();
        int status = send(method, path.isEmpty() ? "/" : path, host, body);
        assertTrue(ANSWERS.contains(status), method + " " + path + " (Host " + host + ") -> " + status);
        assertTrue(send("GET", "/status", "127.0.0.1", new byte[0]) == 200, "the box goes on serving");
    }

    /**
     * Sends one request byte for byte and returns the status code of the answer: its first line, since
     * a stream of server-sent events (the screens, the console) answers at once and never ends.
     */
    static int send(String method, String path, String host, byte[] body) throws Exception {
        try (Socket s = new Socket("127.0.0.1", port())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write((method + " " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\nContent-Type: "
                    + (body.length > 0 && body[0] == '{' ? "application/json" : "text/plain") + "\r\nContent-Length: " + body.length
                    + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            InputStream in = s.getInputStream();
            for (int b = in.read(); b >= 0 && b != '\n' && got.size() < 200; b = in.read()) {
                got.write(b);
            }
            String text = got.toString(StandardCharsets.ISO_8859_1);
            assertTrue(text.startsWith("HTTP/1.1 "), "no HTTP answer to " + method + " " + path + " (Host " + host + "): " + text);
            return Integer.parseInt(text.substring(9, 12));
        }
    }
}
