package org.bookbox.controller.uplink;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.bookbox.controller.port.BoxPort;
import org.bookbox.controller.port.Refused;
import org.bookbox.controller.store.JournalException;
import org.bookbox.controller.token.TokenState;
import org.tinylog.Logger;

/**
 * The backend's signed commands: checked (signature, audience, expiry on the last-known-good clock,
 * replay), bounded, carried out through the {@link BoxPort}, and answered with exactly one reply
 * each. Knows nothing of MQTT: a command is text in, replies come out through {@code replies}.
 */
final class CommandHandler {

    /** Longest wait an unlock command may ask for before the door relocks unopened. */
    static final int MAX_OPEN_WITHIN_S = 600;

    private final String deviceId;
    private final SignedMessages signed;
    private final TokenState tokens;
    private final BoxPort box;
    private final Executor replyOn;
    private final Consumer<JsonObject> replies;
    private final Runnable statusNow;

    /**
     * @param replyOn   where replies to commands that take time are handed over (the uplink's thread)
     * @param replies   takes each reply ({@code jti}, {@code ok}, {@code error}, {@code result})
     * @param statusNow publishes the status document again, for the {@code status} command
     */
    CommandHandler(String deviceId, SignedMessages signed, TokenState tokens, BoxPort box, Executor replyOn,
                   Consumer<JsonObject> replies, Runnable statusNow) {
        this.deviceId = deviceId;
        this.signed = signed;
        this.tokens = tokens;
        this.box = box;
        this.replyOn = replyOn;
        this.replies = replies;
        this.statusNow = statusNow;
    }

    void handle(String payload) {
        // the jti is read before the signature is checked, only to address the reply
        String jti = SignedMessages.unverifiedJti(payload);
        try {
            JsonObject claims = signed.verify(payload);
            jti = claims.getValue("jti") instanceof String j ? j : null;
            if (jti == null || jti.isEmpty() || jti.length() > 128) {
                throw new Refused("malformed", "jti is missing");
            }
            Object aud = claims.getValue("aud");
            boolean forUs = aud instanceof String s ? s.equals(deviceId) : aud instanceof JsonArray a && a.contains(deviceId);
            if (!forUs) {
                throw new Refused("wrong_audience", "for " + aud);
            }
            signed.requireUnexpired(claims);
            if (tokens.used("cmd:" + jti)) {
                throw new Refused("replayed", "jti " + jti + " was already executed");
            }
            tokens.remember("cmd:" + jti, claims.getLong("exp"));
            execute(jti, claims);
        } catch (Refused e) {
            Logger.warn("uplink: command refused: {}", e.getMessage());
            reply(jti, false, e.reason(), null);
        } catch (JournalException | RuntimeException e) {
            Logger.error("uplink: command failed: {}", e.getMessage());
            reply(jti, false, "internal_error", null);
        }
    }

    /** A command larger than the inbound limit: refused once, unread. */
    void tooLarge(long size, long limit) {
        reply(null, false, "too_large", new JsonObject().put("size", size).put("limit", limit));
    }

    private void execute(String jti, JsonObject claims) throws Refused {
        String cmd = claims.getValue("cmd") instanceof String c ? c : "";
        JsonObject args = claims.getValue("args") instanceof JsonObject a ? a : new JsonObject();
        CompletableFuture<JsonObject> result = switch (cmd) {
            case "unlock" -> unlock(jti, args);
            case "inventory" -> box.inventory(text(args, "unit"), args.getValue("door") instanceof String d ? d : null);
            case "status" -> {
                statusNow.run();
                yield CompletableFuture.completedFuture(box.status());
            }
            case "selftest" -> box.selftest(args.getValue("unit") instanceof String u ? u : null);
            default -> throw new Refused("unknown_command", "'" + cmd + "'");
        };
        result.whenComplete((value, failure) -> replyOn.execute(() -> {
            if (failure == null) {
                reply(jti, true, null, value);
            } else {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
                reply(jti, false, cause instanceof Refused r ? r.reason() : "internal_error", null);
            }
        }));
    }

    private CompletableFuture<JsonObject> unlock(String jti, JsonObject args) throws Refused {
        Object within = args.getValue("open_within_s");
        if (within != null && !(within instanceof Number n && n.doubleValue() >= 1 && n.doubleValue() <= MAX_OPEN_WITHIN_S)) {
            throw new Refused("bad_args", "args.open_within_s must be a number of seconds from 1 to " + MAX_OPEN_WITHIN_S);
        }
        JsonObject actor = args.getValue("actor") instanceof JsonObject a ? a.copy()
                : new JsonObject().put("role", "backend").put("sub", "backend");
        String mode = args.getValue("mode") instanceof String m ? m : "service";
        return box.unlock(text(args, "unit"), text(args, "door"), mode, actor.put("jti", jti),
                within instanceof Number n ? Duration.ofSeconds(n.longValue()) : null);
    }

    private static String text(JsonObject args, String key) throws Refused {
        if (!(args.getValue(key) instanceof String s) || s.isEmpty()) {
            throw new Refused("bad_args", "args." + key + " is missing");
        }
        return s;
    }

    private void reply(String jti, boolean ok, String error, JsonObject result) {
        replies.accept(new JsonObject().put("jti", jti).put("ok", ok).put("error", error).put("result", result == null ? new JsonObject() : result));
    }
}
