package org.bookbox.controller.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One box's metrics (one per agent: fleet tests run many in one JVM), written as Prometheus text on
 * {@code GET /metrics}. The counts and timings are taken where they happen; the gauges and the
 * counts kept elsewhere (reconnects, time-outs) are read when asked.
 */
public final class BoxMetrics {

    /** Journal commits and publishes: from a tenth of a millisecond to seconds. */
    private static final double[] FAST = {0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5};

    public final Counter journaled = new Counter("bookbox_events_journaled_total", "Events made durable in the journal, by type", "type");
    public final Histogram commit = new Histogram("bookbox_journal_commit_seconds", "Time to append an event durably (the transaction and its fsync)", FAST);
    public final Counter transactions = new Counter("bookbox_journal_transactions_total",
            "Journal transactions committed, each one fsync (a burst of events shares one)", null);
    public final Counter published = new Counter("bookbox_uplink_publishes_total", "Events published to the broker at QoS 1 (a resend counts again)", null);
    public final Histogram puback = new Histogram("bookbox_uplink_puback_seconds", "Time from an event's publish to its PUBACK", FAST);
    public final Counter sessions = new Counter("bookbox_sessions_total", "Door sessions ended, by outcome", "outcome");
    public final Counter refusals = new Counter("bookbox_scans_refused_total", "Scanned codes refused, by reason", "reason");
    public final Histogram scanToLock = new Histogram("bookbox_scan_to_lock_seconds", "Time from a code's scan to its door's lock energised", FAST);
    private final List<Gauge> gauges = new ArrayList<>();
    private final List<Gauge> counts = new ArrayList<>();

    /** A value read when asked (queue depth, alarms active). */
    public void gauge(String name, String help, String label, Supplier<Map<String, Double>> values) {
        gauges.add(new Gauge(name, help, label, values));
    }

    /** A count kept elsewhere (a driver's time-outs, the uplink's connections), read when asked. */
    public void count(String name, String help, String label, Supplier<Map<String, Double>> values) {
        counts.add(new Gauge(name, help, label, values));
    }

    /** Every metric in the Prometheus text format. */
    public String text() {
        StringBuilder out = new StringBuilder(4096);
        journaled.write(out);
        commit.write(out);
        transactions.write(out);
        published.write(out);
        puback.write(out);
        sessions.write(out);
        refusals.write(out);
        scanToLock.write(out);
        gauges.forEach(g -> g.write(out, "gauge"));
        counts.forEach(g -> g.write(out, "counter"));
        return out.toString();
    }

    public static String contentType() {
        return PrometheusText.CONTENT_TYPE;
    }
}
