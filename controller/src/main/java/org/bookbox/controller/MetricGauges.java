package org.bookbox.controller;

import io.vertx.core.json.JsonArray;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bookbox.controller.metrics.BoxMetrics;
import org.bookbox.controller.store.JournalException;
import org.bookbox.controller.unit.Unit;
import org.bookbox.drivers.board.Board;

/** The metrics read when asked: the outbox's depth, the alarms active, the uplink's connections, the drivers' time-outs. */
final class MetricGauges {

    private MetricGauges() {
    }

    static void register(BoxMetrics metrics, Agent agent, Board board) {
        // one query for the depth, the units' own lists for the alarms: not the whole status document, twice, per scrape
        metrics.gauge("bookbox_outbox_queue_events", "Journaled events not yet acknowledged by the broker", null,
                () -> Map.of("", (double) queue(agent)));
        metrics.gauge("bookbox_alarms_active", "Alarms active now, by kind", "kind", () -> alarms(agent.units()));
        metrics.count("bookbox_uplink_connections_total", "Connections made to the broker (the first and every reconnect)", null,
                () -> Map.of("", (double) agent.uplink().map(u -> u.connects().size()).orElse(0)));
        metrics.count("bookbox_reader_timeouts_total", "RFID reader exchanges without an answer in time", null,
                () -> Map.of("", (double) board.timeOuts().readers()));
        metrics.count("bookbox_lockboard_timeouts_total", "Lock-control board exchanges without an answer in time", null,
                () -> Map.of("", (double) board.timeOuts().lockBoards()));
    }

    /** The status document's {@code queue}: -1 when the journal cannot be read. */
    private static long queue(Agent agent) {
        try {
            return agent.journal().unacknowledged();
        } catch (JournalException e) {
            return -1;
        }
    }

    /** The units' alarms ({@code door_left_open:left}) counted by kind. */
    private static Map<String, Double> alarms(List<Unit> units) {
        Map<String, Double> byKind = new TreeMap<>();
        for (Unit u : units) {
            for (Object a : u.status().getJsonArray("alarms", new JsonArray())) {
                String kind = String.valueOf(a).split(":", 2)[0];
                byKind.merge(kind, 1.0, Double::sum);
            }
        }
        return byKind;
    }
}
