package org.radbridge.nlp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Radiology section detection from the title list {@code org/radbridge/nlp/sections/section-titles.tsv}.
 * A section starts at a line that begins with a known title followed by ':' (text may follow on the same line), or a
 * line that is only a known title. Text before the first title is {@code other}; a report without any known title
 * is all {@code findings} (a bare sentence or a findings paragraph).
 */
public final class Sections {

    public static final String FINDINGS = "findings", IMPRESSION = "impression", HISTORY = "history",
            TECHNIQUE = "technique", COMPARISON = "comparison", OTHER = "other";

    private static final Pattern LINE_TITLE = Pattern.compile("(?m)^[ \\t]*([A-Za-z][A-Za-z0-9 /&()'-]{0,60}?)[ \\t]*(:|$)");

    private final Map<String, String> titles = new HashMap<>();

    public Sections() {
        for (String[] f : Resources.tsv("/org/radbridge/nlp/sections/section-titles.tsv")) {
            titles.put(f[0].trim().toUpperCase(Locale.ROOT), f[1].trim());
        }
    }

    /** Section boundaries of one text: a sorted list of (start offset, section name). */
    public record Section(int start, int contentStart, String name) {
    }

    public List<Section> split(String text) {
        List<Section> out = new ArrayList<>();
        Matcher m = LINE_TITLE.matcher(text);
        while (m.find()) {
            String title = m.group(1).trim().toUpperCase(Locale.ROOT);
            boolean colon = ":".equals(m.group(2));
            String name = titles.get(title);
            if (name == null) continue;
            if (!colon && !m.group(1).trim().equals(title)) continue; // a bare title line must be upper case
            out.add(new Section(m.start(), m.end(), name));
        }
        if (out.isEmpty()) {
            out.add(new Section(0, 0, FINDINGS));
        } else if (out.get(0).start() > 0) {
            out.add(0, new Section(0, 0, OTHER));
        }
        return out;
    }

    /** Section name at an offset, given the result of {@link #split(String)}. */
    public static String at(List<Section> sections, int offset) {
        int lo = 0, hi = sections.size() - 1, found = -1;
        while (lo <= hi) { // last section with start <= offset
            int mid = (lo + hi) >>> 1;
            if (sections.get(mid).start() <= offset) { found = mid; lo = mid + 1; } else hi = mid - 1;
        }
        return found < 0 ? OTHER : sections.get(found).name();
    }
}
