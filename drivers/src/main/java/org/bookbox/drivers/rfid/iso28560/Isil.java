package org.bookbox.drivers.rfid.iso28560;

import java.util.regex.Pattern;

/**
 * ISIL syntax (ISO 15511): a prefix of one to four letters or digits (a country code, or a
 * non-country prefix), a hyphen, and a library identifier of letters, digits, {@code - / :}; at
 * most 16 characters. A tag's owner that is not one is no owner a backend can route a book to.
 */
public final class Isil {

    private static final Pattern SYNTAX = Pattern.compile("[A-Za-z0-9]{1,4}-[A-Za-z0-9/:\\-]{1,11}");

    private Isil() {
    }

    public static boolean valid(String s) {
        return s != null && s.length() <= 16 && SYNTAX.matcher(s).matches();
    }
}
