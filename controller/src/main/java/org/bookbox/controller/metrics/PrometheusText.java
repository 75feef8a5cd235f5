package org.bookbox.controller.metrics;

import java.math.BigDecimal;

/**
 * The Prometheus text exposition format (version 0.0.4): {@code # HELP} and {@code # TYPE} lines,
 * then {@code name{label="value"} number}. Label values are escaped as the format says (backslash,
 * double quote, newline).
 */
final class PrometheusText {

    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private PrometheusText() {
    }

    static void header(StringBuilder out, String name, String help, String type) {
        out.append("# HELP ").append(name).append(' ').append(help.replace("\\", "\\\\").replace("\n", "\\n")).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    static void sample(StringBuilder out, String name, String label, String value, double number) {
        out.append(name);
        if (label != null) {
            out.append('{').append(label).append("=\"").append(value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n")).append("\"}");
        }
        out.append(' ').append(number(number)).append('\n');
    }

    static String number(double d) {
        if (d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return Double.isNaN(d) ? "NaN" : d > 0 ? "+Inf" : "-Inf";
        }
        return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }
}
