package org.bookbox.controller.journal;

/**
 * A scanned code's {@code jti}, spent, and the expiry after which it can never verify again (so
 * after which it may be forgotten).
 */
public record SpentCode(String jti, long exp) {
}
