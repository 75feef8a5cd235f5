package org.bookbox.controller.journal;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * UUID version 7 (RFC 9562): a millisecond timestamp then random bits, so ids sort roughly by time
 * and index well in the backend. One generator per journal; no shared state.
 */
final class UuidV7 {

    private final SecureRandom random = new SecureRandom();

    UUID next(long epochMillis) {
        long rand = random.nextLong();
        long msb = (epochMillis << 16) | 0x7000L | ((rand >>> 52) & 0x0FFFL);
        long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }
}
