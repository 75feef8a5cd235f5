package org.bookbox.controller.uplink;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import org.bookbox.controller.journal.Journal;
import org.bookbox.controller.journal.ReplyQueue;
import org.bookbox.controller.store.JournalException;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.tinylog.Logger;

/**
 * Replies to commands, journaled first and then sent: one due while the broker is away, or when
 * the agent dies before its PUBACK, goes out later with the same id. Runs on the uplink's thread.
 */
final class Replies {

    private final Journal journal;
    private final BrokerSession session;
    private final Topics topics;
    private final Executor thread;
    /** Journaled replies published and awaiting their PUBACK, by their place in the order. */
    private final Set<Long> inFlight = new HashSet<>();

    Replies(Journal journal, BrokerSession session, Topics topics, Executor thread) {
        this.journal = journal;
        this.session = session;
        this.topics = topics;
        this.thread = thread;
    }

    void send(JsonObject reply) {
        try {
            journal.replies().add(reply);
        } catch (JournalException e) {
            // not kept (a full disk): sent once now if the broker is there
            Logger.error("uplink: reply to {} not journaled: {}", reply.getValue("jti"), e.getMessage());
            try {
                session.publish(topics.reply(), reply.encode().getBytes(StandardCharsets.UTF_8), false, null);
            } catch (MqttException ex) {
                Logger.warn("uplink: reply to {} not sent: {}", reply.getValue("jti"), ex.getMessage());
            }
            return;
        }
        publishPending();
    }

    /** A new connection: whatever was in flight on the old one goes again. */
    void connected() {
        inFlight.clear();
        publishPending();
    }

    /** Sends every journaled reply not already on its way, oldest first; each is forgotten on its PUBACK. */
    void publishPending() {
        if (!session.connected()) {
            return;
        }
        List<ReplyQueue.PendingReply> pending;
        try {
            pending = journal.replies().pending();
        } catch (JournalException e) {
            Logger.error("uplink: replies not read: {}", e.getMessage());
            return;
        }
        for (ReplyQueue.PendingReply r : pending) {
            if (!inFlight.add(r.n())) {
                continue;
            }
            try {
                session.publish(topics.reply(), r.payload().getBytes(StandardCharsets.UTF_8), false, new BrokerSession.Delivery() {
                    @Override
                    public void acknowledged() {
                        thread.execute(() -> forget(r.n()));
                    }

                    @Override
                    public void failed() {
                        thread.execute(() -> inFlight.remove(r.n()));
                    }
                });
            } catch (MqttException e) {
                inFlight.remove(r.n());
                Logger.warn("uplink: reply {} not sent now: {}", r.n(), e.getMessage());
                return;
            }
        }
    }

    private void forget(long n) {
        try {
            journal.replies().acknowledged(n);
        } catch (JournalException e) {
            Logger.warn("uplink: reply {} acknowledged but still kept: {}", n, e.getMessage());
        }
        inFlight.remove(n);
    }
}
