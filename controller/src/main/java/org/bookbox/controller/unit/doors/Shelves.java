package org.bookbox.controller.unit.doors;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.bookbox.controller.event.AlarmKind;
import org.bookbox.controller.event.BoxEvent;
import org.bookbox.controller.event.Mode;
import org.bookbox.controller.event.Occupancy;
import org.bookbox.controller.event.Outcome;
import org.bookbox.controller.profile.UnitSpec.SecuritySpec;
import org.bookbox.controller.unit.Alarms;
import org.bookbox.controller.unit.Items;
import org.bookbox.controller.unit.Worker;
import org.bookbox.drivers.rfid.FieldReader.TagRead;
import org.bookbox.drivers.rfid.TagUid;

/**
 * What is on one door's shelves, as last counted through its antennas: the stock a session's
 * taken and left are judged against, and the compartment's occupancy. Counts run off the loop.
 */
final class Shelves {

    /** Inventory rounds per count: a tag missed in one round is not a book taken. */
    static final int ROUNDS = 3;

    /** What a count found, against the stock before it. */
    record Change(List<TagRead> taken, List<TagRead> left, Map<TagUid, TagRead> after) { }

    /** A session's closing count, and the security it wrote to what stays on the shelves. */
    record Count(Map<TagUid, TagRead> after, TagSecurity.Writes writes) { }

    private final String unit;
    private final Door door;
    private final Worker worker;
    private final Alarms alarms;
    private final Consumer<BoxEvent> record;
    private final SecuritySpec security;
    private Map<TagUid, TagRead> stock = new HashMap<>();
    private Occupancy occupancy = Occupancy.UNKNOWN;

    Shelves(String unit, Door door, Worker worker, Alarms alarms, Consumer<BoxEvent> record, SecuritySpec security) {
        this.security = security;
        this.unit = unit;
        this.door = door;
        this.worker = worker;
        this.alarms = alarms;
        this.record = record;
    }

    boolean counted() {
        return !door.antennas().isEmpty();
    }

    Map<TagUid, TagRead> stock() {
        return Map.copyOf(stock);
    }

    JsonArray stockJson() {
        return Items.json(stock.values());
    }

    Occupancy occupancy() {
        return occupancy;
    }

    /** A door without antennas: what its session says the compartment now holds. */
    void occupancy(Occupancy o) {
        occupancy = o;
    }

    /** Counts the shelves; {@code back} gets the change (and the stock is then the count), or what failed. */
    void count(Consumer<Worker.Outcome<Map<TagUid, TagRead>>> back) {
        worker.<Map<TagUid, TagRead>>run(() -> ShelfInventory.take(door.antennas(), ROUNDS), r -> {
            if (r.ok()) {
                alarms.clear(AlarmKind.READER_OFFLINE, door.name(), "the door's antennas answer again");
            } else {
                alarms.raise(AlarmKind.READER_OFFLINE, door.name(), String.valueOf(r.failure().getMessage()));
            }
            back.accept(r);
        });
    }

    /**
     * What a session's mode writes to the tags, where it physically can (docs/adr/0011): a book that
     * leaves with the reader (borrow, pickup) is set "on loan" at the unlock, while it is still on the
     * shelf; what stays on the shelves after a borrow, a pickup or a load is set "in library" once the
     * door is shut and counted. An exchange and a service session write nothing.
     */
    static boolean unsecuresAtUnlock(Mode mode) {
        return mode == Mode.BORROW || mode == Mode.PICKUP;
    }

    static boolean securesAfterCount(Mode mode) {
        return mode == Mode.BORROW || mode == Mode.PICKUP || mode == Mode.LOAD;
    }

    /** At the unlock: the books on the shelves go "on loan" (off the loop); {@code back} gets what was written. */
    void unsecure(Mode mode, Consumer<TagSecurity.Writes> back) {
        if (!counted() || !unsecuresAtUnlock(mode) || stock.isEmpty()) {
            return;
        }
        List<TagUid> uids = List.copyOf(stock.keySet());
        worker.<TagSecurity.Writes>run(() -> TagSecurity.write(door.antennas(), uids, security, false), r -> {
            if (r.ok()) {
                back.accept(r.value());
            }
        });
    }

    /**
     * A session that unset the shelves' security and ended without its count (not opened, aborted):
     * the books are all still there, so they are secured again.
     */
    void resecure(Mode mode) {
        if (!counted() || !unsecuresAtUnlock(mode) || stock.isEmpty()) {
            return;
        }
        List<TagUid> uids = List.copyOf(stock.keySet());
        worker.<TagSecurity.Writes>run(() -> TagSecurity.write(door.antennas(), uids, security, true), r -> { });
    }

    /** A session's closing count; for the modes that do, security "in library" written to what stays, in the same job. */
    void countAndSecure(Mode mode, Consumer<Worker.Outcome<Count>> back) {
        worker.<Count>run(() -> {
            Map<TagUid, TagRead> after = ShelfInventory.take(door.antennas(), ROUNDS);
            TagSecurity.Writes writes = securesAfterCount(mode)
                    ? TagSecurity.write(door.antennas(), after.keySet(), security, true) : TagSecurity.Writes.NONE;
            return new Count(after, writes);
        }, r -> {
            if (r.ok()) {
                alarms.clear(AlarmKind.READER_OFFLINE, door.name(), "the door's antennas answer again");
            } else {
                alarms.raise(AlarmKind.READER_OFFLINE, door.name(), String.valueOf(r.failure().getMessage()));
            }
            back.accept(r);
        });
    }

    /** The count becomes the stock; what it means against the stock before. */
    Change settle(Map<TagUid, TagRead> after) {
        List<TagRead> taken = stock.entrySet().stream().filter(e -> !after.containsKey(e.getKey())).map(Map.Entry::getValue).toList();
        List<TagRead> left = after.entrySet().stream().filter(e -> !stock.containsKey(e.getKey())).map(Map.Entry::getValue).toList();
        stock = after;
        occupancy = after.isEmpty() ? Occupancy.EMPTY : Occupancy.OCCUPIED;
        return new Change(taken, left, after);
    }

    /** Takes stock (at boot, or on request) and records an {@code inventory} event with the reason. */
    void takeStock(BoxEvent.InventoryReason reason, BooleanSupplier idle) {
        if (!counted()) {
            return;
        }
        count(r -> {
            if (!r.ok()) {
                return;
            }
            if (idle.getAsBoolean()) {
                settle(r.value());
            }
            record.accept(new BoxEvent.Inventory(unit, door.name(), reason, Items.json(r.value().values())));
        });
    }

    /**
     * After a crash: counts the shelves and charges what changed since the session's note to it.
     * {@code back} gets taken, left and the violations.
     */
    void recount(JsonObject note, BooleanSupplier idle, TriConsumer back) {
        JsonArray before = note.getJsonArray("stock", new JsonArray());
        if (!counted()) {
            back.accept(new JsonArray(), new JsonArray(), List.of("agent_stopped"));
            return;
        }
        count(r -> {
            if (!r.ok()) {
                back.accept(new JsonArray(), new JsonArray(), List.of("agent_stopped", "inventory_failed"));
                return;
            }
            Set<String> had = new HashSet<>();
            JsonArray taken = new JsonArray();
            for (Object o : before) {
                if (o instanceof JsonObject item) {
                    had.add(item.getString("uid"));
                    if (!r.value().containsKey(TagUid.parse(item.getString("uid")))) {
                        taken.add(item);
                    }
                }
            }
            JsonArray left = Items.json(r.value().values().stream().filter(t -> !had.contains(t.uid().hex())).toList());
            if (idle.getAsBoolean()) {
                settle(r.value());
            }
            back.accept(taken, left, List.of("agent_stopped"));
        });
    }

    interface TriConsumer {
        void accept(JsonArray taken, JsonArray left, List<String> violations);
    }
}
