package org.bookbox.controller.api;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import org.bookbox.controller.port.Refused;
import org.tinylog.Logger;

/**
 * The local API's routes on Vert.x Web's {@link Router}: {@code /sim/units/{unit}/doors/{door}/open}
 * and the like. A handler runs as blocking work (it may touch the journal or simulated hardware),
 * returns a {@link Reply} or throws an {@link HttpError}; anything else it throws is a 500 for that
 * request alone, never the agent's problem.
 */
public final class Routes {

    /** A matched request: path parameters (already percent-decoded), query and the whole body. */
    public record Call(HttpServerRequest request, Map<String, String> params, Buffer body) {
        public String param(String name) {
            return params.get(name);
        }

        public String query(String name) {
            return request.getParam(name);
        }
    }

    /** What a handler returns: a status and a body (JSON text, or plain text). */
    public record Reply(int status, Object body) {
        public static Reply ok(Object body) {
            return new Reply(200, body);
        }
    }

    public interface Handler {
        Reply handle(Call call) throws Exception;
    }

    private final Vertx vertx;
    private final Router router;

    Routes(Vertx vertx, Router router) {
        this.vertx = vertx;
        this.router = router;
    }

    /** Adds a route; {@code {name}} in the pattern is a path parameter. */
    public Routes add(HttpMethod method, String pattern, Handler handler) {
        router.route(method, pattern.replaceAll("\\{(\\w+)}", ":$1")).handler(ctx -> run(ctx, handler));
        return this;
    }

    private void run(RoutingContext ctx, Handler handler) {
        try {
            ctx.queryParams(); // decoded here, once: a bad escape in the query is the caller's mistake, not a failure
        } catch (IllegalArgumentException e) {
            send(ctx, 400, error("the query cannot be read: " + e.getMessage().replaceAll("\\p{Cntrl}", "?")));
            return;
        }
        Buffer body = ctx.body() == null || ctx.body().buffer() == null ? Buffer.buffer() : ctx.body().buffer();
        Call call = new Call(ctx.request(), Map.copyOf(ctx.pathParams()), body);
        vertx.<Reply>executeBlocking(() -> handler.handle(call), false).onComplete(result -> {
            if (result.succeeded()) {
                send(ctx, result.result().status(), result.result().body());
            } else if (result.cause() instanceof HttpError e) {
                send(ctx, e.status(), error(e.getMessage()));
            } else if (result.cause() instanceof Refused r) {
                send(ctx, statusOf(r), error(r.getMessage()));
            } else if (result.cause() instanceof DecodeException) {
                send(ctx, 400, error("the body is not valid JSON"));
            } else {
                Logger.error(result.cause(), "{} {} failed", ctx.request().method(), ctx.request().path());
                send(ctx, 500, error("the box could not do this (" + result.cause().getClass().getSimpleName() + "); it goes on serving"));
            }
        });
    }

    /** A refusal of the box's port as HTTP: what is not there is 404, what is in use 409, the rest the caller's 400. */
    static int statusOf(Refused r) {
        return switch (r.reason()) {
            case "not_found" -> 404;
            case "busy" -> 409;
            case "unavailable", "lock_fault" -> 503;
            default -> 400;
        };
    }

    static JsonObject error(String message) {
        return new JsonObject().put("error", message);
    }

    static void send(RoutingContext ctx, int status, Object body) {
        if (ctx.response().ended()) {
            return;
        }
        String text = body instanceof JsonObject o ? o.encodePrettily() : body instanceof JsonArray a ? a.encodePrettily() : String.valueOf(body);
        ctx.response().setStatusCode(status)
                .putHeader("content-type", body instanceof String ? "text/plain; charset=utf-8" : "application/json")
                .end(text + "\n");
    }
}
