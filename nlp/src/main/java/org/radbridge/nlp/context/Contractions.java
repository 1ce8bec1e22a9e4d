package org.radbridge.nlp.context;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Contracted negations read as the words they stand for (issue 11bv): "I don't see a pneumothorax", "there isn't any
 * effusion", "we can't exclude pneumonia" read as "do not see", "is not", "cannot exclude", so the trigger list needs
 * only the full forms. The forms are rows of the trigger file: {@code CONTRACTION} rows give a form ending in "n't" and
 * its words ("don't" = "do not", "can't" = "cannot", "won't" = "will not"); {@code BARE_CONTRACTION} rows the forms
 * also read without their apostrophe ("dont", "isnt" ..., none of them an English word; not "cant"). A token written so
 * becomes the tokens of its words: two, the second covering the "n't" ("do", "not"), or one ("cannot"). A token's
 * third element indexes the words; a token of two elements is its own text.
 */
final class Contractions {

    /** The words contractions stand for; a token's third element is an index here. */
    private final List<String> words = new ArrayList<>();
    /** By stem (the form without its "n't": "do", "ca", "wo"): the indexes of the one or two words it reads as. */
    private final Map<String, int[]> byStem = new HashMap<>();
    private final Set<String> bare;

    /**
     * @param forms each contracted form ("don't") with the words it stands for ("do not"), one or two words
     * @param bare  the forms also read without the apostrophe ("dont"); each the apostrophe-less spelling of a form
     */
    Contractions(Map<String, String> forms, Set<String> bare) {
        forms.forEach((form, reading) -> {
            String[] w = reading.trim().split("\\s+");
            if (form.length() <= 3 || !form.endsWith("n't") || w.length > 2 || w[0].isEmpty()) {
                throw new IllegalArgumentException("contraction row must be a form ending in n't and its one or two words: "
                        + form + " = " + reading);
            }
            int[] read = new int[w.length];
            for (int k = 0; k < w.length; k++) {
                int index = words.indexOf(w[k]);
                if (index < 0) {
                    index = words.size();
                    words.add(w[k]);
                }
                read[k] = index;
            }
            byStem.put(form.substring(0, form.length() - 3), read);
        });
        for (String b : bare) {
            if (b.length() < 4 || !b.endsWith("nt") || !byStem.containsKey(b.substring(0, b.length() - 2))) {
                throw new IllegalArgumentException("bare contraction without its contraction row: " + b);
            }
        }
        this.bare = new HashSet<>(bare);
    }

    /** Adds the token {@code lower[i, j)}: a contracted negation as the tokens of its words, any other word as itself. */
    void addToken(String lower, int i, int j, List<int[]> tokens) {
        int len = j - i;
        boolean apostrophe = len > 3 && lower.startsWith("n't", j - 3);
        boolean bareForm = !apostrophe && len >= 4 && lower.startsWith("nt", j - 2) && bare.contains(lower.substring(i, j));
        int stemEnd = j - (apostrophe ? 3 : 2);
        int[] read = apostrophe || bareForm ? byStem.get(lower.substring(i, stemEnd)) : null;
        if (read == null) {
            tokens.add(new int[]{i, j});
        } else if (read.length == 1) {
            tokens.add(new int[]{i, j, read[0]});
        } else {
            tokens.add(new int[]{i, stemEnd, read[0]});
            tokens.add(new int[]{stemEnd, j, read[1]});
        }
    }

    /** The word a token reads as: its text, or the word a contraction stands for. */
    String word(String lower, int[] tok) {
        return tok.length > 2 ? words.get(tok[2]) : lower.substring(tok[0], tok[1]);
    }

    /** Whether a token reads as {@code word}, without copying its text. */
    boolean wordAt(String lower, int[] tok, String word) {
        if (tok.length > 2) return words.get(tok[2]).equals(word);
        return tok[1] - tok[0] == word.length() && lower.regionMatches(tok[0], word, 0, word.length());
    }

    /** The first character a token reads as (a contraction's: that of its word). */
    char firstChar(String lower, int[] tok) {
        return tok.length > 2 ? words.get(tok[2]).charAt(0) : lower.charAt(tok[0]);
    }

    /** A trigger phrase with its contractions in the words the tokens read them as ("can't exclude": "cannot exclude"). */
    String uncontracted(String phrase) {
        if (phrase.indexOf("n't") < 0) return phrase;
        List<int[]> tokens = new ArrayList<>();
        for (int i = 0, n = phrase.length(); i < n; ) {
            if (phrase.charAt(i) == ' ') { i++; continue; }
            int j = phrase.indexOf(' ', i);
            if (j < 0) j = n;
            addToken(phrase, i, j, tokens);
            i = j;
        }
        List<String> out = new ArrayList<>();
        for (int[] tok : tokens) out.add(word(phrase, tok));
        return String.join(" ", out);
    }
}
