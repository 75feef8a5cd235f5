package org.bookbox.controller.metrics;

import java.util.Map;
import java.util.function.Supplier;

/** A value read when the metrics are asked for (a queue's depth, the alarms active), per label value. */
final class Gauge {

    private final String name;
    private final String help;
    private final String label;
    private final Supplier<Map<String, Double>> values;

    Gauge(String name, String help, String label, Supplier<Map<String, Double>> values) {
        this.name = name;
        this.help = help;
        this.label = label;
        this.values = values;
    }

    void write(StringBuilder out, String type) {
        Map<String, Double> now;
        try {
            now = values.get();
        } catch (RuntimeException e) {
            return; // a figure that cannot be read now is left out, never the whole page
        }
        PrometheusText.header(out, name, help, type);
        now.forEach((v, d) -> PrometheusText.sample(out, name, label, label == null ? null : v, d));
    }
}
