package org.bookbox.controller.metrics;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/** Durations counted into fixed buckets (seconds), with their sum and count: a Prometheus histogram. */
public final class Histogram {

    private final String name;
    private final String help;
    private final double[] bounds;
    private final AtomicLongArray buckets;
    private final DoubleAdder sum = new DoubleAdder();
    private final LongAdder count = new LongAdder();

    Histogram(String name, String help, double... bounds) {
        this.name = name;
        this.help = help;
        this.bounds = bounds.clone();
        this.buckets = new AtomicLongArray(bounds.length);
    }

    public void observeNanos(long nanos) {
        observe(nanos / 1e9);
    }

    public void observe(double seconds) {
        for (int i = 0; i < bounds.length; i++) {
            if (seconds <= bounds[i]) {
                buckets.incrementAndGet(i);
                break;
            }
        }
        sum.add(seconds);
        count.increment();
    }

    public long count() {
        return count.sum();
    }

    void write(StringBuilder out) {
        PrometheusText.header(out, name, help, "histogram");
        long cumulative = 0;
        for (int i = 0; i < bounds.length; i++) {
            cumulative += buckets.get(i);
            PrometheusText.sample(out, name + "_bucket", "le", PrometheusText.number(bounds[i]), cumulative);
        }
        PrometheusText.sample(out, name + "_bucket", "le", "+Inf", count.sum());
        PrometheusText.sample(out, name + "_sum", null, null, sum.sum());
        PrometheusText.sample(out, name + "_count", null, null, count.sum());
    }
}
