package org.bookbox.provisioning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;
import org.bookbox.controller.journal.Journal;
import org.bookbox.controller.journal.RecordedEvent;
import org.bookbox.controller.token.TokenState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code init}, {@code cert} and {@code reset} on a box's folders, with OpenSSL as the consortium's CA. */
class InitTest {

    static final Path KEYS = Path.of("../examples/keys/trusted-keys.json").toAbsolutePath();
    static final Path PROFILE = Path.of("../examples/sim/profile.yaml").toAbsolutePath();
    static final String ME = System.getProperty("user.name");

    @TempDir
    Path dir;
    Path etc;
    Path data;
    Openssl openssl;
    final ToolRun tool = new ToolRun(Clock.systemUTC());

    @BeforeEach
    void folders() throws Exception {
        etc = dir.resolve("etc");
        data = dir.resolve("data");
        openssl = new Openssl(dir);
        openssl.ca("consortium-ca");
    }

    int init(String... more) {
        List<String> args = Stream.concat(Stream.of("init", "--device", "box-7", "--consortium", "demo-consortium", "--isil", "DE-705",
                "--trusted-keys", KEYS.toString(), "--profile", PROFILE.toString(), "--config", etc.resolve("agent.yaml").toString(),
                "--data", data.toString(), "--user", ME), Stream.of(more)).toList();
        return tool.run(args.toArray(String[]::new));
    }

    List<RecordedEvent> journal() throws Exception {
        try (TokenState tokens = TokenState.open(data); Journal j = Journal.open(data, Clock.systemUTC(), () -> true, tokens.seqMark())) {
            return j.readAfter(0, 10_000);
        }
    }

    @Test
    void aKeyMadeOnTheBoxItsRequestSignedByTheCaAndTheBoxIsReady() throws Exception {
        assertEquals(0, init("--broker", "ssl://broker.example:8883", "--ca", dir.resolve("consortium-ca.pem").toString(), "--make-key",
                "--location", "Main library, \"back\" door", "--provisioning-keys", KEYS.toString()), tool.err());
        for (String f : List.of("agent.yaml", "profile.yaml", "broker-ca.pem", "client.key", "client.csr", "trusted-keys.json", "provisioning-keys.json")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(etc.resolve(f))), f);
            assertEquals(ME, Files.getOwner(etc.resolve(f)).getName(), f);
        }
        assertFalse(Files.exists(etc.resolve("client.pem")));
        // OpenSSL, not the tool, says the request is well formed, self-signed and names the box
        String req = openssl.run("req", "-in", etc.resolve("client.csr").toString(), "-noout", "-verify", "-subject");
        assertTrue(req.contains("verify OK") && req.contains("CN") && req.contains("box-7") && req.contains("DE-705"), req);
        RecordedEvent provisioned = journal().getLast();
        assertEquals("lifecycle", provisioned.type());
        assertEquals("provisioned", provisioned.data().getString("phase"));
        assertTrue(provisioned.data().getString("detail").startsWith("by init: device box-7 of demo-consortium, library DE-705"), provisioned.data().encode());
        assertTrue(provisioned.data().getString("detail").endsWith("its certificate awaited"), provisioned.data().encode());

        // until the certificate comes, the agent would refuse the configuration, and says why
        assertEquals(78, tool.run("check", "--config", etc.resolve("agent.yaml").toString()));
        assertTrue(tool.err().contains("'cert_file' names " + etc.resolve("client.pem") + ", which does not exist"), tool.err());
        // a certificate of another key is refused
        openssl.issue("stranger", "box-7", "consortium-ca");
        assertEquals(65, tool.run("cert", "--file", dir.resolve("stranger.pem").toString(), "--config", etc.resolve("agent.yaml").toString(), "--user", ME));
        assertTrue(tool.err().contains("the certificate is not the key's"), tool.err());
        openssl.sign(etc.resolve("client.csr"), "consortium-ca", dir.resolve("signed.pem"));
        assertEquals(0, tool.run("cert", "--file", dir.resolve("signed.pem").toString(), "--config", etc.resolve("agent.yaml").toString(), "--user", ME), tool.err());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(etc.resolve("client.pem"))));
        assertFalse(Files.exists(etc.resolve("client.csr")));
        assertEquals(0, tool.run("check", "--config", etc.resolve("agent.yaml").toString()), tool.err());
        assertTrue(tool.out().contains("device box-7 of consortium demo-consortium, library DE-705"), tool.out());
    }

    @Test
    void aCertificateAndKeyCarriedInAreInstalledWhenTheyBelongTogether() throws Exception {
        openssl.issue("box", "box-7", "consortium-ca");
        openssl.issue("other", "box-7", "consortium-ca");
        String ca = dir.resolve("consortium-ca.pem").toString();
        assertEquals(65, init("--broker", "ssl://broker.example:8883", "--ca", ca, "--cert", dir.resolve("box.pem").toString(),
                "--key", dir.resolve("other.key").toString()));
        assertTrue(tool.err().contains("nothing was installed: the certificate is not the key's"), tool.err());
        assertFalse(Files.exists(etc), "nothing written");
        assertFalse(Files.exists(data.resolve("journal.db")) && !journal().isEmpty(), "nothing recorded");
        assertEquals(0, init("--broker", "ssl://broker.example:8883", "--ca", ca, "--cert", dir.resolve("box.pem").toString(),
                "--key", dir.resolve("box.key").toString()), tool.err());
        assertEquals(0, tool.run("check", "--config", etc.resolve("agent.yaml").toString()), tool.err());
        // reset forgets the credentials and keeps the configuration and journal
        assertEquals(0, tool.run("reset", "--config", etc.resolve("agent.yaml").toString()), tool.err());
        assertFalse(Files.exists(etc.resolve("client.pem")) || Files.exists(etc.resolve("client.key")) || Files.exists(etc.resolve("trusted-keys.json")));
        assertTrue(Files.exists(etc.resolve("agent.yaml")) && Files.exists(data.resolve("journal.db")));
    }

    @Test
    void everyWrongPartIsNamedAndNothingIsWritten() {
        assertEquals(65, tool.run("init", "--device", "Box 7", "--consortium", "demo-consortium", "--isil", "705", "--broker", "ssl://broker.example:8883",
                "--trusted-keys", PROFILE.toString(), "--profile", PROFILE.toString(), "--config", etc.resolve("agent.yaml").toString(),
                "--data", data.toString(), "--user", ME));
        String e = tool.err();
        for (String said : List.of("device id 'Box 7'", "'705' is not an ISIL", "needs its CA certificate", "needs the box's certificate and key",
                "trusted keys:")) {
            assertTrue(e.contains(said), said + " in " + e);
        }
        assertFalse(Files.exists(etc));
        assertEquals(64, init("--broker", "ssl://b:8883", "--make-key", "--key", "k.pem"));
        assertTrue(tool.err().contains("--make-key makes the key here"), tool.err());
        assertEquals(67, tool.run("init", "--device", "box-7", "--consortium", "demo-consortium", "--isil", "DE-705", "--broker", "tcp://127.0.0.1:1883",
                "--trusted-keys", KEYS.toString(), "--profile", PROFILE.toString(), "--config", etc.resolve("agent.yaml").toString(),
                "--data", data.toString(), "--user", "no-such-user-here"));
        assertTrue(tool.err().contains("there is no user 'no-such-user-here' to run the agent"), tool.err());
    }

    @Test
    void seqGoesOnAcrossReprovisioningAndAWipedJournal() throws Exception {
        assertEquals(0, init("--broker", "tcp://127.0.0.1:1883"), tool.err());
        assertEquals(0, init("--broker", "tcp://127.0.0.1:1884"), tool.err());
        List<RecordedEvent> twice = journal();
        assertEquals(List.of(1L, 2L), twice.stream().map(RecordedEvent::seq).toList());
        Path config = etc.resolve("agent.yaml");
        assertEquals(64, tool.run("reset", "--config", config.toString(), "--wipe-journal"));
        assertTrue(tool.err().contains("add --yes"), tool.err());
        assertTrue(Files.exists(data.resolve("journal.db")));
        assertEquals(0, tool.run("reset", "--config", config.toString(), "--wipe-journal", "--yes"), tool.err());
        assertFalse(Files.exists(data.resolve("journal.db")));
        assertTrue(Files.exists(data.resolve("tokens.db")));
        assertEquals(0, init("--broker", "tcp://127.0.0.1:1883"), tool.err());
        List<RecordedEvent> after = journal();
        // the wiped journal continues after the seq mark: a gap the backend sees, never a seq twice
        assertEquals("journal_reset", after.getFirst().data().getString("kind"), after.getFirst().data().encode());
        assertTrue(after.getFirst().seq() > 2, "seq " + after.getFirst().seq());
        assertEquals("provisioned", after.getLast().data().getString("phase"));
        assertEquals(after.getFirst().seq() + 1, after.getLast().seq());
    }
}
