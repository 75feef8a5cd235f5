package org.bookbox.controller.uplink;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The contract's topics for one device. */
public record Topics(String consortium, String device) {

    String base() {
        return "consortium/" + consortium + "/device/" + device + "/";
    }

    public String event(String type) {
        return base() + "event/" + type;
    }

    /** The event topics of a device, made once per type: the outbox asks for one per publish. */
    public static final class EventTopics {
        private final Topics topics;
        private final Map<String, String> byType = new ConcurrentHashMap<>();

        public EventTopics(Topics topics) {
            this.topics = topics;
        }

        public String of(String type) {
            return byType.computeIfAbsent(type, topics::event);
        }
    }

    public String status() {
        return base() + "status";
    }

    public String command() {
        return base() + "command";
    }

    public String reply() {
        return base() + "reply";
    }

    public String config() {
        return base() + "config";
    }

    public String revocations() {
        return "consortium/" + consortium + "/revocations";
    }
}
