package org.bookbox.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.bookbox.controller.event.AlarmKind;
import org.bookbox.controller.event.BoxEvent;
import org.bookbox.controller.event.BoxEvent.Alarm;
import org.bookbox.controller.event.BoxEvent.Inventory;
import org.bookbox.controller.event.BoxEvent.InventoryReason;
import org.bookbox.controller.event.BoxEvent.Lifecycle;
import org.bookbox.controller.event.BoxEvent.Phase;
import org.bookbox.controller.event.BoxEvent.Return;
import org.bookbox.controller.event.BoxEvent.ScanRejected;
import org.bookbox.controller.event.BoxEvent.Security;
import org.bookbox.controller.event.BoxEvent.SessionEnded;
import org.bookbox.controller.event.BoxEvent.Unidentified;
import org.bookbox.controller.event.BoxEvent.UnidentifiedReturn;
import org.bookbox.controller.event.EventJson;
import org.bookbox.controller.event.Mode;
import org.bookbox.controller.event.Occupancy;
import org.bookbox.controller.event.Outcome;
import org.bookbox.controller.event.Refusal;
import org.junit.jupiter.api.Test;

/**
 * The typed events against docs/asyncapi.yaml: every record, with every value of every closed set it
 * carries, serialized by the one serializer and checked against the contract's schema for its type.
 */
class EventJsonTest {

    static final JsonObject ITEM = new JsonObject().put("id", "31234567").put("owner", "DE-705").put("uid", "e004010000000001");
    static final JsonObject UNREAD = new JsonObject().putNull("id").putNull("owner").put("uid", "e004010000000002")
            .put("reason", "unreadable").put("detail", "tag did not answer");
    static final JsonObject ACTOR = new JsonObject().put("role", "patron").put("sub", "patron-1").put("jti", "t-1");
    static final JsonObject PLACE = new JsonObject().put("library", "DE-705").put("location", "main entrance");

    static List<BoxEvent> everyEvent() {
        List<BoxEvent> all = new ArrayList<>();
        for (Security s : Security.values()) {
            all.add(new Return("entrance-return", ITEM, s, "home", PLACE, s == Security.FAILED ? "the agent stopped" : null));
        }
        all.add(new Return("entrance-return", ITEM, Security.SET, null, new JsonObject(), null));
        for (Unidentified u : Unidentified.values()) {
            all.add(new UnidentifiedReturn("entrance-return", u, "home", u == Unidentified.NO_TAG ? null : "e004010000000003", "why"));
        }
        for (Mode m : Mode.values()) {
            for (Outcome o : Outcome.values()) {
                for (Occupancy c : Occupancy.values()) {
                    all.add(new SessionEnded("0f8fad5b-d9cb-469f-a165-70867728950e", "park-nest", "left", m, ACTOR,
                            o == Outcome.COMPLETED ? Instant.parse("2026-11-25T10:00:00Z") : null,
                            o == Outcome.COMPLETED ? Instant.parse("2026-11-25T10:00:30Z") : null, o,
                            new JsonArray().add(ITEM), new JsonArray().add(UNREAD), List.of("took_more_than_left"),
                            m == Mode.PICKUP ? "hold-7" : null, m == Mode.PICKUP || m == Mode.LOAD ? c : null,
                            m == Mode.BORROW ? new BoxEvent.SecurityWritten(3, List.of("e004010000000002")) : null));
                }
            }
        }
        for (Refusal r : Refusal.values()) {
            all.add(new ScanRejected("park-nest", r, "t-9", "patron-9"));
        }
        all.add(new ScanRejected("park-nest", Refusal.MALFORMED, null, null));
        for (AlarmKind k : AlarmKind.values()) {
            all.add(new Alarm(k, "park-nest", "left", true, "detail"));
            all.add(new Alarm(k, null, null, false, "detail"));
        }
        for (InventoryReason r : InventoryReason.values()) {
            all.add(new Inventory("park-nest", "left", r, new JsonArray().add(ITEM).add(UNREAD)));
        }
        for (Phase p : Phase.values()) {
            all.add(new Lifecycle(p, "1.2.3", "detail"));
        }
        return all;
    }

    @Test
    void everyEventTheBoxCanBuildFollowsTheContract() {
        List<BoxEvent> all = everyEvent();
        for (BoxEvent e : all) {
            EventContract.checkData(e.type(), EventJson.data(e));
        }
        assertEquals(EventContract.types(), new TreeSet<>(all.stream().map(BoxEvent::type).toList()), "every contract type is built");
    }

    @Test
    void everyRecordIsAContractType() {
        Set<String> records = new TreeSet<>(Arrays.stream(BoxEvent.class.getPermittedSubclasses()).map(Class::getSimpleName).toList());
        assertEquals(Set.of("Alarm", "Inventory", "Lifecycle", "Return", "ScanRejected", "SessionEnded", "UnidentifiedReturn"), records);
    }

    @Test
    void aNotedReturnReadsBackAsTheSameReturn() {
        Return noted = new Return("entrance-return", ITEM, null, "home", PLACE, null);
        assertEquals(noted, EventJson.returnOf(EventJson.data(noted)));
        Return secured = noted.secured(Security.NOT_SUPPORTED, null);
        assertEquals(secured, EventJson.returnOf(EventJson.data(secured)));
    }
}
