package org.bookbox.provisioning;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import org.bookbox.controller.trust.TrustedKeys;

/**
 * What a technician pastes or scans as a provisioning bundle: any text, and bundles correctly signed
 * over any claims (so that the claims' checks are reached), is a bundle whose materials are checked,
 * or a refusal with its reason; never another exception.
 */
class BundleFuzzTest {

    private static TrustedKeys keys;
    private static TokenSigner signer;

    private static synchronized void init() throws Exception {
        if (keys == null) {
            keys = TrustedKeys.load(Path.of("../examples/keys/trusted-keys.json"));
            signer = TokenSigner.fromJwk(Path.of("../examples/keys/demo-signer.jwk"));
        }
    }

    @FuzzTest(maxDuration = "90s")
    void anyPastedTextIsABundleOrARefusal(FuzzedDataProvider data) throws Exception {
        init();
        boolean sign = data.consumeBoolean();
        String text = data.consumeRemainingAsString();
        if (sign) {
            try {
                text = signer.sign(new JsonObject(text), Bundle.TYPE);
            } catch (DecodeException | ClassCastException e) {
                // not a JSON object: pasted as it is
            }
        }
        try {
            Bundle b = Bundle.verify(text, keys, "box-7", 1_795_564_800L);
            Provisioning.problems(new Provisioning.Materials(b.identity(), Path.of("profile.yaml"), b.caPem(), b.trustedKeysJson(),
                    new Provisioning.Credentials.MakeKey(), null));
        } catch (Bundle.Refused e) {
            if (e.getMessage() == null || e.getMessage().isBlank()) {
                throw new AssertionError("a refusal without its reason");
            }
        }
    }
}
