package org.bookbox.controller.api;

import io.vertx.core.http.HttpMethod;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The box's own pages and their scripts and styles, read from the jar: the reader's screen and the
 * technician's console. Only the files named here are served; nothing is loaded from elsewhere.
 */
final class Pages {

    private static final String BASE = "/org/bookbox/controller/api/pages/";
    private static final Map<String, String> TYPES = Map.of(
            "screen.html", "text/html; charset=utf-8",
            "screen.css", "text/css; charset=utf-8",
            "screen.js", "text/javascript; charset=utf-8",
            "console.html", "text/html; charset=utf-8",
            "console.css", "text/css; charset=utf-8",
            "console.js", "text/javascript; charset=utf-8");

    private Pages() {
    }

    static void addTo(Routes routes) {
        routes.add(HttpMethod.GET, "/assets/{file}", c -> {
            Routes.Page p = page(c.param("file"));
            if (p == null) {
                throw HttpError.notFound("no such file: " + c.param("file"));
            }
            return Routes.Reply.ok(p);
        });
    }

    /** A file of the pages' folder, or null when it is not one of them. */
    static Routes.Page page(String file) {
        String type = TYPES.get(file);
        if (type == null) {
            return null;
        }
        try (InputStream in = Pages.class.getResourceAsStream(BASE + file)) {
            if (in == null) {
                throw new IllegalStateException("the build lost " + file);
            }
            return new Routes.Page(new String(in.readAllBytes(), StandardCharsets.UTF_8), type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
