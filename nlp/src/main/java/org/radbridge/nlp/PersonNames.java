package org.radbridge.nlp;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A finding word that is a person's surname: "Electronically signed by Dr. Rachel Stone", "Reported by Emily Mass",
 * "Results phoned to Nurse Stone", "Sonographer: J. Stone". Signature and notification lines name clinicians, and some
 * surnames are finding words (Stone, Mass, Bleed); reports that keep their names gave a calculus or a mass on a normal
 * report (issue 11, helper 11ci). The word is read as a name when it is capitalised and a lead of
 * {@code sentences/person-name-leads.tsv} (a title or a sign-off verb) stands before it, with at most
 * {@value #MAX_NAME_TOKENS} capitalised given names or initials between ("Dr. A. J. Stone"). A lower-case word between
 * ends the name ("Dr. Smith notes a Mass" is no name), so is any other punctuation than an initial's full stop, and a colon
 * stands only right after the lead ("Discussed with Dr. Smith: Mass ..." names no Mass).
 */
final class PersonNames {
    /** Given names and initials allowed between the lead and the surname. */
    static final int MAX_NAME_TOKENS = 3;
    /** The leads, lower case, each as its words. */
    private static final List<String[]> LEADS = new ArrayList<>();

    static {
        for (String[] f : Resources.tsv("/org/radbridge/nlp/sentences/person-name-leads.tsv")) {
            LEADS.add(f[0].trim().toLowerCase(Locale.ROOT).split("\\s+"));
        }
    }

    private PersonNames() {}

    /** Whether the mention {@code [start, end)} of {@code text} is (part of) a person's name after a lead. */
    static boolean isName(String text, int start, int end) {
        if (start >= end || !Character.isUpperCase(text.charAt(start))) return false;
        int i = start;
        for (int tokens = 0; tokens <= MAX_NAME_TOKENS; tokens++) {
            int j = skipSpaces(text, i);
            if (j == i && i != start) return false; // "J.Stone" aside, names are parted by spaces
            if (leadEndsAt(text, j)) return true;
            // "Radiologist: J. Stone": a colon only right after the lead
            if (j > 0 && text.charAt(j - 1) == ':' && leadEndsAt(text, skipSpaces(text, j - 1))) return true;
            // one more given name or initial before: "Rachel", "J.", "J"
            int k = j;
            if (k > 0 && text.charAt(k - 1) == '.') k--;
            int wordEnd = k;
            while (k > 0 && Character.isLetter(text.charAt(k - 1))) k--;
            if (k == wordEnd || !Character.isUpperCase(text.charAt(k))) return false;
            boolean initial = wordEnd - k == 1;
            if (wordEnd < j && !initial) return false; // "Jones." ends a sentence, not an initial
            for (int c = k + 1; c < wordEnd; c++) if (!Character.isLowerCase(text.charAt(c))) return false;
            i = k;
        }
        return false;
    }

    /** Back over the spaces before {@code i}. */
    private static int skipSpaces(String text, int i) {
        while (i > 0 && (text.charAt(i - 1) == ' ' || text.charAt(i - 1) == '\t')) i--;
        return i;
    }

    /** Whether a lead's words end at {@code end}, the first starting at a word boundary. */
    private static boolean leadEndsAt(String text, int end) {
        for (String[] lead : LEADS) {
            int e = end;
            boolean ok = true;
            for (int w = lead.length - 1; w >= 0 && ok; w--) {
                String word = lead[w];
                int s = e - word.length();
                if (s < 0 || !text.regionMatches(true, s, word, 0, word.length())) { ok = false; break; }
                if (w > 0) {
                    int b = s;
                    while (b > 0 && Character.isWhitespace(text.charAt(b - 1))) b--;
                    if (b == s) ok = false;
                    e = b;
                } else if (s > 0 && Character.isLetterOrDigit(text.charAt(s - 1))) {
                    ok = false;
                }
            }
            if (ok) return true;
        }
        return false;
    }
}
