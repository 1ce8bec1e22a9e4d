package org.radbridge.console;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a report's text into plain runs and NLP mentions, so the page can colour each mention by its assertion. Offsets
 * are those of radbridge.report_mention (into the text as received); overlapping mentions keep the first.
 */
public final class ReportHighlighter {
    /** A run of the text; {@code mention} is null for text between mentions. */
    public record Segment(String text, StudyQueries.Mention mention) {
        public String cssClass() {
            if (mention == null) return "";
            String a = mention.assertion() == null ? "other" : mention.assertion();
            return "mention " + a + ("patient".equals(mention.subject()) ? "" : " other-subject")
                    + ("historical".equals(mention.temporality()) ? " historical" : "");
        }

        public String title() {
            if (mention == null) return null;
            return mention.assertion() + " · " + mention.system() + " " + mention.code() + (mention.radlex() == null ? "" : " · RadLex " + mention.radlex())
                    + " · " + mention.section() + " · " + mention.temporality() + (mention.laterality() == null ? "" : " · " + mention.laterality())
                    + ("patient".equals(mention.subject()) ? "" : " · subject " + mention.subject());
        }
    }

    private ReportHighlighter() {}

    public static List<Segment> segments(String text, List<StudyQueries.Mention> mentions) {
        List<Segment> out = new ArrayList<>();
        if (text == null) return out;
        int at = 0;
        for (StudyQueries.Mention m : mentions.stream().sorted(java.util.Comparator.comparingInt(StudyQueries.Mention::start)).toList()) {
            if (m.start() < at || m.end() > text.length() || m.end() <= m.start()) continue;
            if (m.start() > at) out.add(new Segment(text.substring(at, m.start()), null));
            out.add(new Segment(text.substring(m.start(), m.end()), m));
            at = m.end();
        }
        if (at < text.length()) out.add(new Segment(text.substring(at), null));
        return out;
    }
}
