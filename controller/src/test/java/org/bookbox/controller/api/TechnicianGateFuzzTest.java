package org.bookbox.controller.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * The {@code Authorization} header comes from another machine: whatever it holds, the gate finds a
 * token in it or none, never fails, and never finds one in a header longer than it takes.
 */
class TechnicianGateFuzzTest {

    @FuzzTest(maxDuration = "5m")
    void anyAuthorizationHeaderIsATokenOrNone(byte[] raw) {
        String header = new String(raw, StandardCharsets.ISO_8859_1);
        String token = TechnicianGate.presented(header);
        if (token != null) {
            assertTrue(header.length() <= TechnicianGate.MAX_HEADER, "a token from a header over the limit");
            assertTrue(!token.isEmpty() && token.equals(token.strip()), "a token is never blank or padded: '" + token + "'");
        }
    }

    @Test
    void bearerAndBasicCarryTheSameToken() {
        assertEquals("abc.def.ghi", TechnicianGate.presented("Bearer abc.def.ghi"));
        assertEquals("abc.def.ghi", TechnicianGate.presented("basic " + Base64.getEncoder().encodeToString("tech:abc.def.ghi".getBytes(StandardCharsets.UTF_8))));
        assertNull(TechnicianGate.presented("Basic " + Base64.getEncoder().encodeToString("no-colon".getBytes(StandardCharsets.UTF_8))));
        assertNull(TechnicianGate.presented("Basic %%%not base64"));
        assertNull(TechnicianGate.presented("Bearer    "));
        assertNull(TechnicianGate.presented("Digest x"));
        assertNull(TechnicianGate.presented("Bearer " + "x".repeat(TechnicianGate.MAX_HEADER)));
    }
}
