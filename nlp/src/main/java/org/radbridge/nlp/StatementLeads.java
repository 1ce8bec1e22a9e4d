package org.radbridge.nlp;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What the normal statements that start with one word can have as their second word, so that the statements' pattern
 * is tried only where the text's next word is one of them. Frequent first words ("the", "no", "normal", "heart") start
 * many statements; the pattern of all of them tried at every "the" of a report took a sixth of the analysis, and the
 * word after it rules out nearly every place at the cost of one look-up. A pre-test only: where it passes, the pattern
 * decides as before, so nothing found changes. Words are runs of letters, digits and hyphens, as the first-word index
 * reads them; the lowercase text's second word must equal a statement's second word, or, where that word ends the
 * statement, begin with it (the pattern's final {@code \b} lets "normal" match in "normal-sized").
 */
final class StatementLeads {

    /** Some statement has no second word, or does not start with a word: no pre-test, the pattern is tried. */
    private final boolean always;
    /** Second words followed by more of their statement: the text's word must be the same. */
    private final Set<String> whole;
    /** The same words, looked up in place. */
    private final WordTable<Boolean> wholeTable;
    /** Second words that end their statement: the text's word must begin with one. */
    private final List<String> ending;

    private StatementLeads(boolean always, Set<String> whole, List<String> ending) {
        this.always = always;
        this.whole = whole;
        Map<String, Boolean> table = new java.util.HashMap<>();
        for (String w : whole) table.put(w, Boolean.TRUE);
        this.wholeTable = new WordTable<>(table);
        this.ending = ending;
    }

    /**
     * The second words of the templates' phrases ({@link PhraseTemplates}, spelling variants included) that can
     * match where the text's first word, in lower case, is {@code firstWord}. A phrase with a second word matches only
     * where its first word is the text's; a phrase of one word also where it begins the text's ("extubated" in
     * "extubated-"); a phrase that does not begin with a word only where the text's first word is empty. So the rows
     * of "the" leave out their phrases that begin otherwise ("(the patient |)(is |)extubated": "extubated").
     */
    static StatementLeads of(String firstWord, Collection<String> templates, Map<String, List<String>> variants) {
        boolean always = false;
        Set<String> whole = new HashSet<>();
        Set<String> ending = new java.util.LinkedHashSet<>();
        for (String template : templates) {
            for (String lead : PhraseTemplates.leads(template, variants)) {
                int n = lead.length();
                if (n == 0 || !wordChar(lead.charAt(0))) {
                    always |= n == 0 || firstWord.isEmpty();
                    continue;
                }
                int i = wordEnd(lead, 0);
                String first = lead.substring(0, i).toLowerCase(Locale.ROOT);
                while (i < n && !wordChar(lead.charAt(i))) i++;
                if (i == n) {
                    always |= firstWord.startsWith(first);
                    continue;
                }
                if (!first.equals(firstWord)) continue;
                int j = wordEnd(lead, i);
                (j < n ? whole : ending).add(lead.substring(i, j).toLowerCase(Locale.ROOT));
            }
        }
        return new StatementLeads(always, Set.copyOf(whole), List.copyOf(ending));
    }

    /**
     * Whether a statement of these may start at a word of {@code text} that ends at {@code firstWordEnd}: false only
     * where the text's next word is none of the statements' second words (a necessary condition of a match). The
     * next word is compared in place in ASCII lower case, which is what {@code toLowerCase(Locale.ROOT)} makes of an
     * ASCII word; a word with another character is compared as before: cut from the lower-case text where that is as
     * long as the text (its letters then stand where the text's do), else lower-cased on its own.
     */
    boolean mayFollow(String text, int firstWordEnd) {
        if (always) return true;
        int n = text.length();
        int i = firstWordEnd;
        while (i < n && !wordChar(text.charAt(i))) i++;
        if (i == n) return false;
        int j = wordEnd(text, i);
        for (int k = i; k < j; k++) if (text.charAt(k) >= 128) return mayFollow(lowerWord(text, i, j));
        if (wholeTable.get(text, i, j) != null) return true;
        for (String e : ending) if (startsWithLower(text, i, j, e)) return true;
        return false;
    }

    /** The plain test on a lower-case word. */
    boolean mayFollow(String word) {
        if (whole.contains(word)) return true;
        for (String e : ending) if (word.startsWith(e)) return true;
        return false;
    }

    /** {@code text[i, j)} in lower case, as cut from the lower-case text when that is as long as the text. */
    static String lowerWord(String text, int i, int j) {
        String lower = text.toLowerCase(Locale.ROOT);
        return lower.length() == text.length() ? lower.substring(i, j) : text.substring(i, j).toLowerCase(Locale.ROOT);
    }

    /** Whether the ASCII word {@code text[i, j)}, in lower case, starts with {@code prefix}. */
    static boolean startsWithLower(String text, int i, int j, String prefix) {
        if (prefix.length() > j - i) return false;
        for (int k = 0; k < prefix.length(); k++) {
            char c = text.charAt(i + k);
            if ((c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c) != prefix.charAt(k)) return false;
        }
        return true;
    }

    /** A letter, digit or hyphen: what the statements' words are made of. */
    static boolean wordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '-';
    }

    static int wordEnd(String s, int from) {
        int i = from;
        while (i < s.length() && wordChar(s.charAt(i))) i++;
        return i;
    }

    /**
     * Where a lead of a phrase ends: just after the first character that follows its second word, or -1 while the
     * text holds no such character yet (the second word may still go on, or not have begun).
     */
    static int leadEnd(String s) {
        int n = s.length();
        int i = wordEnd(s, 0);
        while (i < n && !wordChar(s.charAt(i))) i++;
        if (i == n) return -1;
        i = wordEnd(s, i);
        return i < n ? i + 1 : -1;
    }

    /** Some statement may start here whatever the next word is. */
    boolean always() {
        return always;
    }

    /** Second words the text's next word must equal. */
    Set<String> whole() {
        return whole;
    }

    /** Second words the text's next word must begin with. */
    List<String> ending() {
        return ending;
    }

    @Override
    public String toString() {
        return always ? "any second word" : "second words " + new ArrayList<>(whole) + ", starting " + ending;
    }
}
