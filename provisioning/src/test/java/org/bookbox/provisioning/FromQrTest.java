package org.bookbox.provisioning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.bookbox.controller.journal.Journal;
import org.bookbox.controller.journal.RecordedEvent;
import org.bookbox.controller.token.TokenState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code from-qr}: a signed bundle provisions the box; forged, expired, other-device and replayed ones are refused with the reason. */
class FromQrTest {

    static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    static final Path SIGNER = Path.of("../examples/keys/demo-signer.jwk").toAbsolutePath();
    static final Path PROVISIONING_KEYS = Path.of("../examples/keys/trusted-keys.json").toAbsolutePath();

    @TempDir
    Path dir;
    Path etc;
    Path data;
    final ToolRun tool = new ToolRun(Clock.fixed(NOW, ZoneOffset.UTC));

    @BeforeEach
    void folders() throws Exception {
        etc = dir.resolve("etc");
        data = dir.resolve("data");
        Files.createDirectories(etc);
        Files.copy(Path.of("../examples/sim/profile.yaml"), etc.resolve("profile.yaml"));
    }

    JsonObject claims(String device) throws Exception {
        return new JsonObject().put("iss", "demo-consortium").put("sub", device).put("aud", "bookbox-provision")
                .put("jti", "bundle-1").put("iat", NOW.getEpochSecond()).put("exp", NOW.getEpochSecond() + 3600)
                .put("library_isil", "DK-710100").put("location", "Tongling, park gate").put("broker_url", "tcp://127.0.0.1:1883")
                .put("trusted_keys", new JsonObject(Files.readString(PROVISIONING_KEYS)));
    }

    String signed(JsonObject claims) throws Exception {
        return TokenSigner.fromJwk(SIGNER).sign(claims, "bookbox-provision+jwt");
    }

    int fromQr(String typed, String... more) {
        List<String> args = Stream.concat(Stream.of("from-qr", "--provisioning-keys", PROVISIONING_KEYS.toString(),
                "--config", etc.resolve("agent.yaml").toString(), "--data", data.toString(), "--user", System.getProperty("user.name")),
                Stream.of(more)).toList();
        return tool.typing(typed, args.toArray(String[]::new));
    }

    List<RecordedEvent> journal() throws Exception {
        try (TokenState tokens = TokenState.open(data); Journal j = Journal.open(data, Clock.systemUTC(), () -> true, tokens.seqMark())) {
            return j.readAfter(0, 100);
        }
    }

    @Test
    void aPastedBundleProvisionsTheBoxOnceAndOnlyOnce() throws Exception {
        String bundle = signed(claims("box-7"));
        assertEquals(0, fromQr(bundle + "\n", "--device", "box-7"), tool.err());
        assertTrue(tool.out().startsWith("paste the bundle"), tool.out());
        String config = Files.readString(etc.resolve("agent.yaml"));
        assertTrue(config.contains("device_id: box-7") && config.contains("library_isil: \"DK-710100\"")
                && config.contains("location: \"Tongling, park gate\""), config);
        assertEquals(0, tool.run("check", "--config", etc.resolve("agent.yaml").toString()), tool.err());
        RecordedEvent provisioned = journal().getLast();
        assertTrue(provisioned.data().getString("detail").startsWith("from bundle bundle-1: device box-7 of demo-consortium, library DK-710100"),
                provisioned.data().encode());
        // the same bundle again (the box now knows it is box-7): used before
        assertEquals(65, fromQr("", "--bundle", bundle));
        assertTrue(tool.err().contains("bundle refused: used before: bundle bundle-1 was used on this box before"), tool.err());
        assertEquals(1, journal().size());
    }

    @Test
    void aBundleSignedByOpensslIsTaken() throws Exception {
        // an independent signer: the header and claims as the consortium's tool would write them, signed by OpenSSL's Ed25519
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String input = b64.encodeToString("{\"alg\":\"EdDSA\",\"typ\":\"bookbox-provision+jwt\",\"kid\":\"demo-2026\"}".getBytes())
                + "." + b64.encodeToString(claims("box-9").put("jti", "openssl-1").encode().getBytes());
        Files.writeString(dir.resolve("input.txt"), input);
        new Openssl(dir).run("pkeyutl", "-sign", "-inkey", Path.of("../examples/keys/demo-signer.pem").toAbsolutePath().toString(),
                "-rawin", "-in", "input.txt", "-out", "signature.bin");
        String bundle = input + "." + b64.encodeToString(Files.readAllBytes(dir.resolve("signature.bin")));
        assertEquals(0, fromQr("", "--device", "box-9", "--bundle", bundle), tool.err());
        assertTrue(tool.out().contains("provisioned box-9 of demo-consortium (library DK-710100)"), tool.out());
    }

    @Test
    void anSslBrokerGetsItsCaAndTheBoxMakesItsKey() throws Exception {
        Openssl openssl = new Openssl(dir);
        openssl.ca("consortium-ca");
        JsonObject c = claims("box-7").put("broker_url", "ssl://mqtt.consortium.example:8883")
                .put("broker_ca", Files.readString(dir.resolve("consortium-ca.pem")));
        Path file = dir.resolve("bundle.txt");
        Files.writeString(file, signed(c));
        assertEquals(0, fromQr("", "--device", "box-7", "--file", file.toString()), tool.err());
        assertTrue(Files.exists(etc.resolve("client.key")) && Files.exists(etc.resolve("client.csr")) && Files.exists(etc.resolve("broker-ca.pem")));
        assertTrue(tool.out().contains("bookbox-provision cert --file"), tool.out());
        openssl.run("req", "-in", etc.resolve("client.csr").toString(), "-noout", "-verify");
    }

    @Test
    void forgedExpiredOtherDeviceAndForeignBundlesAreRefusedWithTheReason() throws Exception {
        // signed by a key of the same name that is not the consortium's
        KeyPair other = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        String forged = new TokenSigner("demo-2026", other.getPrivate()).sign(claims("box-7"), "bookbox-provision+jwt");
        assertEquals(65, fromQr("", "--device", "box-7", "--bundle", forged));
        assertTrue(tool.err().contains("bundle refused: forged: its signature does not verify with provisioning key 'demo-2026'"), tool.err());
        // a bundle whose claims were changed after signing
        String[] parts = signed(claims("box-7")).split("\\.");
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(
                claims("box-8").encode().getBytes()) + "." + parts[2];
        assertEquals(65, fromQr("", "--device", "box-8", "--bundle", tampered));
        assertTrue(tool.err().contains("forged"), tool.err());
        assertEquals(65, fromQr("", "--device", "box-7", "--bundle", signed(claims("box-7").put("exp", NOW.getEpochSecond() - 120))));
        assertTrue(tool.err().contains("bundle refused: expired: it expired 120 s ago: ask for a new one"), tool.err());
        assertEquals(65, fromQr("", "--device", "box-8", "--bundle", signed(claims("box-7"))));
        assertTrue(tool.err().contains("bundle refused: for another device: it is for device 'box-7', and this box is 'box-8'"), tool.err());
        // a reader's QR token is not a provisioning bundle
        assertEquals(65, fromQr("", "--device", "box-7", "--bundle", TokenSigner.fromJwk(SIGNER).sign(claims("box-7"))));
        assertTrue(tool.err().contains("bundle refused: not a provisioning bundle"), tool.err());
        assertEquals(65, fromQr("", "--device", "box-7", "--bundle", "x".repeat(100_000)));
        assertTrue(tool.err().contains("bundle refused: not a provisioning bundle: longer than 4096 characters"), tool.err());
        assertEquals(65, fromQr("", "--device", "box-7", "--bundle", signed(claims("box-7").put("library_isil", "705"))));
        assertTrue(tool.err().contains("nothing was installed: '705' is not an ISIL"), tool.err());
        assertFalse(Files.exists(etc.resolve("agent.yaml")), "nothing installed");
        // without --device and without a configuration, the box cannot know which it is
        assertEquals(64, fromQr("", "--bundle", signed(claims("box-7"))));
        assertTrue(tool.err().contains("say which box this is: --device ID"), tool.err());
    }
}
