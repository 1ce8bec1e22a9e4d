package org.radbridge.console;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReportHighlighterTest {
    private static StudyQueries.Mention m(int start, int end, String assertion, String subject, String temporality) {
        return new StudyQueries.Mention(start, end, "", "http://snomed.info/sct", "36118008", null, assertion, temporality, subject,
                "findings", null, "test 1.0");
    }

    @Test
    void theTextIsCutIntoPlainRunsAndMentionsWithTheirAssertionClasses() {
        String text = "No pneumothorax. Small effusion. Mother had cancer.";
        List<ReportHighlighter.Segment> s = ReportHighlighter.segments(text, List.of(
                m(23, 31, "present", "patient", "current"), m(3, 15, "absent", "patient", "current"), m(44, 50, "present", "family", "historical")));
        assertThat(s).extracting(ReportHighlighter.Segment::text)
                .containsExactly("No ", "pneumothorax", ". Small ", "effusion", ". Mother had ", "cancer", ".");
        assertThat(String.join("", s.stream().map(ReportHighlighter.Segment::text).toList())).isEqualTo(text);
        assertThat(s.get(1).cssClass()).isEqualTo("mention absent");
        assertThat(s.get(3).cssClass()).isEqualTo("mention present");
        assertThat(s.get(5).cssClass()).isEqualTo("mention present other-subject historical");
        assertThat(s.get(5).title()).contains("subject family");
        assertThat(s.get(0).cssClass()).isEmpty();
    }

    @Test
    void overlappingOrOutOfRangeMentionsDoNotBreakTheText() {
        String text = "pleural effusion";
        List<ReportHighlighter.Segment> s = ReportHighlighter.segments(text, List.of(
                m(0, 16, "present", "patient", "current"), m(8, 16, "present", "patient", "current"), m(10, 99, "absent", "patient", "current")));
        assertThat(s).extracting(ReportHighlighter.Segment::text).containsExactly("pleural effusion");
    }
}
