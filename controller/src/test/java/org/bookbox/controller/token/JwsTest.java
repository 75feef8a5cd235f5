package org.bookbox.controller.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The token signature check (Bouncy Castle's RFC 8032 code, ADR 0014) answers as the JDK's own
 * Ed25519 does, signature by signature: for genuine ones, every single-bit change of a signature,
 * a message or a key, a signature whose S is not reduced, and signatures of random bytes.
 */
class JwsTest {

    /** The order of the Ed25519 base point, L: an S of L or more is not canonical and must be refused. */
    static final BigInteger L = BigInteger.TWO.pow(252).add(new BigInteger("27742317777372353535851937790883648493"));

    final Random random = new Random(20261205);

    @Test
    void agreesWithTheJdkOnGenuineTamperedAndRandomSignatures() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
        KeyPair signer = generator.generateKeyPair();
        KeyPair other = generator.generateKeyPair();
        int genuine = 0;
        for (int n = 0; n < 40; n++) {
            Jws token = signed(signer, "{\"jti\":\"t-" + n + "\",\"role\":\"patron\"}");
            assertTrue(token.verifies(signer.getPublic()));
            assertAgree(token, signer.getPublic());
            assertAgree(token, other.getPublic());
            genuine++;
            byte[] sig = token.signature();
            for (int bit = n; bit < 512; bit += 40) {
                byte[] flipped = sig.clone();
                flipped[bit / 8] ^= (byte) (1 << (bit % 8));
                assertAgree(new Jws(token.header(), token.payload(), token.signingInput(), flipped), signer.getPublic());
            }
            byte[] input = token.signingInput().clone();
            input[random.nextInt(input.length)] ^= 1;
            assertAgree(new Jws(token.header(), token.payload(), input, sig), signer.getPublic());
            byte[] random64 = new byte[64];
            random.nextBytes(random64);
            assertAgree(new Jws(token.header(), token.payload(), token.signingInput(), random64), signer.getPublic());
        }
        assertEquals(40, genuine);
    }

    @Test
    void aSignatureWhoseSIsNotReducedIsRefusedByBoth() throws Exception {
        KeyPair signer = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Jws token = signed(signer, "{\"jti\":\"malleable\"}");
        byte[] sig = token.signature();
        // S is little-endian in the second half; S + L verifies the same equation but is not canonical (RFC 8032 5.1.7)
        byte[] le = Arrays.copyOfRange(sig, 32, 64);
        BigInteger s = new BigInteger(1, reverse(le)).add(L);
        byte[] sPlusL = reverse(toBytes(s));
        byte[] forged = sig.clone();
        System.arraycopy(sPlusL, 0, forged, 32, 32);
        Jws malleated = new Jws(token.header(), token.payload(), token.signingInput(), forged);
        assertFalse(malleated.verifies(signer.getPublic()));
        assertAgree(malleated, signer.getPublic());
    }

    @Test
    void aKeyThatIsNotEd25519VerifiesNothing() throws Exception {
        KeyPair signer = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Jws token = signed(signer, "{\"jti\":\"x\"}");
        PublicKey x25519 = KeyPairGenerator.getInstance("X25519").generateKeyPair().getPublic();
        assertFalse(token.verifies(x25519), "an X25519 key has the same length, not the same kind");
        assertFalse(new Jws(token.header(), token.payload(), token.signingInput(), Arrays.copyOf(token.signature(), 63))
                .verifies(signer.getPublic()));
    }

    static Jws signed(KeyPair kp, String payload) throws GeneralSecurityException {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String input = b64.encodeToString("{\"alg\":\"EdDSA\",\"kid\":\"k1\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        Signature s = Signature.getInstance("Ed25519");
        s.initSign(kp.getPrivate());
        s.update(input.getBytes(StandardCharsets.US_ASCII));
        return Jws.parse(input + "." + b64.encodeToString(s.sign()));
    }

    static void assertAgree(Jws token, PublicKey key) throws GeneralSecurityException {
        Signature jdk = Signature.getInstance("Ed25519");
        jdk.initVerify(key);
        jdk.update(token.signingInput());
        boolean expected;
        try {
            expected = jdk.verify(token.signature());
        } catch (SignatureException e) {
            expected = false;
        }
        assertEquals(expected, token.verifies(key), "the JDK says " + expected);
    }

    static byte[] reverse(byte[] b) {
        byte[] r = new byte[b.length];
        for (int i = 0; i < b.length; i++) {
            r[i] = b[b.length - 1 - i];
        }
        return r;
    }

    static byte[] toBytes(BigInteger v) {
        byte[] raw = v.toByteArray();
        byte[] out = new byte[32];
        int n = Math.min(32, raw.length);
        System.arraycopy(raw, raw.length - n, out, 32 - n, n);
        return out;
    }
}
