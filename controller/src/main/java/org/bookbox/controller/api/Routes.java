package org.bookbox.controller.api;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
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

    /** A page or an asset of the box's own: its text and its content type. */
    public record Page(String text, String contentType) {
    }

    public interface Handler {
        Reply handle(Call call) throws Exception;
    }

    /**
     * A stream of server-sent events: {@code open} starts sending whole documents (each one replaces
     * the last, so one dropped for a slow page loses nothing) and returns what stops it.
     */
    public interface Stream {
        Runnable open(Call call, Consumer<String> send) throws Exception;
    }

    /** Pages watching streams at once: each holds a connection and a little memory. */
    static final int MAX_STREAMS = 16;
    /** A comment line this often keeps proxies and the browser from taking a quiet stream for a dead one. */
    static final long KEEP_ALIVE_MS = 15_000;

    private final AtomicInteger streams = new AtomicInteger();

    private final Vertx vertx;
    private final Router router;

    Routes(Vertx vertx, Router router) {
        this.vertx = vertx;
        this.router = router;
    }

    /** Adds a route; {@code {name}} in the pattern is a path parameter. */
    public Routes add(HttpMethod method, String pattern, Handler handler) {
        router.route(method, vertxPath(pattern)).handler(ctx -> run(ctx, handler));
        return this;
    }

    /** Adds a stream of server-sent events ({@code text/event-stream}) at a GET path. */
    public Routes stream(String pattern, Stream stream) {
        router.route(HttpMethod.GET, vertxPath(pattern)).handler(ctx -> open(ctx, stream));
        return this;
    }

    /** {@code /units/{unit}} as Vert.x Web writes it: {@code /units/:unit}. */
    private static String vertxPath(String pattern) {
        return pattern.replaceAll("\\{(\\w+)}", ":$1");
    }

    private void open(RoutingContext ctx, Stream stream) {
        if (streams.incrementAndGet() > MAX_STREAMS) {
            streams.decrementAndGet();
            send(ctx, 503, error("already " + MAX_STREAMS + " pages watching this box; close one"));
            return;
        }
        HttpServerResponse r = ctx.response();
        Context here = vertx.getOrCreateContext();
        r.setChunked(true).putHeader("content-type", "text/event-stream; charset=utf-8").putHeader("cache-control", "no-store");
        Consumer<String> send = data -> here.runOnContext(v -> {
            // a page that reads slowly misses documents, never the box's memory: the next one says it all
            if (!r.ended() && !r.closed() && !r.writeQueueFull()) {
                r.write("data: " + data.replace("\n", "\ndata: ") + "\n\n");
            }
        });
        Call call = new Call(ctx.request(), Map.copyOf(ctx.pathParams()), Buffer.buffer());
        vertx.<Runnable>executeBlocking(() -> stream.open(call, send), false).onComplete(result -> {
            if (result.failed()) {
                streams.decrementAndGet();
                failed(ctx, result.cause());
                return;
            }
            long ping = vertx.setPeriodic(KEEP_ALIVE_MS, id -> {
                if (!r.ended() && !r.closed()) {
                    r.write(": keep-alive\n\n");
                }
            });
            Runnable stop = () -> {
                vertx.cancelTimer(ping);
                result.result().run();
                streams.decrementAndGet();
            };
            if (r.closed()) {
                stop.run();
            } else {
                r.closeHandler(v -> stop.run());
            }
        });
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
            } else {
                failed(ctx, result.cause());
            }
        });
    }

    /** A handler's or a stream's failure as that request's answer: the caller's mistake, a refusal, or the box's 500. */
    private static void failed(RoutingContext ctx, Throwable cause) {
        switch (cause) {
            case HttpError e -> send(ctx, e.status(), error(e.getMessage()));
            case Refused r -> send(ctx, statusOf(r), error(r.getMessage()));
            case DecodeException d -> send(ctx, 400, error("the body is not valid JSON"));
            default -> {
                Logger.error(cause, "{} {} failed", ctx.request().method(), ctx.request().path());
                send(ctx, 500, error("the box could not do this (" + cause.getClass().getSimpleName() + "); it goes on serving"));
            }
        }
    }

    /**
     * Waits for what the box's port was asked, and gives back its refusal as the refusal it is
     * (a 404, 409, 503... of the request), not as the ExecutionException that carried it.
     */
    public static <T> T await(CompletableFuture<T> asked, long seconds) throws Exception {
        try {
            return asked.get(seconds, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Refused r ? r : e;
        }
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
        if (body instanceof Page p) {
            // the box's pages load nothing from anywhere else: no fonts, scripts or styles from a CDN
            ctx.response().setStatusCode(status).putHeader("content-type", p.contentType())
                    .putHeader("content-security-policy", "default-src 'self'; frame-ancestors 'none'")
                    .putHeader("x-content-type-options", "nosniff").putHeader("cache-control", "no-cache").end(p.text());
            return;
        }
        String text = body instanceof JsonObject o ? o.encodePrettily() : body instanceof JsonArray a ? a.encodePrettily() : String.valueOf(body);
        ctx.response().setStatusCode(status)
                .putHeader("content-type", body instanceof String ? "text/plain; charset=utf-8" : "application/json")
                .end(text + "\n");
    }
}
