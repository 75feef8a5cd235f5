package org.bookbox.provisioning;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** OpenSSL as the consortium's CA and as an independent reader of what the tool writes. */
final class Openssl {

    private final Path dir;

    Openssl(Path dir) {
        this.dir = dir;
    }

    /** Runs openssl in the directory; fails the test when it fails; returns what it printed. */
    String run(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Path log = Files.createTempFile(dir, "openssl", ".log");
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        int rc = p.waitFor();
        String printed = Files.readString(log);
        assertEquals(0, rc, String.join(" ", command) + ": " + printed);
        return printed;
    }

    /** A CA (EC P-256) as {@code name.pem} and {@code name.key}. */
    void ca(String name) throws Exception {
        run("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", name + ".key",
                "-out", name + ".pem", "-days", "30", "-subj", "/CN=" + name);
    }

    /** Signs a request with a CA made by {@link #ca}. */
    void sign(Path csr, String ca, Path out) throws Exception {
        run("x509", "-req", "-in", csr.toString(), "-CA", ca + ".pem", "-CAkey", ca + ".key", "-CAcreateserial", "-days", "30", "-out", out.toString());
    }

    /** A key and a certificate for it from the CA, for {@code cn}: {@code name.pem} and {@code name.key} (PKCS#8). */
    void issue(String name, String cn, String ca) throws Exception {
        run("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", name + ".key", "-out", name + ".csr", "-subj", "/CN=" + cn);
        sign(dir.resolve(name + ".csr"), ca, dir.resolve(name + ".pem"));
    }
}
