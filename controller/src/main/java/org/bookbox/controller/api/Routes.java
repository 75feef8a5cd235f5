package org.bookbox.controller.api;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A small path router: {@code /sim/units/{unit}/doors/{door}/open} and the like. The local API has a
 * handful of routes; Vert.x core and this are all it takes.
 */
final class Routes {

    /** A matched request: path parameters, query and the whole body. */
    record Call(HttpServerRequest request, Map<String, String> params, Buffer body) {
        String param(String name) {
            return params.get(name);
        }

        String query(String name) {
            return request.getParam(name);
        }
    }

    /** What a handler returns: a status and a body (JSON text, or plain text). */
    record Reply(int status, Object body) {
        static Reply ok(Object body) {
            return new Reply(200, body);
        }
    }

    interface Handler {
        Reply handle(Call call) throws Exception;
    }

    private record Route(HttpMethod method, String[] parts, Handler handler) {
    }

    private final List<Route> routes = new ArrayList<>();

    Routes add(HttpMethod method, String pattern, Handler handler) {
        routes.add(new Route(method, pattern.substring(1).split("/"), handler));
        return this;
    }

    /** The handler and its parameters, or null with {@code allowed} telling whether the path exists for another method. */
    Match match(HttpMethod method, String path) {
        String[] got = path.length() > 1 && path.endsWith("/") ? path.substring(1, path.length() - 1).split("/") : path.substring(1).split("/");
        boolean pathKnown = false;
        for (Route r : routes) {
            Map<String, String> params = bind(r.parts, got);
            if (params != null) {
                if (r.method.equals(method)) {
                    return new Match(r.handler, params, true);
                }
                pathKnown = true;
            }
        }
        return new Match(null, Map.of(), pathKnown);
    }

    record Match(Handler handler, Map<String, String> params, boolean pathKnown) {
    }

    private static Map<String, String> bind(String[] pattern, String[] got) {
        if (pattern.length != got.length) {
            return null;
        }
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < pattern.length; i++) {
            if (pattern[i].startsWith("{")) {
                params.put(pattern[i].substring(1, pattern[i].length() - 1), java.net.URLDecoder.decode(got[i], java.nio.charset.StandardCharsets.UTF_8));
            } else if (!pattern[i].equals(got[i])) {
                return null;
            }
        }
        return params;
    }
}
