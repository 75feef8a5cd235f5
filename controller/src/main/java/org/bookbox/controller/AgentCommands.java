package org.bookbox.controller;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.bookbox.controller.unit.DoorUnit;
import org.bookbox.controller.unit.Unit;
import org.bookbox.controller.uplink.CommandException;
import org.bookbox.controller.uplink.CommandTarget;

/** The backend's commands, carried out on the agent's units. */
final class AgentCommands implements CommandTarget {

    private final Agent agent;

    AgentCommands(Agent agent) {
        this.agent = agent;
    }

    @Override
    public CompletableFuture<JsonObject> unlock(String unit, String door, String mode, JsonObject actor, Duration openWithin) {
        return unit(unit).thenCompose(u -> u instanceof DoorUnit d ? d.unlock(door, mode, actor, openWithin)
                : CompletableFuture.failedFuture(new CommandException("not_allowed", unit + " has no doors")));
    }

    @Override
    public CompletableFuture<JsonObject> inventory(String unit, String door) {
        return unit(unit).thenCompose(u -> u.inventory(door)
                ? CompletableFuture.completedFuture(new JsonObject().put("unit", unit).put("door", door))
                : CompletableFuture.failedFuture(new CommandException("not_found", unit + " has no shelves" + (door == null ? "" : " at door " + door))));
    }

    @Override
    public CompletableFuture<JsonObject> selftest(String unit) {
        return CompletableFuture.supplyAsync(() -> {
            JsonArray results = new JsonArray();
            agent.units().stream().filter(u -> unit == null || u.name().equals(unit)).forEach(u -> results.add(u.selftest()));
            return new JsonObject().put("units", results);
        });
    }

    @Override
    public JsonObject status() {
        return agent.status();
    }

    @Override
    public void record(String type, JsonObject data) {
        agent.record(type, data);
    }

    private CompletableFuture<Unit> unit(String name) {
        return agent.units().stream().filter(u -> u.name().equals(name)).findFirst()
                .map(CompletableFuture::completedFuture)
                .orElseGet(() -> CompletableFuture.failedFuture(new CommandException("not_found", "no unit '" + name + "'")));
    }
}
