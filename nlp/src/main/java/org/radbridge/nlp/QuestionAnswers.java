package org.radbridge.nlp;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reports that answer the clinical question first (issue 11bv): "Q: Pneumothorax after drain removal? A: None.",
 * "Question: Any effusion? Answer: No.", "Clinical question: Cardiomegaly? A: borderline.", "Q: NG tube position?
 * A: tip in the stomach". The question heading makes its findings history (a request, no finding), but the answer
 * that follows states them: the finding the question asks about takes the assertion of the answer's first words (the
 * same value rows as the template lines, {@code triggers/template-values.tsv}). A question about where a device lies
 * ("position", "placement", "tip") presupposes the device: it is present whatever the answer says of its position.
 * Only what the question asks before a procedure word is answered: in "any pneumothorax after chest tube placement?"
 * the tube is the occasion of the question, not its subject. The headings and words are data
 * ({@code triggers/question-answers.tsv}).
 */
final class QuestionAnswers {
    private QuestionAnswers() {}

    private static final String WORDS = "/org/radbridge/nlp/triggers/question-answers.tsv";
    /** A question heading at the start of a line or sentence: "Q:", "Question:", "Clinical question:", "Query:". */
    private static final Pattern QUESTION = Pattern.compile("(?i)(?<![\\p{L}\\p{N}])(?:" + phrases("question") + ")\\s*:");
    /** The answer heading right after the question mark: "A:", "Answer:", "Ans:", "Reply:". */
    private static final Pattern ANSWER = Pattern.compile("(?i)\\s*(?:" + phrases("answer") + ")\\s*:\\s*");
    /** Words of the question that name its occasion, not its subject ("after drain removal", "post biopsy"). */
    private static final Pattern OCCASION = Pattern.compile("(?i)\\b(?:" + phrases("occasion") + ")\\b");
    /** Words of a question about where a device lies. */
    private static final Pattern POSITION = Pattern.compile("(?i)\\b(?:" + phrases("position") + ")\\b");

    /** The phrases of one kind in {@link #WORDS} as a regex alternation, the longest first, any whitespace between words. */
    private static String phrases(String kind) {
        List<String> out = new ArrayList<>();
        for (String[] f : Resources.tsv(WORDS)) {
            if (!f[0].trim().equals(kind)) continue;
            out.add(Pattern.quote(f[1].trim().toLowerCase(Locale.ROOT)).replace(" ", "\\E\\s+\\Q"));
        }
        if (out.isEmpty()) throw new IllegalStateException(WORDS + ": no " + kind + " rows");
        out.sort(Comparator.comparingInt(String::length).reversed());
        return String.join("|", out);
    }

    /** How far a question heading may stand before the finding, and the question mark after it (characters). */
    private static final int REACH = 160;

    /**
     * The reading the answer gives the finding at {@code start..end} when it lies in an answered question, else null:
     * the value row the answer starts with, or present for a device-position question. {@code findingIn} tells whether
     * a finding mention starts in a span of the text.
     */
    static TemplateLines.Reading reading(String text, int start, int end, java.util.function.BiPredicate<Integer, Integer> findingIn) {
        // the question mark first: a cheap scan that ends most calls (a finding in no question)
        int mark = -1;
        for (int i = end; i < Math.min(text.length(), end + REACH); i++) {
            char c = text.charAt(i);
            if (c == '?') { mark = i; break; }
            if (c == '\n' || c == '.' || c == ';') return null;
        }
        if (mark < 0) return null;
        int from = Math.max(0, start - REACH);
        int lead = -1;
        Matcher q = QUESTION.matcher(text).region(from, start);
        while (q.find()) lead = q.end();
        if (lead < 0) return null;
        String before = text.substring(lead, start);
        if (before.indexOf('?') >= 0 || before.indexOf('\n') >= 0 || before.indexOf('.') >= 0) return null;
        // the occasion counts only in the finding's own clause ("Post-pacemaker generator change, any pneumothorax?")
        if (OCCASION.matcher(before.substring(before.lastIndexOf(',') + 1)).find()) return null;
        Matcher a = ANSWER.matcher(text).region(mark + 1, text.length());
        if (!a.lookingAt()) return null;
        // an answer that names a finding itself ("Q: Heart failure? A: No radiographic evidence of failure.") speaks for
        // itself: the question stays a question
        int answerEnd = a.end();
        while (answerEnd < text.length() && ".;\n".indexOf(text.charAt(answerEnd)) < 0) answerEnd++;
        if (findingIn.test(a.end(), answerEnd)) return null;
        // a position word asks about this finding when it stands in its own clause, before any occasion ("ETT
        // position?", "where is the NG tube?"), not in the occasion ("pneumothorax after chest tube placement?")
        String after = text.substring(end, mark);
        Matcher occasion = OCCASION.matcher(after);
        if (occasion.find()) after = after.substring(0, occasion.start());
        if (POSITION.matcher(before.substring(before.lastIndexOf(',') + 1)).find() || POSITION.matcher(after).find()) {
            return TemplateLines.Reading.PRESENT;
        }
        return TemplateLines.valueReading(text, a.end());
    }
}
