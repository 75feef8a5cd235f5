package org.bookbox.controller.api;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bookbox.controller.lifecycle.AgentStartException;
import org.bookbox.controller.lifecycle.ExitCode;
import org.bookbox.controller.port.BoxPort;
import org.tinylog.Logger;

/**
 * The box's local HTTP API (loopback by default): the status document, the journal and stock-taking,
 * through the box's {@link BoxPort}, and whatever {@link RouteSet}s the box was put together with
 * (the simulator's controls). Whatever a request holds (a bad escape, a huge body, a
 * handler that fails), the answer is a status and a JSON error for that request: nothing a request
 * sends reaches the agent's "stop and release every lock" path.
 */
public final class LocalApi {

    /** The largest request body taken; the API's bodies are a few hundred bytes (a scan, a tag). */
    static final int MAX_BODY_BYTES = 64 * 1024;
    /** Most events one {@code GET /events} returns. */
    static final int MAX_EVENTS = 1000;

    private final Vertx vertx;
    private final BoxPort box;
    private final Router router;
    private final HostCheck hosts;
    private HttpServer server;

    public LocalApi(Vertx vertx, BoxPort box, String host, TechnicianGate gate, List<RouteSet> more) {
        this.vertx = vertx;
        this.box = box;
        this.router = Router.router(vertx);
        this.hosts = new HostCheck(host);
        router.route().handler(hosts::check);
        router.route().handler(gate::check);
        router.route().handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES));
        Routes routes = new Routes(vertx, router);
        routes.add(HttpMethod.GET, "/status", c -> Routes.Reply.ok(box.status()));
        routes.add(HttpMethod.GET, "/events", this::events);
        routes.add(HttpMethod.POST, "/units/{unit}/inventory", this::inventory);
        routes.add(HttpMethod.GET, "/selftest", this::selftest);
        routes.add(HttpMethod.GET, "/metrics", c -> Routes.Reply.ok(box.metrics()));
        Pages.addTo(routes);
        new ConsoleRoutes(vertx, box).addTo(routes);
        more.forEach(set -> set.addTo(routes));
        router.errorHandler(400, ctx -> Routes.send(ctx, 400, Routes.error(badRequestReason(ctx))));
        router.errorHandler(404, ctx -> Routes.send(ctx, 404, Routes.error("no such resource: " + safePath(ctx))));
        router.errorHandler(405, ctx -> Routes.send(ctx, 405, Routes.error(ctx.request().method() + " is not allowed on " + safePath(ctx))));
        router.errorHandler(413, ctx -> Routes.send(ctx, 413, Routes.error("the body is larger than " + MAX_BODY_BYTES + " bytes")));
        router.errorHandler(500, ctx -> {
            Logger.error(ctx.failure(), "{} failed", safePath(ctx));
            Routes.send(ctx, 500, Routes.error("the box could not do this; it goes on serving"));
        });
    }

    public void listen(String host, int port) throws AgentStartException {
        try {
            server = vertx.createHttpServer().requestHandler(this::serve).listen(port, host)
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new AgentStartException(ExitCode.UNAVAILABLE, "local API cannot listen on " + host + ":" + port + ": " + cause.getMessage(), cause);
        }
    }

    /**
     * Routes a request; whatever throws while it is routed is that request's 400, never the agent's
     * problem. Found by LocalApiFuzzTest: Vert.x's own check of the {@code Host} header throws
     * StringIndexOutOfBoundsException on {@code %~%}, which reached the agent's "stop" path.
     */
    private void serve(HttpServerRequest req) {
        try {
            router.handle(req);
        } catch (RuntimeException e) {
            Logger.warn("{} {}: request not routable: {}", req.method(), req.path(), e.toString());
            if (!req.response().ended()) {
                req.response().setStatusCode(400).putHeader("content-type", "application/json")
                        .end(Routes.error("the request cannot be read (its Host or path)").encodePrettily() + "\n");
            }
        }
    }

    public int port() {
        return server == null ? -1 : server.actualPort();
    }

    public void close() {
        if (server != null) {
            server.close();
        }
    }

    /** {@code GET /events?after=N&limit=M}: journaled events as CloudEvents, in seq order. */
    private Routes.Reply events(Routes.Call call) throws Exception {
        long after = parseLong(call.query("after"), 0, "after");
        long limit = parseLong(call.query("limit"), 100, "limit");
        if (after < 0) {
            throw HttpError.badRequest("'after' must be a seq of 0 or more");
        }
        if (limit < 1 || limit > MAX_EVENTS) {
            throw HttpError.badRequest("'limit' must be from 1 to " + MAX_EVENTS);
        }
        return Routes.Reply.ok(box.events(after, (int) limit));
    }

    /** {@code POST /units/{unit}/inventory[?door=D]}: take stock now; the {@code inventory} event follows. */
    private Routes.Reply inventory(Routes.Call call) throws Exception {
        Routes.await(box.inventory(call.param("unit"), call.query("door")), 10);
        return new Routes.Reply(202, new JsonObject().put("ok", true).put("done", "inventory started"));
    }

    /** {@code GET /selftest[?unit=U]}: every reader, scanner and door contact asked how it is (nothing moves). */
    private Routes.Reply selftest(Routes.Call call) throws Exception {
        return Routes.Reply.ok(Routes.await(box.selftest(call.query("unit")), 30));
    }

    public static long parseLong(String raw, long fallback, String name) {
        if (raw == null) {
            return fallback;
        }
        try {
            return Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw HttpError.badRequest("'" + name + "' must be a number");
        }
    }

    /** Vert.x Web answers 400 itself for what it cannot decode (a bad percent-escape in the path, mostly). */
    private static String badRequestReason(RoutingContext ctx) {
        if (ctx.failure() instanceof IllegalArgumentException e && e.getMessage() != null) {
            return "the request cannot be read: " + e.getMessage();
        }
        return "the request cannot be read (a bad percent-escape or header)";
    }

    /** The path as sent, cut short and without control characters, for an error message. */
    private static String safePath(RoutingContext ctx) {
        String p = ctx.request().uri();
        p = p.length() > 200 ? p.substring(0, 200) + "..." : p;
        return p.replaceAll("\\p{Cntrl}", "?");
    }
}
