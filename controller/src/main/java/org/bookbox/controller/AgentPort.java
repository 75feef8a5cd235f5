package org.bookbox.controller;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.bookbox.controller.journal.RecordedEvent;
import org.bookbox.controller.port.BoxPort;
import org.bookbox.controller.port.Refused;
import org.bookbox.controller.profile.UnitSpec;
import org.bookbox.controller.store.JournalException;
import org.bookbox.controller.unit.Unit;
import org.bookbox.controller.unit.doors.DoorUnit;
import org.bookbox.drivers.part.PartAddress;

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
    public JsonArray wiring() {
        JsonArray units = new JsonArray();
        for (UnitSpec u : agent.profile().units()) {
            JsonArray doors = new JsonArray();
            for (UnitSpec.DoorSpec d : u.doors()) {
                doors.add(new JsonObject().put("door", d.name()).put("lock", d.lock().address().toString())
                        .put("sensor", d.sensor().toString()).put("antennas", names(d.antennas())));
            }
            JsonObject unit = new JsonObject().put("unit", u.name()).put("kind", u.kind()).put("doors", doors);
            if (u instanceof UnitSpec.DropBoxSpec b) {
                JsonArray bins = new JsonArray();
                b.bins().forEach(bin -> bins.add(new JsonObject().put("bin", bin.name())
                        .put("full_sensor", bin.fullSensor().map(PartAddress::toString).orElse(null))));
                unit.put("chute", new JsonObject().put("eye", b.chuteEye().toString()).put("antennas", names(b.chuteAntennas())))
                        .put("flap", b.flap().address().toString()).put("bins", bins);
            }
            units.add(unit);
        }
        return units;
    }

    private static JsonArray names(List<PartAddress> parts) {
        JsonArray a = new JsonArray();
        parts.forEach(p -> a.add(p.toString()));
        return a;
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
