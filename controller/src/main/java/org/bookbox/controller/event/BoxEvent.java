package org.bookbox.controller.event;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The contract's events (docs/asyncapi.yaml), one record each: what the box records and the backend
 * receives. Everything that records an event builds one of these; {@link EventJson} is their one
 * serializer. Items are the contract's item objects, made by {@code Items} from what a tag said.
 */
public sealed interface BoxEvent {

    /** The contract's event type, as the topic and the CloudEvents type carry it. */
    String type();

    /** What a return's security write came to. */
    enum Security {
        SET, FAILED, NOT_SUPPORTED;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Why something through the chute is no return. */
    enum Unidentified {
        NO_TAG, UNREADABLE, BAD_DATA;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Why the shelves were counted. */
    enum InventoryReason {
        BOOT, REQUESTED, PERIODIC, AFTER_SESSION;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A moment in the agent's life. */
    enum Phase {
        BOOT, SHUTDOWN, PROVISIONED, CONFIG_APPLIED;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * A book through a drop box's chute.
     *
     * @param security null while the return is only noted (before its security write)
     * @param place    the box's {@code library} and {@code location}
     * @param detail   why security is unconfirmed, or null
     */
    record Return(String unit, JsonObject item, Security security, String bin, JsonObject place, String detail) implements BoxEvent {
        @Override
        public String type() {
            return "return";
        }

        public Return secured(Security s, String why) {
            return new Return(unit, item, s, bin, place, why);
        }
    }

    /** @param uid the tag's UID where there was a tag, or null */
    record UnidentifiedReturn(String unit, Unidentified reason, String bin, String uid, String detail) implements BoxEvent {
        @Override
        public String type() {
            return "return.unidentified";
        }
    }

    /**
     * A door session that ended.
     *
     * @param hold        a pickup's hold id, or null
     * @param compartment what a pickup or load left in the compartment, or null for other modes
     * @param security    the tag security the session wrote, or null where it wrote none
     */
    record SessionEnded(String session, String unit, String door, Mode mode, JsonObject actor, Instant openedAt, Instant closedAt,
                        Outcome outcome, JsonArray taken, JsonArray left, List<String> violations, String hold, Occupancy compartment,
                        SecurityWritten security)
            implements BoxEvent {
        @Override
        public String type() {
            return "session";
        }
    }

    /** Tag security a session wrote: how many tags, and the UIDs whose write failed. */
    record SecurityWritten(int written, List<String> failed) {
    }

    /** @param jti the code's id where it could be read, or null; {@code sub} likewise */
    record ScanRejected(String unit, Refusal reason, String jti, String sub) implements BoxEvent {
        @Override
        public String type() {
            return "scan.rejected";
        }
    }

    /** @param unit null for alarms of the whole device; {@code door} null for alarms of a whole unit */
    record Alarm(AlarmKind kind, String unit, String door, boolean active, String detail) implements BoxEvent {
        @Override
        public String type() {
            return "alarm";
        }
    }

    record Inventory(String unit, String door, InventoryReason reason, JsonArray items) implements BoxEvent {
        @Override
        public String type() {
            return "inventory";
        }
    }

    /** @param version the agent's version; for {@code config_applied} the configuration's */
    record Lifecycle(Phase phase, String version, String detail) implements BoxEvent {
        @Override
        public String type() {
            return "lifecycle";
        }
    }
}
