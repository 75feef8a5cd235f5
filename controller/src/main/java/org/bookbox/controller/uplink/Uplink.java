package org.bookbox.controller.uplink;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.bookbox.controller.config.AgentConfig;
import org.bookbox.controller.event.BoxEvent;
import org.bookbox.controller.journal.Journal;
import org.bookbox.controller.journal.OutgoingEvent;
import org.bookbox.controller.metrics.BoxMetrics;
import org.bookbox.controller.port.BoxPort;
import org.bookbox.controller.token.TokenState;
import org.bookbox.controller.trust.TrustedKeys;
import org.bookbox.drivers.part.Threads;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.tinylog.Logger;

/**
 * Carries the journal to the backend and the backend's commands back, per the MQTT contract. Put
 * together from its seams: the {@link BrokerSession} (connection, will, TLS, back-off), the
 * {@link Outbox} (journal to broker), the {@link CommandHandler} and its {@link Replies}, the
 * {@link RetainedDocuments} and the {@link StatusPublisher}. Housekeeping is not here: it runs in
 * the store whatever the uplink does.
 *
 * <p>Everything here runs on one thread of its own; nothing here ever waits on a door or a return.
 */
public final class Uplink implements AutoCloseable {

    /** The largest MQTT packet taken from the broker; commands and documents are a few KiB. */
    static final long MAX_INBOUND = 64 * 1024;
    /** The status is looked at this long after an event (events come in bursts: one look for the burst). */
    static final Duration STATUS_AFTER_EVENT = Duration.ofSeconds(1);
    /** The round for what changes without an event. */
    static final Duration SLOW_ROUND = Duration.ofSeconds(10);

    private final AtomicBoolean statusQueued = new AtomicBoolean();
    private final Topics topics;
    private final ScheduledExecutorService thread;
    /** Acknowledgements are written apart, so that an fsync never holds up publishing. */
    private final ExecutorService ackWriter;
    private final BrokerSession session;
    private final Outbox outbox;
    private final Replies replies;
    private final CommandHandler commands;
    private final RetainedDocuments documents;
    private final StatusPublisher status;

    /**
     * @param box    what commands act on
     * @param record records an event (a stored configuration's {@code lifecycle} event)
     */
    public Uplink(AgentConfig config, Journal journal, TokenState tokens, TrustedKeys keys, BoxPort box,
                  Consumer<BoxEvent> record, Clock clock, Random random) {
        this(config, journal, tokens, keys, box, record, clock, random, Threads.PLATFORM, Optional.empty());
    }

    /**
     * @param threads   what the uplink's own two threads are
     * @param scheduler a fleet's scheduler for the MQTT client's loops and pings, or empty for the client's own threads
     */
    public Uplink(AgentConfig config, Journal journal, TokenState tokens, TrustedKeys keys, BoxPort box,
                  Consumer<BoxEvent> record, Clock clock, Random random, Threads threads, Optional<ScheduledExecutorService> scheduler) {
        this.topics = new Topics(config.consortiumId(), config.deviceId());
        this.thread = Executors.newSingleThreadScheduledExecutor(threads.named("uplink-" + config.deviceId()));
        this.ackWriter = Executors.newSingleThreadExecutor(threads.named("uplink-acks-" + config.deviceId()));
        AgentConfig.Uplink settings = config.uplink();
        this.session = new BrokerSession(config, topics, thread, new Backoff(settings.reconnectMin(), settings.reconnectMax(), random),
                clock, MAX_INBOUND, scheduler);
        Topics.EventTopics eventTopics = new Topics.EventTopics(topics);
        this.outbox = new Outbox(journal, config.source(), settings.maxInflight(), new Outbox.Sender() {
            @Override
            public boolean ready() {
                return session.connected();
            }

            @Override
            public int generation() {
                return session.generation();
            }

            @Override
            public void send(OutgoingEvent e, BrokerSession.Delivery delivery) throws MqttException {
                session.publish(eventTopics.of(e.type()), e.payload(), false, delivery);
            }
        }, thread, ackWriter);
        SignedMessages signed = new SignedMessages(keys, clock, tokens::lastKnownGood);
        this.replies = new Replies(journal, session, topics, thread);
        this.status = new StatusPublisher(session, topics, box::status);
        this.commands = new CommandHandler(config.deviceId(), signed, tokens, box, thread, replies::send, status::republish);
        this.documents = new RetainedDocuments(signed, tokens, record);
        session.listen(new BrokerSession.Listener() {
            @Override
            public void connected() {
                status.republish();
                replies.connected();
                outbox.pump();
            }

            @Override
            public void lost() {
                outbox.lost();
            }

            @Override
            public void arrived(String topic, String payload) {
                Uplink.this.arrived(topic, payload);
            }

            @Override
            public void tooLarge(String topic, long size) {
                Uplink.this.tooLarge(topic, size);
            }
        });
    }

    public void start() {
        thread.execute(() -> {
            outbox.start();
            session.connect();
        });
        // no polling while nothing happens: acknowledgements are written when PUBACKs come, the status
        // looked at soon after an event; these slow rounds catch what changes without an event (a door
        // opened, a reply whose publish failed)
        thread.scheduleWithFixedDelay(Guard.of(status::publishIfChanged), SLOW_ROUND.toSeconds(), SLOW_ROUND.toSeconds(), TimeUnit.SECONDS);
        thread.scheduleWithFixedDelay(Guard.of(replies::publishPending), SLOW_ROUND.toSeconds(), SLOW_ROUND.toSeconds(), TimeUnit.SECONDS);
    }

    /** Counts publishes and times their PUBACKs into the box's metrics. */
    public void measure(BoxMetrics into) {
        outbox.measure(into);
    }

    /** A new event is in the journal: publish it if the window allows, and the status a moment later. */
    public void wake() {
        try {
            thread.execute(outbox::pump);
            if (statusQueued.compareAndSet(false, true)) {
                thread.schedule(() -> {
                    statusQueued.set(false);
                    Guard.of(status::publishIfChanged).run();
                }, STATUS_AFTER_EVENT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (RejectedExecutionException e) {
            // closed: the event stays in the journal and goes out after the next start
        }
    }

    /** When each connection was made (for measuring how reconnects spread). */
    public List<Instant> connects() {
        return session.connects();
    }

    public boolean connected() {
        return session.connected();
    }

    /**
     * Whether the uplink answers: its thread runs a task within {@code wait}, and no connection attempt
     * has hung (a stuck Paho connect). Empty when it answers; what is stuck otherwise.
     */
    public Optional<String> stuck(Duration wait) {
        Optional<String> hung = session.stuck(Duration.ofSeconds(60));
        if (hung.isPresent()) {
            return hung;
        }
        CompletableFuture<Void> ran = new CompletableFuture<>();
        try {
            thread.execute(() -> ran.complete(null));
            ran.get(wait.toMillis(), TimeUnit.MILLISECONDS);
            return Optional.empty();
        } catch (Exception e) {
            return Optional.of("the uplink's thread did not answer within " + wait.toMillis() + " ms");
        }
    }

    /** Connected or not, since when, and why not. */
    public UplinkState state() {
        return session.state();
    }

    /** Event PUBACKs received since start (a repeat after a reconnect counts again). */
    public long pubacks() {
        return outbox.pubacks();
    }

    private void arrived(String topic, String payload) {
        if (topic.equals(topics.command())) {
            commands.handle(payload);
        } else if (topic.equals(topics.config())) {
            documents.arrived("config", payload);
        } else if (topic.equals(topics.revocations())) {
            documents.arrived("revocations", payload);
        }
    }

    /** A message over {@link #MAX_INBOUND}: refused with a reply where it was a command, logged where a document. */
    private void tooLarge(String topic, long size) {
        Logger.warn("uplink: a message of {} bytes on {} refused (the limit is {})", size, topic, MAX_INBOUND);
        if (topic.equals(topics.command())) {
            commands.tooLarge(size, MAX_INBOUND);
        }
    }

    /** Stops: acknowledgements stored, the client disconnected cleanly (so no will is published for a clean stop). */
    @Override
    public void close() {
        try {
            thread.submit(() -> {
                outbox.flushAcks();
                outbox.awaitAckWrites();
                session.close();
            }).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            Logger.warn("uplink did not close cleanly: {}", e.getMessage());
        }
        thread.shutdownNow();
        ackWriter.shutdown();
    }
}
