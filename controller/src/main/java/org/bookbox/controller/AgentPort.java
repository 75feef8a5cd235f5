package org.bookbox.controller;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.bookbox.controller.journal.RecordedEvent;
import org.bookbox.controller.port.BoxPort;
import org.bookbox.controller.port.Refused;
import org.bookbox.controller.store.JournalException;
import org.bookbox.controller.unit.Unit;
import org.bookbox.controller.unit.doors.DoorUnit;

/** The agent as the outside sees it: the local API and the backend's commands both come through here. */
final class AgentPort implements BoxPort {

    private final Agent agent;

    AgentPort(Agent agent) {
        this.agent = agent;
    }

    @Override
    public JsonObject status() {
        return agent.status();
    }

    @Override
    public JsonArray events(long afterSeq, int limit) throws Refused {
        JsonArray out = new JsonArray();
        try {
            for (RecordedEvent e : agent.journal().readAfter(afterSeq, limit)) {
                out.add(e.toCloudEvent(agent.config().source()));
            }
        } catch (JournalException e) {
            throw new Refused("unavailable", "the journal cannot be read: " + e.getMessage());
        }
        return out;
    }

    @Override
    public CompletableFuture<JsonObject> unlock(String unit, String door, String mode, JsonObject actor, Duration openWithin) {
        return unit(unit).thenCompose(u -> u instanceof DoorUnit d ? d.unlock(door, mode, actor, openWithin)
                : CompletableFuture.failedFuture(new Refused("not_allowed", unit + " has no doors")));
    }

    @Override
    public CompletableFuture<JsonObject> inventory(String unit, String door) {
        return unit(unit).thenCompose(u -> u.inventory(door)
                ? CompletableFuture.completedFuture(new JsonObject().put("unit", unit).put("door", door))
                : CompletableFuture.failedFuture(new Refused("not_found", door == null
                        ? "unit '" + unit + "' has no shelves with antennas" : "unit '" + unit + "' has no door '" + door + "' with antennas")));
    }

    @Override
    public String metrics() {
        return agent.metrics().text();
    }

    @Override
    public CompletableFuture<JsonObject> selftest(String unit) {
        if (unit != null && agent.unit(unit).isEmpty()) {
            return CompletableFuture.failedFuture(new Refused("not_found", "no unit '" + unit + "'"));
        }
        return CompletableFuture.supplyAsync(() -> {
            JsonArray results = new JsonArray();
            agent.units().stream().filter(u -> unit == null || u.name().equals(unit)).forEach(u -> results.add(u.selftest()));
            return new JsonObject().put("units", results);
        });
    }

    private CompletableFuture<Unit> unit(String name) {
        Optional<Unit> u = agent.unit(name);
        return u.map(CompletableFuture::completedFuture)
                .orElseGet(() -> CompletableFuture.failedFuture(new Refused("not_found", "no unit '" + name + "'")));
    }
}
