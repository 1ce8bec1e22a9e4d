package org.radbridge.nlp;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A preliminary read and the final report that supersedes it, in one report text (emergency workflows keep the
 * resident's preliminary read above the attending's final report). The preliminary "possible pneumothorax" that the
 * final report confirms or rules out is not a second finding: the part between a preliminary heading and a later
 * final heading is not reported. Without a final heading after it, a preliminary read is all there is and stays.
 * Headings are data ({@code sections/preliminary-reads.tsv}).
 */
final class PreliminaryReads {
    private static final Pattern PRELIMINARY;
    private static final Pattern FINAL;
    /** A final report's words that endorse the preliminary read. */
    private static final Pattern AGREE;
    /**
     * The first words of the preliminary headings. A report holding none of them has no preliminary read: checked
     * first, because the heading pattern (case-insensitive alternation with look-arounds, tried at every character)
     * took about a twelfth of the NLP's CPU per report when it ran on every report.
     */
    private static final List<String> PRELIMINARY_FIRST_WORDS;

    static {
        List<String> prelim = new ArrayList<>(), fin = new ArrayList<>(), agree = new ArrayList<>();
        for (String[] f : Resources.tsv("/org/radbridge/nlp/sections/preliminary-reads.tsv")) {
            if (f[0].equals("heading")) continue;
            String role = f[1].trim().toLowerCase(Locale.ROOT);
            (role.equals("final") ? fin : role.equals("agree") ? agree : prelim).add(f[0].trim().toLowerCase(Locale.ROOT));
        }
        PRELIMINARY_FIRST_WORDS = prelim.stream().map(p -> p.split("\\s+")[0]).distinct().toList();
        PRELIMINARY = heading(prelim, true);
        FINAL = heading(fin, true);
        AGREE = heading(agree, false);
    }

    private PreliminaryReads() {}

    /** "heading" or "heading (who, when)" before a ':' (or the phrase alone), the longest heading first. */
    private static Pattern heading(List<String> phrases, boolean colon) {
        phrases.sort(Comparator.comparingInt(String::length).reversed());
        StringBuilder alt = new StringBuilder();
        for (String p : phrases) {
            alt.append(alt.length() > 0 ? "|" : "").append(Pattern.quote(p).replace(" ", "\\E\\s+\\Q"));
        }
        return Pattern.compile("(?<![\\p{L}\\p{N}])(?:" + alt + ")(?![\\p{L}\\p{N}])"
                + (colon ? "\\s*(?:\\([^()\\n]{0,60}\\))?\\s*:" : ""), Pattern.CASE_INSENSITIVE);
    }

    /** The superseded span {start, end} of {@code text} (preliminary heading up to the final heading), or null. */
    static int[] superseded(String text) {
        if (text.length() < 6) return null;
        int from = firstHeadingWord(text);
        if (from < 0) return null;
        Matcher p = PRELIMINARY.matcher(text);
        if (!p.find(from)) return null;
        Matcher f = FINAL.matcher(text);
        if (!f.find(p.end())) return null;
        // "FINAL REPORT: Agree with the preliminary interpretation." endorses what the preliminary read says
        return AGREE.matcher(text).find(f.end()) ? null : new int[]{p.start(), f.start()};
    }

    /**
     * Where the first preliminary heading could start: the earliest whole-word occurrence of a heading's first word, or
     * -1. Whole words, because some first words ("ed", "er") are inside nearly every word of a report.
     */
    static int firstHeadingWord(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.length() != text.length()) return 0; // a letter whose lower case is longer: no shortcut
        int first = -1;
        for (String w : PRELIMINARY_FIRST_WORDS) {
            for (int i = lower.indexOf(w); i >= 0 && (first < 0 || i < first); i = lower.indexOf(w, i + 1)) {
                if (!wordChar(lower, i - 1) && !wordChar(lower, i + w.length())) {
                    first = i;
                    break;
                }
            }
        }
        return first;
    }

    private static boolean wordChar(String s, int i) {
        return i >= 0 && i < s.length() && Character.isLetterOrDigit(s.charAt(i));
    }
}
