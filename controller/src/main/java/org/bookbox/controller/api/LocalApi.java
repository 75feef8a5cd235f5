package org.bookbox.controller.api;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;
import org.bookbox.controller.Agent;
import org.bookbox.controller.journal.RecordedEvent;
import org.bookbox.controller.lifecycle.AgentStartException;
import org.bookbox.controller.lifecycle.ExitCode;
import org.bookbox.controller.sim.SimulatorControls;
import org.bookbox.drivers.board.SimulatedBoard;
import org.tinylog.Logger;

/**
 * The box's local HTTP API (loopback by default): the status document, the journal, and on a
 * simulated board the simulator's controls. Handlers that touch the journal or the simulated
 * hardware run as blocking work, off the event loop.
 */
public final class LocalApi {

    private final Vertx vertx;
    private final Agent agent;
    private final Routes routes = new Routes();
    private HttpServer server;

    public LocalApi(Vertx vertx, Agent agent) {
        this.vertx = vertx;
        this.agent = agent;
        routes.add(HttpMethod.GET, "/status", c -> Routes.Reply.ok(agent.status()));
        routes.add(HttpMethod.GET, "/events", this::events);
        routes.add(HttpMethod.POST, "/units/{unit}/inventory", this::inventory);
        if (agent.board() instanceof SimulatedBoard board) {
            new SimulatorRoutes(new SimulatorControls(agent, board)).addTo(routes);
        }
    }

    public void listen(String host, int port) throws AgentStartException {
        try {
            server = vertx.createHttpServer().requestHandler(this::handle).listen(port, host)
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new AgentStartException(ExitCode.UNAVAILABLE, "local API cannot listen on " + host + ":" + port + ": " + cause.getMessage(), cause);
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
        int limit = (int) Math.min(1000, parseLong(call.query("limit"), 100, "limit"));
        JsonArray out = new JsonArray();
        for (RecordedEvent e : agent.journal().readAfter(after, limit)) {
            out.add(e.toCloudEvent(agent.config().source()));
        }
        return Routes.Reply.ok(out);
    }

    /** {@code POST /units/{unit}/inventory[?door=D]}: take stock now; the {@code inventory} event follows. */
    private Routes.Reply inventory(Routes.Call call) {
        String name = call.param("unit");
        var unit = agent.units().stream().filter(u -> u.name().equals(name)).findFirst()
                .orElseThrow(() -> HttpError.notFound("no unit '" + name + "'"));
        String door = call.query("door");
        if (!unit.inventory(door)) {
            throw HttpError.badRequest(door == null ? "unit '" + name + "' has no shelves with antennas" : "unit '" + name + "' has no door '" + door + "' with antennas");
        }
        return new Routes.Reply(202, new JsonObject().put("ok", true).put("done", "inventory started"));
    }

    static long parseLong(String raw, long fallback, String name) {
        if (raw == null) {
            return fallback;
        }
        try {
            return Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw HttpError.badRequest("'" + name + "' must be a number");
        }
    }

    private void handle(HttpServerRequest req) {
        Routes.Match match = routes.match(req.method(), req.path());
        if (match.handler() == null) {
            send(req, match.pathKnown() ? 405 : 404, new JsonObject().put("error", match.pathKnown()
                    ? req.method() + " is not allowed on " + req.path() : "no such resource: " + req.path()));
            return;
        }
        req.body().onComplete(body -> {
            if (body.failed()) {
                send(req, 400, new JsonObject().put("error", "could not read the request body"));
                return;
            }
            vertx.<Routes.Reply>executeBlocking(() -> match.handler().handle(new Routes.Call(req, match.params(), body.result())), false)
                    .onComplete(result -> {
                        if (result.succeeded()) {
                            send(req, result.result().status(), result.result().body());
                        } else if (result.cause() instanceof HttpError e) {
                            send(req, e.status(), new JsonObject().put("error", e.getMessage()));
                        } else if (result.cause() instanceof DecodeException) {
                            send(req, 400, new JsonObject().put("error", "the body is not valid JSON"));
                        } else {
                            Logger.error(result.cause(), "{} {} failed", req.method(), req.path());
                            send(req, 500, new JsonObject().put("error", String.valueOf(result.cause().getMessage())));
                        }
                    });
        });
    }

    private static void send(HttpServerRequest req, int status, Object body) {
        String text = body instanceof JsonObject o ? o.encodePrettily() : body instanceof JsonArray a ? a.encodePrettily() : String.valueOf(body);
        req.response().setStatusCode(status)
                .putHeader("content-type", body instanceof String ? "text/plain; charset=utf-8" : "application/json")
                .end(text + "\n");
    }
}
