package org.radbridge.nlp;

import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The not-findings phrase search of one report text, asked for one window after another (a phrase's length around
 * each mention that may lie inside a phrase). Each window finds what a search of the phrases starting at its word
 * starts, region {@code [from, to)} with transparent bounds, finds; but the windows of a report overlap (a few
 * mentions per sentence, each window twice the longest phrase), and searching each anew read the same words and tried
 * the same phrases again: a tenth of the analysis in the 2026-12 profile. Here the word starts are found once per
 * text, and each word's phrase pattern and match are looked up and tried once.
 * <p>
 * A match is tried without the window's end ({@code region(start, text.length())}) and kept: where it ends within the
 * window it is the window's match too (with transparent bounds a match inside the window is one of the whole text, and
 * the phrases that come before it in the alternation failed on the whole text, so they fail inside the window too);
 * where it ends beyond the window, the window's own search is tried (rare: a phrase cut by the window's end). Not
 * thread-safe: one per text, as the analysis of one report.
 */
final class NotFindingSearch {

    private static final int UNKNOWN = -2;
    private static final int NONE = -1;

    private final String text;
    private final WordTable<NotFindingLeads> phrases;
    /** One Matcher per phrase pattern for this text ({@code region()} resets it; its transparent bounds stay). */
    private final Map<Pattern, Matcher> matchers = new IdentityHashMap<>();
    /** Starts and ends of the text's words (runs of letters and digits), left to right; made at the first search. */
    private int[] starts;
    private int[] ends;
    private int words;
    /** By word: where the phrase starting there ends on the whole text, {@link #NONE}, or {@link #UNKNOWN} yet. */
    private int[] matchEnds;

    /** @param phrases the phrases' patterns and their pre-tests by lower-case first word ({@link NotFindingLeads}) */
    NotFindingSearch(String text, WordTable<NotFindingLeads> phrases) {
        this.text = text;
        this.phrases = phrases;
    }

    /**
     * Puts each phrase found in {@code [from, to)} into {@code masked} (start to end), as the search at each word start
     * would, left to right, going on after each phrase found.
     */
    void search(int from, int to, TreeMap<Integer, Integer> masked) {
        if (starts == null) findWords();
        int k = firstWordFrom(from);
        while (k < words && starts[k] < to) {
            int end = matchEnd(k, to);
            if (end >= 0) {
                masked.put(starts[k], end);
                k = firstWordFrom(end);
            } else {
                k++; // no phrase starts inside a word
            }
        }
    }

    /** Where the phrase at word {@code k} ends within {@code [starts[k], to)}, or {@link #NONE}. */
    private int matchEnd(int k, int to) {
        int end = matchEnds[k];
        if (end == UNKNOWN) {
            Matcher m = matcher(k);
            end = m != null && m.region(starts[k], text.length()).lookingAt() ? m.end() : NONE;
            matchEnds[k] = end;
        }
        if (end <= to) return end;
        // the phrase found on the whole text goes beyond the window: a shorter one may still end inside it
        Matcher m = matcher(k);
        return m.region(starts[k], to).lookingAt() ? m.end() : NONE;
    }

    /** The Matcher of the phrases that start with word {@code k}'s word, or null when none does or can match there. */
    private Matcher matcher(int k) {
        NotFindingLeads leads = phrases.get(text, starts[k], ends[k]);
        if (leads == null || !leads.mayMatch(text, ends[k])) return null;
        Pattern p = leads.pattern();
        Matcher m = matchers.get(p);
        if (m == null) {
            m = p.matcher(text).useTransparentBounds(true);
            matchers.put(p, m);
        }
        return m;
    }

    private void findWords() {
        int n = text.length();
        starts = new int[16];
        ends = new int[16];
        for (int i = 0; i < n; ) {
            if (!Character.isLetterOrDigit(text.charAt(i))) {
                i++;
                continue;
            }
            int e = i + 1;
            while (e < n && Character.isLetterOrDigit(text.charAt(e))) e++;
            if (words == starts.length) {
                starts = Arrays.copyOf(starts, words * 2);
                ends = Arrays.copyOf(ends, words * 2);
            }
            starts[words] = i;
            ends[words++] = e;
            i = e;
        }
        matchEnds = new int[words];
        Arrays.fill(matchEnds, UNKNOWN);
    }

    /** The first word starting at or after {@code at} ({@code words} when none). */
    private int firstWordFrom(int at) {
        int k = Arrays.binarySearch(starts, 0, words, at);
        return k >= 0 ? k : -k - 1;
    }
}
