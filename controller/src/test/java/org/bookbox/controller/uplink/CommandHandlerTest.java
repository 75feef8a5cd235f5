package org.bookbox.controller.uplink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.bookbox.controller.port.BoxPort;
import org.bookbox.controller.port.Refused;
import org.bookbox.controller.token.TokenState;
import org.bookbox.controller.trust.TrustedKeys;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The backend's command rules without a broker: signed commands in as text, replies out, the box
 * behind its port. tokens.db is a real SQLite file (replay protection survives in it).
 */
class CommandHandlerTest {

    static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    static final String DEVICE = "box-7";

    @TempDir
    Path dir;
    KeyPair backend;
    TokenState tokens;
    CommandHandler handler;
    final List<JsonObject> replies = new ArrayList<>();
    final List<String> asked = new ArrayList<>();
    int statusPublished;

    /** The box behind the port: answers as a nest with one unit, "nest", and one door, "left". */
    final BoxPort box = new BoxPort() {
        @Override
        public JsonObject status() {
            return new JsonObject().put("online", true);
        }

        @Override
        public JsonArray events(long afterSeq, int limit) {
            return new JsonArray();
        }

        @Override
        public CompletableFuture<JsonObject> unlock(String unit, String door, String mode, JsonObject actor, Duration openWithin) {
            asked.add("unlock " + unit + "/" + door + " " + mode + " " + actor.encode() + " " + openWithin);
            return unit.equals("nest") && door.equals("left")
                    ? CompletableFuture.completedFuture(new JsonObject().put("session", "s-1"))
                    : CompletableFuture.failedFuture(new Refused("not_found", "no door '" + door + "'"));
        }

        @Override
        public CompletableFuture<JsonObject> inventory(String unit, String door) {
            asked.add("inventory " + unit + "/" + door);
            return CompletableFuture.completedFuture(new JsonObject().put("unit", unit));
        }

        @Override
        public JsonArray wiring() {
            return new JsonArray();
        }

        @Override
        public String metrics() {
            return "";
        }

        @Override
        public CompletableFuture<JsonObject> selftest(String unit) {
            asked.add("selftest " + unit);
            return CompletableFuture.completedFuture(new JsonObject().put("units", new JsonArray()));
        }
    };

    @BeforeEach
    void setUp() throws Exception {
        backend = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        byte[] spki = backend.getPublic().getEncoded();
        String x = Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOfRange(spki, spki.length - 32, spki.length));
        Path keys = dir.resolve("trusted-keys.json");
        Files.writeString(keys, new JsonObject().put("keys", new JsonArray().add(new JsonObject()
                .put("kty", "OKP").put("crv", "Ed25519").put("kid", "backend-1").put("x", x))).encode());
        tokens = TokenState.open(dir);
        SignedMessages signed = new SignedMessages(TrustedKeys.load(keys), Clock.fixed(NOW, ZoneOffset.UTC), () -> NOW.getEpochSecond());
        handler = new CommandHandler(DEVICE, signed, tokens, box, Runnable::run, replies::add, () -> statusPublished++);
    }

    @AfterEach
    void tearDown() {
        tokens.close();
    }

    String command(String jti, Object aud, long expIn, String cmd, JsonObject args) throws Exception {
        JsonObject claims = new JsonObject().put("jti", jti).put("iat", NOW.getEpochSecond()).put("exp", NOW.getEpochSecond() + expIn)
                .put("aud", aud).put("cmd", cmd).put("args", args);
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String input = b64.encodeToString("{\"alg\":\"EdDSA\",\"kid\":\"backend-1\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(claims.encode().getBytes(StandardCharsets.UTF_8));
        Signature s = Signature.getInstance("Ed25519");
        s.initSign(backend.getPrivate());
        s.update(input.getBytes(StandardCharsets.US_ASCII));
        return input + "." + b64.encodeToString(s.sign());
    }

    JsonObject lastReply() {
        return replies.get(replies.size() - 1);
    }

    @Test
    void anUnlockReachesTheBoxWithItsActorAndIsAnsweredWithTheSession() throws Exception {
        handler.handle(command("c-1", DEVICE, 60, "unlock", new JsonObject().put("unit", "nest").put("door", "left").put("open_within_s", 30)));
        assertEquals(List.of("unlock nest/left service {\"role\":\"backend\",\"sub\":\"backend\",\"jti\":\"c-1\"} PT30S"), asked);
        assertEquals(new JsonObject().put("jti", "c-1").put("ok", true).putNull("error").put("result", new JsonObject().put("session", "s-1")),
                lastReply());
    }

    @Test
    void theBoxsRefusalIsTheReplysError() throws Exception {
        handler.handle(command("c-2", new JsonArray().add("other").add(DEVICE), 60, "unlock", new JsonObject().put("unit", "nest").put("door", "right")));
        assertEquals(false, lastReply().getBoolean("ok"));
        assertEquals("not_found", lastReply().getString("error"));
    }

    @Test
    void aCommandIsCarriedOutOnceWhateverHowOftenItArrives() throws Exception {
        String once = command("c-3", DEVICE, 60, "inventory", new JsonObject().put("unit", "nest"));
        handler.handle(once);
        handler.handle(once);
        assertEquals(List.of("inventory nest/null"), asked);
        assertEquals(true, replies.get(0).getBoolean("ok"));
        assertEquals("replayed", replies.get(1).getString("error"));
    }

    @Test
    void eachRuleRefusesWithItsOwnReasonAndNothingReachesTheBox() throws Exception {
        KeyPair forger = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        String forged = command("f-1", DEVICE, 60, "status", new JsonObject());
        KeyPair real = backend;
        backend = forger;
        String signedByForger = command("f-2", DEVICE, 60, "status", new JsonObject());
        backend = real;
        handler.handle(signedByForger);
        handler.handle(command("f-3", "someone-else", 60, "status", new JsonObject()));
        handler.handle(command("f-4", DEVICE, -60, "status", new JsonObject()));
        handler.handle(command("f-5", DEVICE, 60, "reboot", new JsonObject()));
        handler.handle(command("f-6", DEVICE, 60, "unlock", new JsonObject().put("unit", "nest")));
        handler.handle(command("f-7", DEVICE, 60, "unlock", new JsonObject().put("unit", "nest").put("door", "left").put("open_within_s", 601)));
        handler.handle("not a jws");
        handler.handle(forged.substring(0, forged.length() - 4) + "AAAA");
        assertEquals(List.of("bad_signature", "wrong_audience", "expired", "unknown_command", "bad_args", "bad_args", "malformed", "bad_signature"),
                replies.stream().map(r -> r.getString("error")).toList());
        assertEquals(List.of("f-2", "f-3", "f-4", "f-5", "f-6", "f-7"), replies.subList(0, 6).stream().map(r -> r.getString("jti")).toList());
        assertTrue(asked.isEmpty(), "nothing refused reached the box: " + asked);
    }

    @Test
    void statusPublishesTheDocumentAgainAndAnswersWithIt() throws Exception {
        handler.handle(command("s-1", DEVICE, 60, "status", new JsonObject()));
        assertEquals(1, statusPublished);
        assertEquals(new JsonObject().put("online", true), lastReply().getJsonObject("result"));
    }

    @Test
    void anOversizedCommandIsRefusedOnceWithoutAnId() {
        handler.tooLarge(20_000_000, 65_536);
        assertNull(lastReply().getString("jti"));
        assertEquals("too_large", lastReply().getString("error"));
        assertEquals(20_000_000L, lastReply().getJsonObject("result").getLong("size"));
    }
}
