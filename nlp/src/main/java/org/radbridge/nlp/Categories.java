package org.radbridge.nlp;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Report-level assessment categories when the report states them: BI-RADS 0–6 ("BI-RADS 4", "BI-RADS category 4A",
 * "BIRADS: 2", "ACR BI-RADS® Category 5") and Lung-RADS 0–4X ("Lung-RADS 4B", "Lung-RADS category 2",
 * "Lung-RADS v2022 3"). When a report states several, the last one wins (the impression and final assessment come
 * last). BI-RADS 4 subcategories are kept ("4A").
 */
public final class Categories {
    private static final Pattern BIRADS = Pattern.compile(
            "\\bBI-?RADS\\s*(?:®|\\(R\\))?\\s*(?:assessment\\s*)?(?:category|cat\\.?)?\\s*[:#=-]?\\s*([0-6])([ABC])?(?![\\w]|\\.\\d)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern LUNGRADS = Pattern.compile(
            "\\bLung-?RADS\\s*(?:®|\\(R\\))?\\s*(?:v?(?:1\\.1|2022|1\\.0))?\\s*(?:assessment\\s*)?(?:category|cat\\.?)?\\s*[:#=-]?\\s*"
                    + "([0-4])([ABX])?(S)?(?![\\w]|\\.\\d)",
            Pattern.CASE_INSENSITIVE);

    private Categories() {}

    public static String biRads(String text) {
        if (!mentionsRads(text)) return null;
        String last = null;
        Matcher m = BIRADS.matcher(text);
        while (m.find()) last = m.group(1) + (m.group(2) != null && m.group(1).equals("4") ? m.group(2).toUpperCase() : "");
        return last;
    }

    public static String lungRads(String text) {
        if (!mentionsRads(text)) return null;
        String last = null;
        Matcher m = LUNGRADS.matcher(text);
        while (m.find()) {
            String c = m.group(1);
            String sub = m.group(2) == null ? "" : m.group(2).toUpperCase();
            if (c.equals("4") && !sub.isEmpty()) c += sub;
            else if (!c.equals("4") && !sub.isEmpty()) continue; // "3A" is not a Lung-RADS category
            last = c + (m.group(3) != null ? "S" : "");
        }
        return last;
    }

    /** Both patterns need "RADS": a plain scan rules most reports out before the patterns try every offset. */
    private static boolean mentionsRads(String text) {
        for (int i = 3; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c == 's' || c == 'S') && text.regionMatches(true, i - 3, "rads", 0, 4)) return true;
        }
        return false;
    }
}
