package org.radbridge.nlp.ctakes;

/**
 * One dictionary concept found in a report by {@link LeanPipeline}.
 *
 * <p>A text span that matches several dictionary IDs yields one mention per ID (same offsets).
 *
 * @param start         begin offset (inclusive, UTF-16 index into the processed text)
 * @param end           end offset (exclusive)
 * @param text          the covered text, {@code text.substring(start, end)} of the input
 * @param conceptId     the dictionary ID (first BSV column, e.g. a RadLex {@code RID5352})
 * @param preferredText the preferred text (fourth BSV column), empty when the dictionary has none
 * @param negated       a negation cue precedes the mention in its sentence ("no", "without", "negative for" ...)
 * @param uncertain     hedged: cTAKES status "probable" ("possible", "likely" ...) or a radiology hedge
 *                      ("cannot exclude", "cannot be ruled out", "may represent" ...); such a mention is never negated
 * @param historical    cTAKES status "history of"
 * @param family        cTAKES status "family history of"
 */
public record Mention(int start, int end, String text, String conceptId, String preferredText,
                      boolean negated, boolean uncertain, boolean historical, boolean family) {
}
