package org.radbridge.nlp;

import java.util.Collection;

/**
 * A pre-test for looking a word of the text up in a map keyed by lower-case first words (normal statements,
 * not-findings phrases, exam titles): the word's first two letters must be the first two of some key of the word's
 * length (or the word one letter long where a key is). Most words of a report fail it, and then the word is neither
 * cut out, lower-cased nor hashed. Only a pre-test: a word that passes is looked up as before. ASCII letters are
 * compared; a word with another character passes, since its lower case may be another letter or longer.
 */
final class WordKeys {

    private static final int ASCII = 128;
    /** Lengths from this one on share one bit. */
    private static final int LONG = 63;
    /**
     * Index {@code first * 128 + second} (second 0: a one-letter key): bit {@code min(length, 63)} set for each key of
     * that length. Null: some key is not ASCII, no pre-test.
     */
    private final long[] lengths;

    WordKeys(Collection<String> keys) {
        long[] p = new long[ASCII * ASCII];
        for (String k : keys) {
            if (k.isEmpty() || !k.chars().allMatch(ch -> ch < ASCII)) {
                p = null;
                break;
            }
            p[k.charAt(0) * ASCII + (k.length() > 1 ? k.charAt(1) : 0)] |= 1L << Math.min(k.length(), LONG);
        }
        lengths = p;
    }

    /**
     * False only where {@code text.substring(from, end).toLowerCase(Locale.ROOT)} (a non-empty word) cannot be one of
     * the keys.
     */
    boolean mayBeKey(String text, int from, int end) {
        if (lengths == null || end <= from) return true;
        for (int i = from; i < end; i++) if (text.charAt(i) >= ASCII) return true; // its lower case may be longer
        int second = end - from > 1 ? Character.toLowerCase(text.charAt(from + 1)) : 0;
        long mask = lengths[Character.toLowerCase(text.charAt(from)) * ASCII + second];
        return (mask & 1L << Math.min(end - from, LONG)) != 0;
    }
}
