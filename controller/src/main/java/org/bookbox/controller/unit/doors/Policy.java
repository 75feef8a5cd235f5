package org.bookbox.controller.unit.doors;

import java.util.ArrayList;
import java.util.List;
import org.bookbox.controller.event.Mode;

/**
 * What a session's taken and left items mean for the unit's rules. A violation is recorded, never
 * enforced at the door: the door has already opened for a valid token.
 */
public final class Policy {

    private Policy() {
    }

    public static List<String> violations(Mode mode, int taken, int left, int max) {
        List<String> out = new ArrayList<>();
        switch (mode) {
            case EXCHANGE -> {
                // take one, leave one
                if (taken > left) {
                    out.add("took_more_than_left");
                }
                if (taken > max) {
                    out.add("over_allowance");
                }
            }
            case BORROW -> {
                // what is taken is borrowed, what is left is returned
                if (taken > max) {
                    out.add("over_allowance");
                }
            }
            default -> {
                // pickup, load and service sessions are judged by their own flows
            }
        }
        return out;
    }
}
