package org.bookbox.provisioning;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Signs QR tokens and commands with an Ed25519 private JWK: what a technician uses to make a service
 * token, and what the simulator's walkthroughs and benchmarks use to make tokens on the spot.
 */
public final class TokenSigner {

    /** DER prefix of a PKCS#8 Ed25519 private key; the raw 32-byte seed follows. */
    private static final byte[] PKCS8_PREFIX = HexFormat.of().parseHex("302e020100300506032b657004220420");

    private final String kid;
    private final PrivateKey key;

    public TokenSigner(String kid, PrivateKey key) {
        this.kid = kid;
        this.key = key;
    }

    /** Reads a private JWK ({@code kty OKP, crv Ed25519, kid, d}). */
    public static TokenSigner fromJwk(Path file) throws IOException, GeneralSecurityException {
        JsonObject jwk = new JsonObject(Files.readString(file));
        if (!"OKP".equals(jwk.getString("kty")) || !"Ed25519".equals(jwk.getString("crv")) || jwk.getString("d") == null) {
            throw new GeneralSecurityException(file + " is not a private Ed25519 JWK");
        }
        byte[] seed = Base64.getUrlDecoder().decode(jwk.getString("d"));
        byte[] der = new byte[PKCS8_PREFIX.length + seed.length];
        System.arraycopy(PKCS8_PREFIX, 0, der, 0, PKCS8_PREFIX.length);
        System.arraycopy(seed, 0, der, PKCS8_PREFIX.length, seed.length);
        return new TokenSigner(jwk.getString("kid"), KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(der)));
    }

    /** A JWS compact serialization of the claims, {@code alg EdDSA} with this signer's {@code kid}. */
    public String sign(JsonObject claims) throws GeneralSecurityException {
        return sign(claims, "JWT");
    }

    /** The same with another {@code typ} (a provisioning bundle's). */
    public String sign(JsonObject claims, String typ) throws GeneralSecurityException {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString(new JsonObject().put("alg", "EdDSA").put("kid", kid).put("typ", typ).encode().getBytes(StandardCharsets.UTF_8));
        String payload = b64.encodeToString(claims.encode().getBytes(StandardCharsets.UTF_8));
        Signature s = Signature.getInstance("Ed25519");
        s.initSign(key);
        s.update((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
        return header + "." + payload + "." + b64.encodeToString(s.sign());
    }
}
