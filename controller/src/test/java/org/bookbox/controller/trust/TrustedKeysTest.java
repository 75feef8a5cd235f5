package org.bookbox.controller.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.bookbox.controller.config.InvalidConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrustedKeysTest {

    @TempDir
    Path dir;

    private static final String KEY = "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"kid\":\"k1\",\"x\":\"iQCpCFzyu-eC46nsrSI4NTgU3oSYR0eAhoPEAbLwGEQ\"}";

    private String problem(String json) throws Exception {
        Path f = dir.resolve("keys.json");
        Files.writeString(f, json);
        return assertThrows(InvalidConfigException.class, () -> TrustedKeys.load(f)).getMessage().replace(f.toString(), "F");
    }

    @Test
    void loadsTheShippedDemoSet() throws Exception {
        TrustedKeys keys = TrustedKeys.load(Path.of("../examples/keys/trusted-keys.json"));
        assertEquals(1, keys.size());
        assertTrue(keys.key("demo-2026").isPresent());
    }

    @Test
    void eachMistakeIsNamed() throws Exception {
        assertEquals("F:2: trusted key set is not a JSON object (a JWK set)", problem("{\n  \"keys\": [,\n"));
        assertEquals("F: trusted key set has no \"keys\" list, or it is empty", problem("{\"keys\": []}"));
        assertEquals("F: key 'k1' is not an Ed25519 key (kty OKP, crv Ed25519)", problem("{\"keys\": [" + KEY.replace("Ed25519", "X25519") + "]}"));
        assertEquals("F: key 'k1' holds a private key (\"d\"): a box must only hold public keys",
                problem("{\"keys\": [" + KEY.replace("}", ",\"d\":\"AAAA\"}") + "]}"));
        assertEquals("F: key 'k1' has no valid \"x\" (32 bytes, base64url)", problem("{\"keys\": [" + KEY.replace("iQCp", "") + "]}"));
        assertEquals("F: key 'k1' is listed twice", problem("{\"keys\": [" + KEY + "," + KEY + "]}"));
        assertEquals("F: key 1 has no \"kid\"", problem("{\"keys\": [{\"kty\":\"OKP\"}]}"));
    }
}
