package org.bookbox.controller.metrics;

import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.LongAdder;

/** A count that only grows, per value of one label (or none): what Prometheus calls a counter. */
public final class Counter {

    /** At most this many label values: a label's values come from the box's own closed sets, this bounds a mistake. */
    static final int MAX_VALUES = 64;

    private final String name;
    private final String help;
    private final String label;
    private final Map<String, LongAdder> values = new ConcurrentSkipListMap<>();

    Counter(String name, String help, String label) {
        this.name = name;
        this.help = help;
        this.label = label;
    }

    public void inc() {
        inc("");
    }

    public void inc(String labelValue) {
        LongAdder a = values.get(labelValue);
        if (a == null && values.size() >= MAX_VALUES) {
            labelValue = "other";
        }
        values.computeIfAbsent(labelValue, v -> new LongAdder()).increment();
    }

    public long value(String labelValue) {
        LongAdder a = values.get(labelValue);
        return a == null ? 0 : a.sum();
    }

    void write(StringBuilder out) {
        PrometheusText.header(out, name, help, "counter");
        if (values.isEmpty() && label == null) {
            PrometheusText.sample(out, name, null, null, 0);
        }
        values.forEach((v, a) -> PrometheusText.sample(out, name, label, label == null ? null : v, a.sum()));
    }
}
