package org.radbridge.nlp;

/**
 * Reports pasted from word processors and EHR editors carry typographic forms of ASCII punctuation: curly apostrophes
 * and quotes, hyphens, en dashes and minus signs, non-breaking and thin spaces. The cue lexicons, the dictionary and the tokenizers are
 * written with the ASCII forms, so "can’t exclude" missed the hedge and "No\u00A0pneumothorax" the negation. Each form
 * is replaced by its ASCII counterpart, one character for one, so every offset into the text stays valid.
 */
public final class TypographicForms {
    private TypographicForms() {}

    /** {@code text} with typographic punctuation and spaces in ASCII; the same string when it holds none. */
    public static String plain(String text) {
        char[] out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0xA0) continue;
            char r = ascii(c);
            if (r == c) continue;
            if (out == null) out = text.toCharArray();
            out[i] = r;
        }
        return out == null ? text : new String(out);
    }

    private static char ascii(char c) {
        return switch (c) {
            case '\u2018', '\u2019', '\u201A', '\u201B', '\u2032', '\u00B4', '\u02BC' -> '\'';
            case '\u201C', '\u201D', '\u201E', '\u201F', '\u2033' -> '"';
            // an em dash stays: unspaced it still parts two clauses, where an ASCII hyphen would join two words
            case '\u2010', '\u2011', '\u2012', '\u2013', '\u2212' -> '-';
            case '\u00A0', '\u2002', '\u2003', '\u2004', '\u2005', '\u2006', '\u2007', '\u2008', '\u2009', '\u200A',
                 '\u202F', '\u205F', '\u3000' -> ' ';
            default -> c;
        };
    }
}
