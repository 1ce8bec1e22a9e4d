package org.radbridge.nlp;

import static org.radbridge.nlp.AsciiChars.lower;
import static org.radbridge.nlp.AsciiChars.regexSpace;

import java.util.List;

/**
 * The not-findings phrases of one first word, as one pattern, and what the text must hold right after that word for
 * any of them to match there: a pre-test, so that the pattern is tried only where it may match. Nine words in ten of a
 * report that start some phrase ("no", "are", "right", "contrast") start none there, and each was a failed
 * {@code lookingAt}. The test reads the character after the word: a phrase that goes on after a space needs whitespace
 * there and then its second word's first character, one that goes on with another character ("x-ray") needs that
 * character, a phrase of one word needs nothing. Characters are compared in ASCII lower case, as the case-insensitive
 * pattern compares them; a phrase whose next character is not ASCII is always tried. A pre-test only: where it
 * passes, the pattern decides as before.
 */
final class NotFindingLeads {

    private final java.util.regex.Pattern pattern;
    /** Some phrase is the first word alone (or goes on with a character outside ASCII): always try the pattern. */
    private final boolean always;
    /** First characters (ASCII lower case) of the second words of the phrases that go on after whitespace. */
    private final String afterSpace;
    /** Characters (ASCII lower case) that follow the first word directly in a phrase. */
    private final String direct;

    private NotFindingLeads(java.util.regex.Pattern pattern, boolean always, String afterSpace, String direct) {
        this.pattern = pattern;
        this.always = always;
        this.afterSpace = afterSpace;
        this.direct = direct;
    }

    /**
     * @param pattern the phrases' pattern ({@code \b(?:...)\b}, case-insensitive, each phrase's spaces as {@code \s+})
     * @param phrases the phrases (trimmed), each starting with the same run of letters and digits
     */
    static NotFindingLeads of(java.util.regex.Pattern pattern, List<String> phrases) {
        boolean always = false;
        StringBuilder afterSpace = new StringBuilder(), direct = new StringBuilder();
        for (String phrase : phrases) {
            int e = 0;
            while (e < phrase.length() && Character.isLetterOrDigit(phrase.charAt(e))) e++;
            if (e == phrase.length()) {
                always = true;
                continue;
            }
            char c = phrase.charAt(e);
            if (c == ' ') {
                while (phrase.charAt(e) == ' ') e++; // trimmed: a character other than a space follows
                c = phrase.charAt(e);
                if (c >= 128 || regexSpace(c)) always = true;
                else afterSpace.append(lower(c));
            } else if (c >= 128 || regexSpace(c)) {
                always = true;
            } else {
                direct.append(lower(c));
            }
        }
        return new NotFindingLeads(pattern, always, afterSpace.toString(), direct.toString());
    }

    java.util.regex.Pattern pattern() {
        return pattern;
    }

    /** Whether a phrase may match at the word of {@code text} that ends at {@code wordEnd}: false only where none can. */
    boolean mayMatch(String text, int wordEnd) {
        if (always) return true;
        int n = text.length();
        if (wordEnd >= n) return false;
        char c = text.charAt(wordEnd);
        if (!regexSpace(c)) return direct.indexOf(lower(c)) >= 0;
        int k = wordEnd;
        while (k < n && regexSpace(text.charAt(k))) k++;
        return k < n && afterSpace.indexOf(lower(text.charAt(k))) >= 0;
    }
}
