package org.bookbox.drivers.scanner;

/**
 * Cleans what a scanner sends around a code: line ends, a configured prefix, and an AIM symbology
 * identifier ({@code ]Q1} for QR: a bracket, a letter, a digit) that some scanners put in front.
 */
public final class ScannedText {

    private ScannedText() {
    }

    public static String clean(String raw, String prefix) {
        String text = raw.strip();
        if (prefix != null && !prefix.isEmpty() && text.startsWith(prefix)) {
            text = text.substring(prefix.length());
        }
        if (text.length() >= 3 && text.charAt(0) == ']' && Character.isLetter(text.charAt(1)) && Character.isDigit(text.charAt(2))) {
            text = text.substring(3);
        }
        return text.strip();
    }
}
