package org.radbridge.nlp;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The statement rows of one first word that can match where the text's next word is known, as one pattern of just
 * those rows. {@link StatementLeads} tells whether any row of the first word may follow; the same test row by row
 * tells which ones, and the pattern of all of them tried at every "the" spent most of its time on the rows the next
 * word already rules out (11bu's and 11by's profiles: the statements' {@code lookingAt} was the largest rule cost).
 * Output stays the same: the rows left out cannot match there (their second word is not the text's), and the rows
 * kept stay in file order in one alternation, so the first row that matches is the same row. A next word with a
 * character outside ASCII gets all the rows (the plain pattern), as {@link StatementLeads#mayFollow(String, int)}
 * compares it another way. Patterns of a set of rows are made once and shared (the statement tables are static and
 * read by every analysing thread).
 */
final class StatementChoices {

    /** A pattern of some rows of the first word, one capturing group per row, {@code rows[group - 1]}. */
    record Choice(Pattern pattern, int[] rows) {
    }

    private final List<String> regexes;
    private final int[] rows;
    private final Choice all;
    /** Positions (in {@code rows}) of the rows that may match whatever the next word is. */
    private final BitSet always = new BitSet();
    /** By a second word the next word must equal: the positions of the rows with that word. */
    private final WordTable<BitSet> whole;
    /** Second words the next word must begin with, and the positions of the rows with each. */
    private final List<String> endings = new ArrayList<>();
    private final List<BitSet> endingRows = new ArrayList<>();
    private final Map<BitSet, Choice> made = new ConcurrentHashMap<>();

    /**
     * @param rows      the rows of the first word in file order
     * @param regexes   each row's regex, same order
     * @param leads     each row's own leads ({@link StatementLeads#of} on that row's template alone), same order
     */
    StatementChoices(int[] rows, List<String> regexes, List<StatementLeads> leads) {
        this.rows = rows.clone();
        this.regexes = List.copyOf(regexes);
        Map<String, BitSet> byWord = new HashMap<>();
        Map<String, BitSet> byEnding = new java.util.LinkedHashMap<>();
        for (int k = 0; k < rows.length; k++) {
            StatementLeads l = leads.get(k);
            if (l.always()) always.set(k);
            for (String w : l.whole()) byWord.computeIfAbsent(w, x -> new BitSet()).set(k);
            for (String e : l.ending()) byEnding.computeIfAbsent(e, x -> new BitSet()).set(k);
        }
        whole = new WordTable<>(byWord);
        byEnding.forEach((e, b) -> {
            endings.add(e);
            endingRows.add(b);
        });
        BitSet every = new BitSet();
        every.set(0, rows.length);
        all = choice(every);
    }

    /** The pattern of all the rows. */
    Choice all() {
        return all;
    }

    /** The rows that may start at a word of {@code text} ending at {@code firstWordEnd}; none: {@code null}. */
    Choice at(String text, int firstWordEnd) {
        BitSet bits = (BitSet) always.clone();
        int n = text.length();
        int i = firstWordEnd;
        while (i < n && !StatementLeads.wordChar(text.charAt(i))) i++;
        if (i < n) {
            int j = StatementLeads.wordEnd(text, i);
            for (int k = i; k < j; k++) if (text.charAt(k) >= 128) return all;
            BitSet w = whole.get(text, i, j);
            if (w != null) bits.or(w);
            for (int e = 0; e < endings.size(); e++) {
                if (StatementLeads.startsWithLower(text, i, j, endings.get(e))) bits.or(endingRows.get(e));
            }
        }
        if (bits.isEmpty()) return null;
        if (bits.cardinality() == rows.length) return all;
        Choice c = made.get(bits);
        return c != null ? c : made.computeIfAbsent(bits, this::choice);
    }

    private Choice choice(BitSet bits) {
        StringBuilder ns = new StringBuilder();
        int[] kept = new int[bits.cardinality()];
        int g = 0;
        for (int k = bits.nextSetBit(0); k >= 0; k = bits.nextSetBit(k + 1)) {
            ns.append(ns.length() > 0 ? "|" : "").append('(').append(regexes.get(k)).append(')');
            kept[g++] = rows[k];
        }
        return new Choice(Pattern.compile("(?:" + ns + ")\\b", Pattern.CASE_INSENSITIVE), kept);
    }
}
