package org.radbridge.nlp.ctakes;

import org.apache.ctakes.typesystem.type.textspan.Sentence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.radbridge.nlp.FindingMention;
import org.radbridge.nlp.RadiologyNlp;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Sentence bounds in report text whose line breaks were lost (joined by spaces, or by ',' as in MTSamples). */
class FlattenedReportBoundariesTest {

    private static SplitterEngine splitter;
    private static RadiologyNlp nlp;

    @BeforeAll
    static void setUp() throws Exception {
        splitter = new SplitterEngine();
        nlp = new RadiologyNlp();
    }

    @AfterAll
    static void tearDown() {
        splitter.close();
        nlp.close();
    }

    private static List<String> sentences(String text) throws Exception {
        return splitter.sentences(text);
    }

    private static FindingMention.Assertion assertionOf(String report, String mentionText) {
        return nlp.analyze("flat", report).mentions().stream().filter(m -> m.text().equalsIgnoreCase(mentionText))
                .findFirst().map(FindingMention::assertion).orElseThrow(() -> new AssertionError("no " + mentionText));
    }

    @Test
    void numberedItemsOnOneLineAreSentencesOfTheirOwn() throws Exception {
        assertThat(sentences("CONCLUSION: 1. No displaced rib fracture 2. Small left pleural effusion 3) Mild atelectasis"))
                .containsExactly("CONCLUSION:", "1. No displaced rib fracture", "2. Small left pleural effusion",
                        "3) Mild atelectasis");
        assertThat(sentences("Summary: (1) no hydronephrosis (2) renal cyst"))
                .containsExactly("Summary:", "(1) no hydronephrosis", "(2) renal cyst");
        assertThat(sentences("Recommendations: a. No follow-up needed b. Routine screening"))
                .containsExactly("Recommendations:", "a. No follow-up needed", "b. Routine screening");
    }

    @Test
    void commaJoinedLinesAndHeadingsAreCut() throws Exception {
        assertThat(sentences("EXAM: , Left knee radiographs.,REASON: ,Fall.,RESULT: , Bones intact.,"
                + "SUMMARY:,1.  No joint effusion.,2.  Soft tissue swelling."))
                .containsExactly("EXAM:", "Left knee radiographs.", "REASON:", "Fall.", "RESULT:", "Bones intact.",
                        "SUMMARY:", "1.  No joint effusion.", "2.  Soft tissue swelling.");
        assertThat(sentences("Head CT ,TECHNIQUE: Axial images. OPINION: No bleed"))
                .containsExactly("Head CT", "TECHNIQUE: Axial images.", "OPINION: No bleed");
    }

    @Test
    void anItemsNegationStaysInItsItem() {
        assertThat(assertionOf("IMPRESSION: 1. No pneumothorax 2. Moderate pleural effusion", "pleural effusion"))
                .isEqualTo(FindingMention.Assertion.PRESENT);
        assertThat(assertionOf("IMPRESSION:,1. No acute fracture.,2. Joint effusion.", "joint effusion"))
                .isEqualTo(FindingMention.Assertion.PRESENT);
        assertThat(assertionOf("FINDINGS: No hydronephrosis ,Renal cyst on the left.", "renal cyst"))
                .isEqualTo(FindingMention.Assertion.PRESENT);
        assertThat(assertionOf("IMPRESSION: 1. No pneumothorax 2. Moderate pleural effusion", "pneumothorax"))
                .isEqualTo(FindingMention.Assertion.ABSENT);
    }

    @Test
    void decimalsLevelsDatesRatiosAndCategoriesStayWhole() throws Exception {
        assertThat(sentences("A 3.5 cm cyst at L4-5 and C5-6, seen on 9/1/05 and 06.12.2026, ratio 1:2, approx. 2 cm."))
                .containsExactly("A 3.5 cm cyst at L4-5 and C5-6, seen on 9/1/05 and 06.12.2026, ratio 1:2, approx. 2 cm.");
        assertThat(sentences("Assessment: BI-RADS 2. Benign finding."))
                .containsExactly("Assessment: BI-RADS 2.", "Benign finding.");
        assertThat(sentences("BI-RADS category: 1. Negative mammogram."))
                .containsExactly("BI-RADS category: 1.", "Negative mammogram.");
        assertThat(sentences("Disc bulges at L3,L4 and L5 levels. Dr. Lee, MD reviewed on March 3, 2026."))
                .containsExactly("Disc bulges at L3,L4 and L5 levels.", "Dr. Lee, MD reviewed on March 3, 2026.");
        assertThat(sentences("Cysts measuring 4 x 2. 1 cm"))
                .containsExactly("Cysts measuring 4 x 2.", "1 cm");
    }
}
