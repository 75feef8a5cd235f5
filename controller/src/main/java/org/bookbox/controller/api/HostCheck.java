package org.bookbox.controller.api;

import io.vertx.ext.web.RoutingContext;
import java.util.Locale;
import java.util.Set;

/**
 * Answers only requests addressed to the box by a name it listens on. On loopback, a page on some
 * other site that a browser on this machine (the kiosk's, a technician's) opens cannot reach the API
 * by pointing a DNS name of its own at 127.0.0.1 (DNS rebinding): its requests carry that name in
 * {@code Host} and are refused.
 */
final class HostCheck {

    private static final Set<String> LOOPBACK_NAMES = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    private final boolean loopbackOnly;

    HostCheck(String listenHost) {
        this.loopbackOnly = LOOPBACK_NAMES.contains(listenHost.toLowerCase(Locale.ROOT)) || listenHost.startsWith("127.");
    }

    void check(RoutingContext ctx) {
        if (!loopbackOnly || allowed(ctx.request().getHeader("host"))) {
            ctx.next();
            return;
        }
        Routes.send(ctx, 421, Routes.error("this API answers only to localhost or 127.0.0.1 in the Host header"));
    }

    static boolean allowed(String host) {
        if (host == null) {
            return true; // HTTP/1.0 without Host: a local tool, not a browser
        }
        String h = host.toLowerCase(Locale.ROOT);
        String name = h.startsWith("[") ? h.substring(0, h.indexOf(']') + 1) : (h.contains(":") ? h.substring(0, h.indexOf(':')) : h);
        return LOOPBACK_NAMES.contains(name) || name.matches("127(\\.\\d{1,3}){3}");
    }
}
