package org.bookbox.controller.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.bookbox.controller.config.AgentConfigLoader;
import org.bookbox.controller.config.InvalidConfigException;
import org.bookbox.controller.port.Refused;
import org.bookbox.controller.profile.ProfileLoader;
import org.bookbox.controller.store.JournalException;
import org.bookbox.controller.token.TokenException;
import org.bookbox.controller.token.TokenState;
import org.bookbox.controller.token.TokenVerifier;
import org.bookbox.controller.trust.TrustedKeys;
import org.bookbox.controller.uplink.SignedMessagesProbe;

/**
 * Text from outside the box: a scanned QR code, a command, config or revocation document from the
 * broker, an agent configuration or hardware profile a technician wrote. Each is accepted or refused
 * with its own exception, never anything else (a stack trace, an overflow, a hang).
 */
class OutsideTextFuzzTest {

    /** The token fixtures' "now": 2026-11-25T00:00:00Z. */
    static final Instant NOW = Instant.ofEpochSecond(1795564800);

    private static Path dir;
    private static TokenState state;
    private static TrustedKeys keys;

    /** One token store for the whole run (a fuzz run executes the method millions of times). */
    private static synchronized void init() throws Exception {
        if (dir == null) {
            dir = Files.createTempDirectory("bookbox-fuzz");
            state = TokenState.open(dir);
            keys = TrustedKeys.load(Path.of(OutsideTextFuzzTest.class.getResource("/tokens/trusted-keys.json").toURI()));
        }
    }

    @FuzzTest(maxDuration = "5m")
    void anyScannedTextIsATokenOrARefusal(FuzzedDataProvider data) throws Exception {
        init();
        boolean synced = data.consumeBoolean();
        TokenVerifier verifier = new TokenVerifier(keys, state, Clock.fixed(NOW, ZoneOffset.UTC), () -> synced,
                "demo-consortium", "sim-box-1", "DE-705");
        try {
            verifier.verify(data.consumeRemainingAsString());
        } catch (TokenException expected) {
            // refused, with a reason of tokens.md
        } catch (JournalException e) {
            throw new AssertionError("the token store failed: " + e.getMessage(), e);
        }
    }

    @FuzzTest(maxDuration = "5m")
    void anyCommandOrDocumentIsVerifiedOrRefused(FuzzedDataProvider data) throws Exception {
        init();
        try {
            SignedMessagesProbe.verifyAndCheck(keys, Clock.fixed(NOW, ZoneOffset.UTC), NOW.getEpochSecond(), data.consumeRemainingAsString());
        } catch (Refused expected) {
            // refused, with the reply's reason
        }
    }

    @FuzzTest(maxDuration = "5m")
    void anyAgentConfigurationIsLoadedOrRefusedByLine(byte[] text) throws Exception {
        loadedOrRefused(text, AgentConfigLoader::load);
    }

    @FuzzTest(maxDuration = "5m")
    void anyHardwareProfileIsLoadedOrRefusedByLine(byte[] text) throws Exception {
        loadedOrRefused(text, ProfileLoader::load);
    }

    /** A loader of a file a technician writes. */
    interface FileLoader {
        Object load(Path file) throws InvalidConfigException;
    }

    private static void loadedOrRefused(byte[] text, FileLoader loader) throws Exception {
        init();
        Path file = Files.createTempFile(dir, "fuzz", ".yaml");
        try {
            Files.write(file, text);
            loader.load(file);
        } catch (InvalidConfigException expected) {
            // one line per problem
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
