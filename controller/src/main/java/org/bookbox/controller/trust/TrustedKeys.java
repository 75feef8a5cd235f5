package org.bookbox.controller.trust;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bookbox.controller.config.ConfigProblem;
import org.bookbox.controller.config.InvalidConfigException;

/**
 * The Ed25519 public keys this box trusts, by {@code kid}: a JWK set (RFC 7517, RFC 8037) written at
 * provisioning. Several keys may be trusted at once so that the consortium can rotate them.
 */
public final class TrustedKeys {

    /** The DER prefix of an X.509 SubjectPublicKeyInfo for Ed25519; the raw 32-byte key follows. */
    private static final byte[] ED25519_SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    private final Map<String, PublicKey> byKid;

    private TrustedKeys(Map<String, PublicKey> byKid) {
        this.byKid = Map.copyOf(byKid);
    }

    public Optional<PublicKey> key(String kid) {
        return Optional.ofNullable(byKid.get(kid));
    }

    public int size() {
        return byKid.size();
    }

    public static TrustedKeys load(Path file) throws InvalidConfigException {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw InvalidConfigException.of(file, 0, "trusted key set not found");
        } catch (IOException e) {
            throw InvalidConfigException.of(file, 0, "cannot read trusted key set: " + e.getMessage());
        }
        JsonObject set;
        try {
            set = new JsonObject(text);
        } catch (DecodeException e) {
            int line = e.getCause() instanceof JsonProcessingException j && j.getLocation() != null ? j.getLocation().getLineNr() : 0;
            throw InvalidConfigException.of(file, line, "trusted key set is not a JSON object (a JWK set)");
        }
        if (!(set.getValue("keys") instanceof JsonArray keys) || keys.isEmpty()) {
            throw InvalidConfigException.of(file, 0, "trusted key set has no \"keys\" list, or it is empty");
        }
        Map<String, PublicKey> byKid = new LinkedHashMap<>();
        List<ConfigProblem> problems = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            String label = "key " + (i + 1);
            if (!(keys.getValue(i) instanceof JsonObject jwk)) {
                problems.add(new ConfigProblem(file, 0, label + " is not a JSON object"));
                continue;
            }
            String kid = jwk.getValue("kid") instanceof String k && !k.isBlank() ? k : null;
            if (kid == null) {
                problems.add(new ConfigProblem(file, 0, label + " has no \"kid\""));
                continue;
            }
            label = "key '" + kid + "'";
            if (!"OKP".equals(jwk.getValue("kty")) || !"Ed25519".equals(jwk.getValue("crv"))) {
                problems.add(new ConfigProblem(file, 0, label + " is not an Ed25519 key (kty OKP, crv Ed25519)"));
                continue;
            }
            if (jwk.containsKey("d")) {
                problems.add(new ConfigProblem(file, 0, label + " holds a private key (\"d\"): a box must only hold public keys"));
                continue;
            }
            try {
                PublicKey key = ed25519(jwk.getValue("x") instanceof String x ? x : "");
                if (byKid.putIfAbsent(kid, key) != null) {
                    problems.add(new ConfigProblem(file, 0, label + " is listed twice"));
                }
            } catch (IllegalArgumentException | GeneralSecurityException e) {
                problems.add(new ConfigProblem(file, 0, label + " has no valid \"x\" (32 bytes, base64url)"));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(problems);
        }
        return new TrustedKeys(byKid);
    }

    /** An Ed25519 public key from its raw 32 bytes in base64url, as a JWK's {@code x} holds it. */
    public static PublicKey ed25519(String x) throws GeneralSecurityException {
        byte[] raw = Base64.getUrlDecoder().decode(x);
        if (raw.length != 32) {
            throw new IllegalArgumentException("an Ed25519 key is 32 bytes, got " + raw.length);
        }
        byte[] der = new byte[ED25519_SPKI_PREFIX.length + 32];
        System.arraycopy(ED25519_SPKI_PREFIX, 0, der, 0, ED25519_SPKI_PREFIX.length);
        System.arraycopy(raw, 0, der, ED25519_SPKI_PREFIX.length, 32);
        return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
    }

    /** The raw 32 bytes of an Ed25519 public key (the other way from {@link #ed25519}); empty for a key of another kind. */
    public static Optional<byte[]> raw(PublicKey key) {
        byte[] der = key.getEncoded();
        if (der == null || der.length != ED25519_SPKI_PREFIX.length + 32
                || !Arrays.equals(der, 0, ED25519_SPKI_PREFIX.length, ED25519_SPKI_PREFIX, 0, ED25519_SPKI_PREFIX.length)) {
            return Optional.empty();
        }
        return Optional.of(Arrays.copyOfRange(der, ED25519_SPKI_PREFIX.length, der.length));
    }
}
