package org.bookbox.controller.uplink;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.bookbox.controller.config.AgentConfig;
import org.bookbox.controller.journal.EventTime;
import org.bookbox.controller.journal.Journal;
import org.bookbox.controller.journal.JournalException;
import org.bookbox.controller.journal.OutgoingEvent;
import org.bookbox.controller.token.TokenState;
import org.bookbox.controller.trust.TrustedKeys;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.tinylog.Logger;

/**
 * Carries the journal to the backend and the backend's commands back, per the MQTT contract.
 *
 * <p>The journal is the outbox: events are published in {@code seq} order at QoS 1, at most
 * {@code max_inflight} awaiting their PUBACK, and each is marked acknowledged only when its PUBACK
 * arrives. After any disconnect or restart publishing resumes from the first unacknowledged event,
 * with the ids it was recorded with, so the backend may see an event twice but never under two ids.
 * Each connection is a fresh client (clean session false, so the broker keeps the subscriptions and
 * the commands queued while the box was away); reconnects back off exponentially with full jitter.
 *
 * <p>Everything here runs on one thread of its own; nothing here ever waits on a door or a return.
 */
public final class Uplink implements AutoCloseable {

    private static final int BATCH = 1000;
    /** The largest MQTT packet taken from the broker; commands and documents are a few KiB. */
    static final long MAX_INBOUND = 64 * 1024;
    /** Longest wait an unlock command may ask for before the door relocks unopened. */
    static final int MAX_OPEN_WITHIN_S = 600;
    /** Highest document version taken: the largest whole number JSON carries exactly (2^53 - 1). */
    static final long MAX_DOCUMENT_VERSION = 9_007_199_254_740_991L;

    private final AgentConfig config;
    private final AgentConfig.Uplink settings;
    private final Journal journal;
    private final TokenState tokens;
    private final CommandTarget target;
    private final Clock clock;
    private final Random random;
    private final Topics topics;
    private final SignedMessages signed;
    private final ScheduledExecutorService thread;
    /** Acknowledgements are written apart, so that an fsync never holds up publishing. */
    private final ExecutorService ackWriter;
    private final ArrayDeque<OutgoingEvent> buffer = new ArrayDeque<>();
    private final List<Long> acked = new ArrayList<>();
    private final List<Instant> connects = new CopyOnWriteArrayList<>();

    private MqttAsyncClient client;
    private volatile int generation;
    private boolean connected;
    private boolean closed;
    private int attempt;
    /** Publishes awaiting their PUBACK; PUBACKs count down on Paho's thread. */
    private final AtomicInteger inflight = new AtomicInteger();
    private final ConcurrentLinkedQueue<Long> pubacks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean pumpQueued = new AtomicBoolean();
    private final AtomicLong pubackCount = new AtomicLong();
    private long nextSeq;
    /** Journaled replies published and awaiting their PUBACK, by their place in the order. */
    private final Set<Long> repliesInFlight = new HashSet<>();
    private String lastStatus;

    public Uplink(AgentConfig config, Journal journal, TokenState tokens, TrustedKeys keys, CommandTarget target, Clock clock, Random random) {
        this.config = config;
        this.settings = config.uplink();
        this.journal = journal;
        this.tokens = tokens;
        this.target = target;
        this.clock = clock;
        this.random = random;
        this.topics = new Topics(config.consortiumId(), config.deviceId());
        this.signed = new SignedMessages(keys, clock, tokens::lastKnownGood);
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "uplink-" + config.deviceId());
            t.setDaemon(true);
            return t;
        });
        this.ackWriter = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "uplink-acks-" + config.deviceId());
            t.setDaemon(true);
            return t;
        });
    }

    public void start() {
        thread.execute(() -> {
            nextSeq = firstUnacknowledged();
            connect();
        });
        thread.scheduleWithFixedDelay(guard(this::flushAcks), 100, 100, TimeUnit.MILLISECONDS);
        thread.scheduleWithFixedDelay(guard(this::publishStatusIfChanged), 1, 1, TimeUnit.SECONDS);
        thread.scheduleWithFixedDelay(guard(this::publishReplies), 1, 1, TimeUnit.SECONDS);
    }

    /** A new event is in the journal: publish it if the window allows. */
    public void wake() {
        try {
            thread.execute(this::pump);
        } catch (RejectedExecutionException e) {
            // closed: the event stays in the journal and goes out after the next start
        }
    }

    /** When each connection was made (for measuring how reconnects spread). */
    public List<Instant> connects() {
        return List.copyOf(connects);
    }

    public boolean connected() {
        return connected;
    }

    /** Event PUBACKs received since start (a repeat after a reconnect counts again). */
    public long pubacks() {
        return pubackCount.get();
    }

    // ---- connection --------------------------------------------------------------------------

    private void connect() {
        if (closed) {
            return;
        }
        int gen = ++generation;
        try {
            client = new MqttAsyncClient(config.brokerUrl().toString(), config.deviceId(), new MemoryPersistence());
            MqttConnectOptions o = new MqttConnectOptions();
            o.setCleanSession(false);
            o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
            o.setKeepAliveInterval(settings.keepAliveSeconds());
            o.setMaxInflight(settings.maxInflight() + 16);
            o.setAutomaticReconnect(false);
            o.setConnectionTimeout(10);
            o.setWill(topics.status(), "{\"online\": false}".getBytes(StandardCharsets.UTF_8), 1, true);
            // every socket reads through InboundLimit: no message from the broker is ever larger than MAX_INBOUND in memory
            o.setSocketFactory(config.tlsFiles().isPresent()
                    ? LimitedSockets.tls(TlsFiles.socketFactory(config.tlsFiles().get()), MAX_INBOUND)
                    : LimitedSockets.plain(MAX_INBOUND));
            MqttAsyncClient c = client;
            c.setCallback(new MqttCallback() {
                @Override
                public void connectionLost(Throwable cause) {
                    thread.execute(() -> lost(gen, cause));
                }

                @Override
                public void messageArrived(String topic, MqttMessage message) {
                    long size = InboundLimit.oversized(message.getPayload());
                    if (size >= 0) {
                        // returning acknowledges it: refused once, never redelivered
                        thread.execute(guard(() -> tooLarge(topic, size)));
                        return;
                    }
                    String payload = new String(message.getPayload(), StandardCharsets.UTF_8);
                    thread.execute(guard(() -> arrived(topic, payload)));
                }

                @Override
                public void deliveryComplete(IMqttDeliveryToken token) {
                    // each publish has its own listener
                }
            });
            c.connect(o, null, new IMqttActionListener() {
                @Override
                public void onSuccess(IMqttToken t) {
                    thread.execute(() -> connected(gen));
                }

                @Override
                public void onFailure(IMqttToken t, Throwable e) {
                    thread.execute(() -> lost(gen, e));
                }
            });
        } catch (Exception e) {
            lost(gen, e);
        }
    }

    private void connected(int gen) {
        if (gen != generation || closed) {
            return;
        }
        connected = true;
        attempt = 0;
        connects.add(clock.instant());
        Logger.info("uplink {} connected to {}", config.deviceId(), config.brokerUrl());
        try {
            client.subscribe(new String[] {topics.command(), topics.config(), topics.revocations()}, new int[] {1, 1, 1});
        } catch (MqttException e) {
            Logger.warn("uplink: subscribe failed: {}", e.getMessage());
        }
        lastStatus = null;
        publishStatusIfChanged();
        repliesInFlight.clear();
        publishReplies();
        pump();
    }

    private void lost(int gen, Throwable cause) {
        if (gen != generation || closed) {
            return;
        }
        if (connected) {
            Logger.warn("uplink {} lost the broker: {}", config.deviceId(), cause == null ? "closed" : cause.getMessage());
        } else if (attempt == 0) {
            Logger.warn("uplink {} cannot reach {}: {}", config.deviceId(), config.brokerUrl(), reason(cause));
        }
        connected = false;
        inflight.set(0);
        flushAcks();
        awaitAckWrites();
        buffer.clear();
        nextSeq = firstUnacknowledged();
        MqttAsyncClient old = client;
        client = null;
        generation++;
        closeQuietly(old);
        // full jitter: a uniform wait below an exponentially growing cap, so a fleet does not return at once
        long cap = Math.min(settings.reconnectMax().toMillis(), settings.reconnectMin().toMillis() << Math.min(attempt, 20));
        attempt++;
        long wait = random.nextLong(cap + 1);
        thread.schedule(this::connect, wait, TimeUnit.MILLISECONDS);
    }

    // ---- outbox ------------------------------------------------------------------------------

    /** Queues one pump for all the PUBACKs that came in meanwhile: no hop per message. */
    private void schedulePump() {
        if (pumpQueued.compareAndSet(false, true)) {
            thread.execute(() -> {
                pumpQueued.set(false);
                pump();
            });
        }
    }

    private void pump() {
        for (Long seq = pubacks.poll(); seq != null; seq = pubacks.poll()) {
            acked.add(seq);
        }
        if (acked.size() >= BATCH) {
            flushAcks();
        }
        while (connected && inflight.get() < settings.maxInflight()) {
            if (buffer.isEmpty()) {
                try {
                    buffer.addAll(journal.outgoingAfter(nextSeq - 1, BATCH, config.source()));
                } catch (JournalException e) {
                    Logger.error("uplink: cannot read the journal: {}", e.getMessage());
                    return;
                }
                if (buffer.isEmpty()) {
                    return;
                }
            }
            OutgoingEvent e = buffer.pollFirst();
            byte[] payload = e.payload();
            int gen = generation;
            try {
                client.publish(topics.event(e.type()), payload, 1, false, null, new IMqttActionListener() {
                    @Override
                    public void onSuccess(IMqttToken t) {
                        pubacks.add(e.seq());
                        pubackCount.incrementAndGet();
                        if (gen == generation) {
                            inflight.decrementAndGet();
                        }
                        schedulePump();
                    }

                    @Override
                    public void onFailure(IMqttToken t, Throwable ex) {
                        // the connection is going; lost() resumes from the first unacknowledged event
                    }
                });
                inflight.incrementAndGet();
                nextSeq = e.seq() + 1;
            } catch (MqttException ex) {
                buffer.addFirst(e);
                if (ex.getReasonCode() == MqttException.REASON_CODE_MAX_INFLIGHT) {
                    thread.schedule(this::pump, 5, TimeUnit.MILLISECONDS);
                }
                return;
            }
        }
    }

    private void flushAcks() {
        for (Long seq = pubacks.poll(); seq != null; seq = pubacks.poll()) {
            acked.add(seq);
        }
        if (acked.isEmpty()) {
            return;
        }
        List<Long> batch = new ArrayList<>(acked);
        acked.clear();
        pendingAckWrite = ackWriter.submit(() -> {
            try {
                journal.acknowledge(batch);
            } catch (JournalException e) {
                Logger.error("uplink: acknowledgements not stored (those events will be sent again): {}", e.getMessage());
            }
        });
    }

    /** Waits for acknowledgements handed to the writer, before reading where to resume. */
    private void awaitAckWrites() {
        try {
            pendingAckWrite.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            Logger.warn("uplink: acknowledgements still being written: {}", e.getMessage());
        }
    }

    private Future<?> pendingAckWrite = CompletableFuture.completedFuture(null);

    private long firstUnacknowledged() {
        try {
            return journal.firstUnacknowledged();
        } catch (JournalException e) {
            Logger.error("uplink: cannot read the journal: {}", e.getMessage());
            return Long.MAX_VALUE;
        }
    }

    // ---- status ------------------------------------------------------------------------------

    /** Publishes the retained status when it changed (the clock alone is no change); at most once a tick. */
    private void publishStatusIfChanged() {
        if (!connected) {
            return;
        }
        JsonObject status = target.status();
        String comparable = status.copy().put("time", "").encode();
        if (comparable.equals(lastStatus)) {
            return;
        }
        try {
            client.publish(topics.status(), status.encode().getBytes(StandardCharsets.UTF_8), 1, true);
            lastStatus = comparable;
        } catch (MqttException e) {
            Logger.warn("uplink: status not published: {}", e.getMessage());
        }
    }

    // ---- backend -> device -------------------------------------------------------------------

    private void arrived(String topic, String payload) {
        if (topic.equals(topics.command())) {
            command(payload);
        } else if (topic.equals(topics.config())) {
            document("config", payload);
        } else if (topic.equals(topics.revocations())) {
            document("revocations", payload);
        }
    }

    /** A message over {@link #MAX_INBOUND}: refused with a reply where it was a command, logged where a document. */
    private void tooLarge(String topic, long size) {
        Logger.warn("uplink: a message of {} bytes on {} refused (the limit is {})", size, topic, MAX_INBOUND);
        if (topic.equals(topics.command())) {
            reply(null, false, "too_large", new JsonObject().put("size", size).put("limit", MAX_INBOUND));
        }
    }

    private void command(String payload) {
        // the jti is read before the signature is checked, only to address the reply
        String jti = SignedMessages.unverifiedJti(payload);
        try {
            JsonObject claims = signed.verify(payload);
            jti = claims.getValue("jti") instanceof String j ? j : null;
            if (jti == null || jti.isEmpty() || jti.length() > 128) {
                throw new CommandException("malformed", "jti is missing");
            }
            Object aud = claims.getValue("aud");
            boolean forUs = aud instanceof String s ? s.equals(config.deviceId())
                    : aud instanceof JsonArray a && a.contains(config.deviceId());
            if (!forUs) {
                throw new CommandException("wrong_audience", "for " + aud);
            }
            signed.requireUnexpired(claims);
            if (tokens.used("cmd:" + jti)) {
                throw new CommandException("replayed", "jti " + jti + " was already executed");
            }
            tokens.remember("cmd:" + jti, claims.getLong("exp"));
            execute(jti, claims);
        } catch (CommandException e) {
            Logger.warn("uplink: command refused: {}", e.getMessage());
            reply(jti, false, e.reason(), null);
        } catch (JournalException | RuntimeException e) {
            Logger.error("uplink: command failed: {}", e.getMessage());
            reply(jti, false, "internal_error", null);
        }
    }

    private void execute(String jti, JsonObject claims) throws CommandException {
        String cmd = claims.getValue("cmd") instanceof String c ? c : "";
        JsonObject args = claims.getValue("args") instanceof JsonObject a ? a : new JsonObject();
        CompletableFuture<JsonObject> result = switch (cmd) {
            case "unlock" -> {
                Object within = args.getValue("open_within_s");
                if (within != null && !(within instanceof Number n && n.doubleValue() >= 1 && n.doubleValue() <= MAX_OPEN_WITHIN_S)) {
                    throw new CommandException("bad_args", "args.open_within_s must be a number of seconds from 1 to " + MAX_OPEN_WITHIN_S);
                }
                JsonObject actor = args.getValue("actor") instanceof JsonObject a ? a
                        : new JsonObject().put("role", "backend").put("sub", "backend").put("jti", jti);
                yield target.unlock(text(args, "unit"), text(args, "door"), args.getString("mode", "service"), actor.put("jti", jti),
                        within instanceof Number n ? Duration.ofSeconds(n.longValue()) : null);
            }
            case "inventory" -> target.inventory(text(args, "unit"), args.getString("door"));
            case "status" -> {
                lastStatus = null;
                publishStatusIfChanged();
                yield CompletableFuture.completedFuture(target.status());
            }
            case "selftest" -> target.selftest(args.getString("unit"));
            default -> throw new CommandException("unknown_command", "'" + cmd + "'");
        };
        result.whenComplete((value, failure) -> thread.execute(() -> {
            if (failure == null) {
                reply(jti, true, null, value);
            } else {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
                reply(jti, false, cause instanceof CommandException c ? c.reason() : "internal_error", null);
            }
        }));
    }

    private static String text(JsonObject args, String key) throws CommandException {
        if (!(args.getValue(key) instanceof String s) || s.isEmpty()) {
            throw new CommandException("bad_args", "args." + key + " is missing");
        }
        return s;
    }

    /**
     * A command's reply is journaled first, then sent: one due while the broker is away, or when the
     * agent dies before its PUBACK, goes out later with the same id.
     */
    private void reply(String jti, boolean ok, String error, JsonObject result) {
        JsonObject r = new JsonObject().put("jti", jti).put("ok", ok).put("error", error).put("result", result == null ? new JsonObject() : result);
        try {
            journal.addReply(r);
        } catch (JournalException e) {
            // not kept (a full disk): sent once now if the broker is there, as before replies were journaled
            Logger.error("uplink: reply to {} not journaled: {}", jti, e.getMessage());
            if (connected) {
                try {
                    client.publish(topics.reply(), r.encode().getBytes(StandardCharsets.UTF_8), 1, false);
                } catch (MqttException ex) {
                    Logger.warn("uplink: reply to {} not sent: {}", jti, ex.getMessage());
                }
            }
            return;
        }
        publishReplies();
    }

    /** Sends every journaled reply not already on its way, oldest first; each is forgotten on its PUBACK. */
    private void publishReplies() {
        if (!connected) {
            return;
        }
        List<Journal.PendingReply> pending;
        try {
            pending = journal.pendingReplies();
        } catch (JournalException e) {
            Logger.error("uplink: replies not read: {}", e.getMessage());
            return;
        }
        int gen = generation;
        for (Journal.PendingReply r : pending) {
            if (!repliesInFlight.add(r.n())) {
                continue;
            }
            try {
                client.publish(topics.reply(), r.payload().getBytes(StandardCharsets.UTF_8), 1, false, null, new IMqttActionListener() {
                    @Override
                    public void onSuccess(IMqttToken t) {
                        thread.execute(() -> {
                            try {
                                journal.replyAcknowledged(r.n());
                            } catch (JournalException e) {
                                Logger.warn("uplink: reply {} acknowledged but still kept: {}", r.n(), e.getMessage());
                            }
                            repliesInFlight.remove(r.n());
                        });
                    }

                    @Override
                    public void onFailure(IMqttToken t, Throwable e) {
                        thread.execute(() -> repliesInFlight.remove(r.n()));
                    }
                });
            } catch (MqttException e) {
                repliesInFlight.remove(r.n());
                Logger.warn("uplink: reply {} not sent now: {}", r.n(), e.getMessage());
                return;
            }
        }
    }

    /** A retained, signed, versioned document: applied and stored when newer than the one stored. */
    private void document(String name, String payload) {
        if (payload.isBlank()) {
            return; // a cleared retained message
        }
        try {
            JsonObject doc = signed.verify(payload);
            if (!(doc.getValue("version") instanceof Number v)) {
                throw new CommandException("malformed", name + " has no version");
            }
            if (!(v.doubleValue() >= 1 && v.doubleValue() <= MAX_DOCUMENT_VERSION && v.doubleValue() == Math.rint(v.doubleValue()))) {
                // a version past every later one (1e30 read as Long.MAX) would shut out every later document for good
                throw new CommandException("malformed", name + " version " + v + " is not a whole number from 1 to " + MAX_DOCUMENT_VERSION);
            }
            long version = v.longValue();
            if (name.equals("revocations")) {
                Set<String> subs = strings(doc.getValue("sub"));
                Set<String> jtis = strings(doc.getValue("jti"));
                if (tokens.applyRevocations(version, doc.getValue("iat") instanceof Number i ? i.longValue() : null, subs, jtis)) {
                    tokens.storeDocument(name, version, payload);
                    Logger.info("uplink: revocation list version {} applied ({} subs, {} jtis)", version, subs.size(), jtis.size());
                }
                return;
            }
            if (version <= tokens.documentVersion(name)) {
                return;
            }
            tokens.storeDocument(name, version, payload);
            target.record("lifecycle", new JsonObject().put("phase", "config_applied").put("version", String.valueOf(version))
                    .put("detail", "configuration version " + version + " stored"));
        } catch (CommandException e) {
            Logger.warn("uplink: {} document refused: {}", name, e.getMessage());
        } catch (JournalException e) {
            Logger.error("uplink: {} document not stored: {}", name, e.getMessage());
        }
    }

    private static Set<String> strings(Object value) throws CommandException {
        Set<String> out = new HashSet<>();
        if (value == null) {
            return out;
        }
        if (!(value instanceof JsonArray a)) {
            throw new CommandException("malformed", "revocation list entries must be lists");
        }
        for (Object o : a) {
            out.add(String.valueOf(o));
        }
        return out;
    }

    // ---- plumbing ----------------------------------------------------------------------------

    private Runnable guard(Runnable r) {
        return () -> {
            try {
                r.run();
            } catch (RuntimeException e) {
                Logger.error(e, "uplink task failed");
            }
        };
    }

    /** The innermost cause: Paho wraps TLS and socket errors. */
    private static String reason(Throwable t) {
        Throwable inner = t;
        while (inner != null && inner.getCause() != null && inner.getCause() != inner) {
            inner = inner.getCause();
        }
        return inner == null ? "closed" : inner.getClass().getSimpleName() + ": " + inner.getMessage();
    }

    private static void closeQuietly(MqttAsyncClient c) {
        if (c == null) {
            return;
        }
        try {
            c.disconnectForcibly(0, 100, false);
        } catch (MqttException ignored) {
            // already gone
        }
        try {
            c.close(true);
        } catch (MqttException ignored) {
            // already closed
        }
    }

    /** Stops: acknowledgements stored, the client disconnected cleanly (so no will is published for a clean stop). */
    @Override
    public void close() {
        try {
            thread.submit(() -> {
                closed = true;
                flushAcks();
                awaitAckWrites();
                if (client != null) {
                    try {
                        if (connected) {
                            client.publish(topics.status(), "{\"online\": false}".getBytes(StandardCharsets.UTF_8), 1, true)
                                    .waitForCompletion(2000);
                            client.disconnect(1000).waitForCompletion(2000);
                        }
                    } catch (MqttException e) {
                        Logger.warn("uplink: clean disconnect failed: {}", e.getMessage());
                    }
                    closeQuietly(client);
                }
            }).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            Logger.warn("uplink did not close cleanly: {}", e.getMessage());
        }
        thread.shutdownNow();
        ackWriter.shutdown();
    }

    static String now(Clock clock) {
        return EventTime.format(clock.instant());
    }
}
