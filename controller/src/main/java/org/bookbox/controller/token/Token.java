package org.bookbox.controller.token;

import java.util.List;
import java.util.Optional;
import org.bookbox.controller.journal.SpentCode;

/**
 * The claims of a verified token.
 *
 * @param act  what the holder may do: {@code exchange}, {@code borrow}, {@code pickup}, {@code load}, {@code service}
 * @param max  the most items this session may take, when the token says
 * @param door the locker door a pickup token opens
 * @param hold the hold id a pickup token carries, echoed in the session event
 */
public record Token(String kid, String iss, String sub, String jti, long exp, Long nbf, Long iat, List<String> aud,
                    String role, List<String> act, Integer max, String door, String hold) {

    /** The jti to spend, and until when it must be kept. */
    public SpentCode code() {
        return new SpentCode(jti, exp);
    }

    public Optional<Integer> maxItems() {
        return Optional.ofNullable(max);
    }
}
