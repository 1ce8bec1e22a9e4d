package org.radbridge.nlp;

import java.util.ArrayList;
import java.util.List;

/**
 * Phrase rows written as templates: {@code (a|b|c)} is one of the alternatives, an empty alternative makes the group
 * optional ({@code (is |)}). "(heart|cardiac silhouette) (is |)(normal|unremarkable)" stands for six phrases, so a data
 * file can list the ways a statement is worded without writing out every combination.
 */
final class PhraseTemplates {

    /** A template standing for more phrases than this is refused (a typing error, not a statement list). */
    static final int MAX_PHRASES = 200_000;

    private static final java.util.regex.Pattern WHITESPACE = java.util.regex.Pattern.compile("\\s+");

    private PhraseTemplates() {
    }

    /** The phrases of a template, single spaces between words, in the order of the alternatives. */
    static List<String> expand(String template) {
        List<String> out = new ArrayList<>();
        expand(template, 0, new StringBuilder(), out);
        java.util.Set<String> normalised = new java.util.LinkedHashSet<>();
        for (String p : out) {
            String s = WHITESPACE.matcher(p.trim()).replaceAll(" ");
            if (!s.isEmpty()) normalised.add(s);
        }
        return new ArrayList<>(normalised);
    }

    /**
     * The template as a regular expression without capturing groups: words quoted, any whitespace between words, each
     * group a non-capturing alternation (an empty alternative makes it optional); a word with listed spelling variants
     * matches any of them ("normal" or "normla": the dictation misspellings of {@code terms/misspellings.tsv}, by
     * correct word).
     */
    static String regex(String template, java.util.Map<String, List<String>> variants) {
        StringBuilder sb = new StringBuilder();
        for (Piece piece : pieces(template)) {
            if (!piece.group()) {
                sb.append(literal(piece.alternatives().get(0), variants));
                continue;
            }
            sb.append("(?:");
            List<String> alts = piece.alternatives();
            for (int i = 0; i < alts.size(); i++) sb.append(i > 0 ? "|" : "").append(literal(alts.get(i), variants));
            sb.append(')');
        }
        return sb.toString();
    }

    /** A literal stretch of a template (one alternative, {@code group} false) or a group of alternatives. */
    private record Piece(List<String> alternatives, boolean group) {
    }

    /** A template cut into its literal stretches and groups, in order; every stretch before a group is given, even empty. */
    private static List<Piece> pieces(String template) {
        List<Piece> out = new ArrayList<>();
        int from = 0;
        while (from < template.length()) {
            int open = template.indexOf('(', from);
            out.add(new Piece(List.of(template.substring(from, open < 0 ? template.length() : open)), false));
            if (open < 0) break;
            int close = template.indexOf(')', open);
            if (close < 0) throw new IllegalArgumentException("unclosed '(' in template: " + template);
            out.add(new Piece(List.of(template.substring(open + 1, close).split("\\|", -1)), true));
            from = close + 1;
        }
        return out;
    }

    /**
     * The beginnings of the texts {@link #regex} matches, with each run of whitespace as one space and every spelling
     * variant spelled out, each cut after the first character that ends its second word (words: runs of letters,
     * digits and hyphens, as {@link StatementLeads} reads them); a text that ends sooner is given whole. What a matching
     * text can hold as its first two words can be read from these, without spelling out every phrase of the template.
     */
    static java.util.Set<String> leads(String template, java.util.Map<String, List<String>> variants) {
        java.util.Set<String> states = new java.util.LinkedHashSet<>(List.of(""));
        for (Piece piece : pieces(template)) states = append(states, piece.alternatives(), variants);
        return states;
    }

    /** Each unfinished lead followed by each alternative, read as {@link #literal} reads it (words with variants). */
    private static java.util.Set<String> append(java.util.Set<String> states, List<String> alternatives,
                                                java.util.Map<String, List<String>> variants) {
        java.util.Set<String> out = new java.util.LinkedHashSet<>();
        for (String state : states) {
            if (StatementLeads.leadEnd(state) >= 0) {
                out.add(state);
                continue;
            }
            for (String alt : alternatives) {
                List<String> texts = List.of(state);
                for (List<String> forms : tokens(alt, variants)) {
                    List<String> longer = new ArrayList<>();
                    for (String t : texts) {
                        if (StatementLeads.leadEnd(t) >= 0) longer.add(t);
                        else for (String f : forms) longer.add(t + f);
                    }
                    texts = longer;
                }
                for (String t : texts) {
                    int end = StatementLeads.leadEnd(t);
                    out.add(end >= 0 ? t.substring(0, end) : t);
                }
            }
        }
        return out;
    }

    private static String literal(String s, java.util.Map<String, List<String>> variants) {
        StringBuilder sb = new StringBuilder();
        for (List<String> forms : tokens(s, variants)) {
            if (forms == BLANK) sb.append("\\s+");
            else if (forms.size() == 1) sb.append(java.util.regex.Pattern.quote(forms.get(0)));
            else {
                sb.append("(?:");
                for (int i = 0; i < forms.size(); i++) sb.append(i > 0 ? "|" : "").append(java.util.regex.Pattern.quote(forms.get(i)));
                sb.append(')');
            }
        }
        return sb.toString();
    }

    /** A run of whitespace among {@link #tokens}: one space in a spelled-out text, any whitespace in a regex. */
    private static final List<String> BLANK = List.of(" ");

    /**
     * The words and whitespace runs of a stretch, in order: a whitespace run as {@link #BLANK}, a word as itself followed
     * by its listed spelling variants.
     */
    private static List<List<String>> tokens(String s, java.util.Map<String, List<String>> variants) {
        List<List<String>> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            int j = i;
            if (Character.isWhitespace(s.charAt(i))) {
                while (j < s.length() && Character.isWhitespace(s.charAt(j))) j++;
                out.add(BLANK);
            } else {
                while (j < s.length() && !Character.isWhitespace(s.charAt(j))) j++;
                String word = s.substring(i, j);
                List<String> forms = new ArrayList<>();
                forms.add(word);
                forms.addAll(variants.getOrDefault(word, List.of()));
                out.add(forms);
            }
            i = j;
        }
        return out;
    }

    private static void expand(String t, int from, StringBuilder prefix, List<String> out) {
        int open = t.indexOf('(', from);
        if (open < 0) {
            out.add(prefix + t.substring(from));
            if (out.size() > MAX_PHRASES) throw new IllegalArgumentException("template stands for too many phrases: " + t);
            return;
        }
        int close = t.indexOf(')', open);
        if (close < 0) throw new IllegalArgumentException("unclosed '(' in template: " + t);
        int mark = prefix.length();
        prefix.append(t, from, open);
        for (String alt : t.substring(open + 1, close).split("\\|", -1)) {
            int before = prefix.length();
            prefix.append(alt);
            expand(t, close + 1, prefix, out);
            prefix.setLength(before);
        }
        prefix.setLength(mark);
    }
}
