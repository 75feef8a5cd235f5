package org.bookbox.tests.bench.jmh;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.bookbox.controller.journal.OutgoingEvent;
import org.bookbox.controller.token.Jws;
import org.bookbox.controller.trust.TrustedKeys;
import org.bookbox.drivers.rfid.iso28560.DanishDataModel;
import org.bookbox.drivers.rfid.iso28560.LibraryItem;
import org.bookbox.drivers.rfid.iso28560.TagData;
import org.bookbox.drivers.rfid.iso28560.TagDecoding;
import org.bookbox.provisioning.TokenSigner;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The hot paths of a scan and of a flush, each beside the plain way of doing the same work:
 * decoding a tag's memory (ISO 28560-2), verifying a token's Ed25519 signature (what every scan
 * costs before its fsync), and the outbox's envelope splice beside building the same CloudEvent as a
 * JSON object and encoding it. Run with {@code benchmarks/jmh.sh}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class HotPaths {

    byte[] tag;
    String compact;
    Jws token;
    PublicKey key;
    String data;
    String source = "urn:bookbox:demo-consortium:sim-box-1";

    @Setup
    public void setUp() throws Exception {
        tag = DanishDataModel.encode(LibraryItem.circulating("3400512345", "DE-705"));
        Path repo = Path.of(System.getProperty("bookbox.repo", "."));
        TokenSigner signer = TokenSigner.fromJwk(repo.resolve("examples/keys/demo-signer.jwk"));
        long now = Instant.now().getEpochSecond();
        compact = signer.sign(new JsonObject().put("iss", "demo-consortium").put("sub", "patron-1").put("jti", "jmh-1")
                .put("iat", now).put("exp", now + 3600).put("role", "patron").put("act", new JsonArray().add("exchange")));
        token = Jws.parse(compact);
        key = TrustedKeys.load(repo.resolve("examples/keys/trusted-keys.json")).key(token.header().getString("kid")).orElseThrow();
        data = new JsonObject().put("unit", "entrance-return").put("bin", "local").put("security", "set")
                .put("item", new JsonObject().put("id", "B1").put("owner", "DE-705").put("uid", "e004010000000001")).encode();
    }

    @Benchmark
    public TagDecoding tagDecoding() {
        return TagData.decode(tag);
    }

    @Benchmark
    public boolean jwsVerification() {
        return token.verifies(key);
    }

    /** The same check through the JDK's own Ed25519 (what the box used before ADR 0014). */
    @Benchmark
    public boolean jwsVerificationJdk() throws GeneralSecurityException {
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(key);
        verifier.update(token.signingInput());
        return verifier.verify(token.signature());
    }

    @Benchmark
    public Jws jwsParseOnly() {
        return Jws.parse(compact);
    }

    @Benchmark
    public OutgoingEvent envelopeSplice() {
        return OutgoingEvent.splice(42, "0193f1c2-7b1a-7c3d-9e4f-123456789abc", "return", "2026-11-25T10:00:00.000Z", false, data, source);
    }

    /** The plain way: the stored data parsed, wrapped in an envelope object, all encoded again. */
    @Benchmark
    public byte[] envelopeAsJsonObject() {
        return new JsonObject().put("specversion", "1.0").put("id", "0193f1c2-7b1a-7c3d-9e4f-123456789abc").put("source", source)
                .put("type", "bookbox.return").put("time", "2026-11-25T10:00:00.000Z").put("datacontenttype", "application/json")
                .put("seq", 42).put("data", new JsonObject(data)).encode().getBytes(StandardCharsets.UTF_8);
    }
}
