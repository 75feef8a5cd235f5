package org.bookbox.provisioning;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The box's TLS identity: an EC P-256 key made on the box (it never leaves it), the certificate
 * signing request the consortium's CA signs, and the check that a certificate belongs to the key.
 */
final class ClientKey {

    private static final String ECDSA_WITH_SHA256 = "1.2.840.10045.4.3.2";
    private static final String COMMON_NAME = "2.5.4.3";
    private static final String ORGANIZATION = "2.5.4.10";
    private static final String ORGANIZATIONAL_UNIT = "2.5.4.11";

    private ClientKey() {
    }

    static KeyPair make() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
        return g.generateKeyPair();
    }

    /** PKCS#8 PEM, the form the agent reads. */
    static String pem(PrivateKey key) {
        return pem("PRIVATE KEY", key.getEncoded());
    }

    /**
     * A PKCS#10 request (RFC 2986) for {@code CN=device, OU=library, O=consortium}, signed with the key
     * itself (ECDSA with SHA-256), so the CA knows the requester holds it.
     */
    static String csr(KeyPair key, String device, String libraryIsil, String consortium) throws GeneralSecurityException {
        byte[] subject = Der.sequence(rdn(ORGANIZATION, consortium), rdn(ORGANIZATIONAL_UNIT, libraryIsil), rdn(COMMON_NAME, device));
        byte[] info = Der.sequence(Der.integer(0), subject, key.getPublic().getEncoded(), Der.tlv(0xa0));
        Signature s = Signature.getInstance("SHA256withECDSA");
        s.initSign(key.getPrivate());
        s.update(info);
        byte[] request = Der.sequence(info, Der.sequence(Der.oid(ECDSA_WITH_SHA256)), Der.bits(s.sign()));
        return pem("CERTIFICATE REQUEST", request);
    }

    private static byte[] rdn(String type, String value) {
        return Der.tlv(Der.SET, Der.sequence(Der.oid(type), Der.utf8(value)));
    }

    static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    /** The certificates of a PEM file (a chain: the box's first). */
    static List<X509Certificate> certificates(byte[] pem) throws GeneralSecurityException {
        List<X509Certificate> chain = new ArrayList<>();
        CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(pem)).forEach(c -> chain.add((X509Certificate) c));
        if (chain.isEmpty()) {
            throw new GeneralSecurityException("no certificate in it");
        }
        return chain;
    }

    /** A PKCS#8 PEM private key (EC, RSA or Ed25519). */
    static PrivateKey privateKey(String pem) throws GeneralSecurityException {
        if (!pem.contains("-----BEGIN PRIVATE KEY-----")) {
            throw new GeneralSecurityException("not a PKCS#8 PEM key (BEGIN PRIVATE KEY); convert it with openssl pkcs8 -topk8 -nocrypt");
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
        } catch (IllegalArgumentException e) {
            throw new GeneralSecurityException("its base64 is damaged");
        }
        for (String algorithm : new String[] {"EC", "RSA", "Ed25519"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // try the next kind of key
            }
        }
        throw new GeneralSecurityException("no EC, RSA or Ed25519 key in it");
    }

    /** Whether the certificate is the key's: the key signs a challenge that the certificate's public key verifies. */
    static boolean belongTogether(X509Certificate cert, PrivateKey key) {
        String algorithm = switch (key.getAlgorithm()) {
            case "EC" -> "SHA256withECDSA";
            case "RSA" -> "SHA256withRSA";
            default -> "Ed25519";
        };
        try {
            byte[] challenge = new byte[32];
            new SecureRandom().nextBytes(challenge);
            Signature s = Signature.getInstance(algorithm);
            s.initSign(key);
            s.update(challenge);
            byte[] signature = s.sign();
            Signature v = Signature.getInstance(algorithm);
            v.initVerify(cert.getPublicKey());
            v.update(challenge);
            return v.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
