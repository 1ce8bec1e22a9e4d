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
    /**
     * By a second word the next word must equal: the rows such a next word leaves (those of that word, those that may
     * follow whatever the word, those whose ending it begins with: all known from the word itself), their pattern made
     * at the first such word. Cloning and or-ing the row sets at each candidate place, and hashing them to find their
     * pattern, cost more than the look-up.
     */
    private final WordTable<Lead> whole;
    /** The rows that may match whatever the next word is (null: none), for a next word no row names. */
    private final Lead alwaysLead;
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
        byEnding.forEach((e, b) -> {
            endings.add(e);
            endingRows.add(b);
        });
        Map<String, Lead> leadsByWord = new HashMap<>();
        byWord.forEach((w, b) -> {
            BitSet bits = (BitSet) always.clone();
            bits.or(b);
            for (int e = 0; e < endings.size(); e++) if (w.startsWith(endings.get(e))) bits.or(endingRows.get(e));
            leadsByWord.put(w, new Lead(bits));
        });
        whole = new WordTable<>(leadsByWord);
        alwaysLead = always.isEmpty() ? null : new Lead(always);
        BitSet every = new BitSet();
        every.set(0, rows.length);
        all = choice(every);
    }

    /** A set of rows and, once asked for, its pattern (shared through {@link #made}). */
    private final class Lead {
        private final BitSet bits;
        private volatile Choice choice;

        Lead(BitSet bits) {
            this.bits = bits;
        }

        Choice choice() {
            Choice c = choice;
            if (c == null) choice = c = choiceOf(bits);
            return c;
        }
    }

    /** The pattern of all the rows. */
    Choice all() {
        return all;
    }

    /** The rows that may start at a word of {@code text} ending at {@code firstWordEnd}; none: {@code null}. */
    Choice at(String text, int firstWordEnd) {
        int n = text.length();
        int i = firstWordEnd;
        while (i < n && !StatementLeads.wordChar(text.charAt(i))) i++;
        if (i == n) return alwaysLead == null ? null : alwaysLead.choice();
        int j = StatementLeads.wordEnd(text, i);
        for (int k = i; k < j; k++) if (text.charAt(k) >= 128) return all;
        Lead w = whole.get(text, i, j);
        if (w != null) return w.choice();
        BitSet bits = null; // a word no row names: the rows of the endings it begins with, and those of any word
        for (int e = 0; e < endings.size(); e++) {
            if (!StatementLeads.startsWithLower(text, i, j, endings.get(e))) continue;
            if (bits == null) bits = (BitSet) always.clone();
            bits.or(endingRows.get(e));
        }
        if (bits == null) return alwaysLead == null ? null : alwaysLead.choice();
        return choiceOf(bits);
    }

    /** The pattern of these rows; none: {@code null}. */
    private Choice choiceOf(BitSet bits) {
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
