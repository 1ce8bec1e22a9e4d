package org.radbridge.nlp;

/**
 * Characters as a {@link java.util.regex.Pattern} without the UNICODE flags reads them, for the in-place pre-tests
 * that decide where a pattern is worth trying ({@link WordTable}, {@link NotFindingLeads}, {@link HeadingModifiers}):
 * a pre-test that read them otherwise would turn away a place where the pattern matches.
 */
final class AsciiChars {
    private AsciiChars() {
    }

    /** ASCII lower case, as a case-insensitive pattern without UNICODE_CASE (and {@code toLowerCase}) folds ASCII letters. */
    static char lower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }

    /** {@code \s} of a pattern without UNICODE_CHARACTER_CLASS. */
    static boolean regexSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
    }
}
