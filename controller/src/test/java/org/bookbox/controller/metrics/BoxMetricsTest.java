package org.bookbox.controller.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class BoxMetricsTest {

    @Test
    void labelValuesAreEscapedAsTheFormatSays() {
        BoxMetrics m = new BoxMetrics();
        m.refusals.inc("a\"b\\c\nd");
        assertTrue(m.text().contains("bookbox_scans_refused_total{reason=\"a\\\"b\\\\c\\nd\"} 1\n"), m.text());
    }

    @Test
    void aLabelCannotGrowWithoutBound() {
        BoxMetrics m = new BoxMetrics();
        for (int i = 0; i < 1000; i++) {
            m.journaled.inc("type-" + i);
        }
        assertEquals(1000 - Counter.MAX_VALUES + 1, m.journaled.value("other") + 1);
        assertEquals(Counter.MAX_VALUES + 1, m.text().lines().filter(l -> l.startsWith("bookbox_events_journaled_total{")).count());
    }

    @Test
    void aHistogramsBucketsAreCumulativeAndEndInItsCount() {
        BoxMetrics m = new BoxMetrics();
        m.scanToLock.observe(0.0003);
        m.scanToLock.observe(0.002);
        m.scanToLock.observe(7);
        String t = m.text();
        assertTrue(t.contains("bookbox_scan_to_lock_seconds_bucket{le=\"0.0005\"} 1\n"), t);
        assertTrue(t.contains("bookbox_scan_to_lock_seconds_bucket{le=\"0.0025\"} 2\n"), t);
        assertTrue(t.contains("bookbox_scan_to_lock_seconds_bucket{le=\"5\"} 2\n"), t);
        assertTrue(t.contains("bookbox_scan_to_lock_seconds_bucket{le=\"+Inf\"} 3\n"), t);
        assertTrue(t.contains("bookbox_scan_to_lock_seconds_count 3\n"), t);
    }

    @Test
    void aGaugeThatCannotBeReadIsLeftOutNotThePage() {
        BoxMetrics m = new BoxMetrics();
        m.gauge("bookbox_broken", "fails", null, () -> {
            throw new IllegalStateException("journal closed");
        });
        m.gauge("bookbox_fine", "works", null, () -> Map.of("", 2.0));
        assertTrue(m.text().contains("bookbox_fine 2\n") && !m.text().contains("bookbox_broken"), m.text());
    }
}
