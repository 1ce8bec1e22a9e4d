package org.radbridge.nlp;

/**
 * Where a query mark ('?X') stands in its sentence. British and Commonwealth dictation puts '?' before a possible
 * reading of a sign the report has just described ("Blunting of the left costophrenic angle ?small effusion",
 * "Prominent hila ?nodes ?vessels"): the sign may have no code (blunting, bulky hilum), so no finding mention precedes
 * the query, yet the query is the radiologist's hedge, not the requester's question. A query that opens its sentence
 * ("?PE") stays a question (issue 11cj).
 */
final class Queries {

    private Queries() {
    }

    /**
     * Whether the last query mark before {@code findingStart} in the sentence starting at {@code sentenceStart} (after its
     * section title, if the title is inside the sentence) follows words of that sentence (at least one letter before
     * it, no other heading ending in ':' and no history title before it).
     */
    static boolean afterWords(String text, int sentenceStart, int findingStart, Sections sections) {
        int q = text.lastIndexOf('?', findingStart - 1);
        if (q < sentenceStart) return false;
        int from = sentenceStart;
        int colon = text.lastIndexOf(':', q - 1);
        // "Clinical details: cough ?infection": words after a heading may be the requester's; only a sentence without a
        // heading before its query counts here
        if (colon >= from) return false;
        String before = text.substring(from, q);
        // "hx renal failure ?fluid overload": a history title without its colon still opens the requester's words
        return before.chars().anyMatch(Character::isLetter) && !sections.namesHistoryTitle(before);
    }

    /**
     * Whether the sentence [start, end) opens a text that goes on after it: a headingless report's first sentence with a
     * query ("Cough, fever ?pneumonia. The lungs are clear.") is the request, not a hedge of the radiologist's.
     */
    static boolean opensLongerText(String text, int start, int end) {
        for (int k = 0; k < start; k++) if (Character.isLetter(text.charAt(k))) return false;
        for (int k = end; k < text.length(); k++) if (Character.isLetter(text.charAt(k))) return true;
        return false;
    }
}
