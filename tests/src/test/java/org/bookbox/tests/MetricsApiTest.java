package org.bookbox.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bookbox.controller.Agent;
import org.bookbox.controller.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /metrics}: what a session, a refusal and a silent reader leave in the Prometheus text. */
class MetricsApiTest {

    /** One sample line of the text format: a name, optional labels, a number. */
    static final Pattern SAMPLE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\\\n]|\\\\.)*\"})? (-?[0-9.eE+-]+|\\+Inf|NaN)");

    @TempDir
    Path data;
    Agent agent;
    final LocalApiClient api = new LocalApiClient(() -> agent.apiPort());

    @BeforeEach
    void start() throws Exception {
        agent = SimBox.start(data);
    }

    @AfterEach
    void stop() {
        agent.stop();
    }

    /** Every line is a comment or a sample (checked), and the samples by name and label set. */
    Map<String, Double> metrics() throws Exception {
        String text = api.call("GET", "/metrics", null);
        Map<String, Double> samples = new TreeMap<>();
        String lastType = null;
        for (String line : text.split("\n")) {
            if (line.startsWith("# TYPE ")) {
                lastType = line.split(" ")[2];
            } else if (!line.startsWith("# HELP ")) {
                Matcher m = SAMPLE.matcher(line);
                assertTrue(m.matches(), "not a sample: " + line);
                assertTrue(lastType != null && m.group(1).startsWith(lastType), line + " comes before its # TYPE");
                samples.put(m.group(1) + Optional.ofNullable(m.group(2)).orElse(""), Double.parseDouble(m.group(3).replace("+Inf", "Infinity")));
            }
        }
        return samples;
    }

    @Test
    void aSessionARefusalAndASilentReaderAreCounted() throws Exception {
        String token = SimBox.token("metrics-1", "patron", "exchange", new JsonObject());
        api.call("POST", "/sim/units/park-nest/scan", token);
        Await.until(this::leftOpenable);
        api.call("POST", "/sim/units/park-nest/doors/left/open", null);
        api.call("POST", "/sim/units/park-nest/doors/left/close", null);
        Await.until(() -> !api.events("session").isEmpty());
        api.call("POST", "/sim/units/park-nest/scan", token);
        Await.until(() -> !api.events("scan.rejected").isEmpty());
        api.call("PUT", "/sim/units/park-nest/antennas/left-1/offline", "{\"offline\": true}");
        api.call("POST", "/units/park-nest/inventory?door=left", null);
        Await.until(() -> metrics().getOrDefault("bookbox_reader_timeouts_total", 0.0) > 0);

        Map<String, Double> m = metrics();
        assertEquals(1.0, m.get("bookbox_sessions_total{outcome=\"completed\"}"), m.toString());
        assertEquals(1.0, m.get("bookbox_scans_refused_total{reason=\"replayed\"}"), m.toString());
        assertEquals(1.0, m.get("bookbox_scan_to_lock_seconds_count"), m.toString());
        assertEquals(1.0, m.get("bookbox_scan_to_lock_seconds_bucket{le=\"+Inf\"}"), m.toString());
        assertTrue(m.get("bookbox_scan_to_lock_seconds_sum") > 0, m.toString());
        assertTrue(m.get("bookbox_events_journaled_total{type=\"lifecycle\"}") >= 1, m.toString());
        assertEquals(m.get("bookbox_journal_commit_seconds_count"), m.entrySet().stream().filter(e -> e.getKey().startsWith("bookbox_events_journaled_total"))
                .mapToDouble(Map.Entry::getValue).sum(), "one commit timed per event journaled");
        assertTrue(m.containsKey("bookbox_outbox_queue_events"), m.toString());
        assertTrue(m.get("bookbox_reader_timeouts_total") > 0, m.toString());
        assertEquals(0.0, m.get("bookbox_lockboard_timeouts_total"), m.toString());
        // buckets are cumulative
        List<Double> buckets = m.entrySet().stream().filter(e -> e.getKey().startsWith("bookbox_journal_commit_seconds_bucket"))
                .map(Map.Entry::getValue).toList();
        assertTrue(buckets.stream().allMatch(b -> b <= m.get("bookbox_journal_commit_seconds_count")), buckets.toString());
    }

    boolean leftOpenable() throws Exception {
        return new JsonObject(api.call("GET", "/sim", null)).getJsonArray("units").stream().map(JsonObject.class::cast)
                .filter(u -> u.getString("unit").equals("park-nest")).findFirst().orElseThrow()
                .getJsonArray("locks").getJsonObject(0).getBoolean("energised");
    }
}
