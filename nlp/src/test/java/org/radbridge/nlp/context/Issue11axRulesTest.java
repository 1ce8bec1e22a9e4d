package org.radbridge.nlp.context;

import org.junit.jupiter.api.Test;
import org.radbridge.nlp.FindingMention;
import org.radbridge.nlp.FindingMention.Assertion;
import org.radbridge.nlp.NlpMentionsTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11, helper 11ax: the clinical lead-in with a hyphenated age ("a 60-year-old man with X", "a 3-month-old infant
 * with X") is history as the spaced form is (issue 11as), and an age is not the chronicity cue "old". The sentences are
 * new wording, not copied from an evaluation set.
 */
class Issue11axRulesTest extends NlpMentionsTest {

    private static final String PULMONARY_SARCOIDOSIS = "24369008";
    private static final String LYMPHOMA = "1163043007";
    private static final String CONSOLIDATION = "95436008";
    private static final String FOREARM_FRACTURE = "65966004";

    @Test
    void theHyphenatedAgeReadsAsWordsWithTheSameOffsets() {
        String text = "frontal view of a 47-year-old woman, a 9-month-old, a 30 year-old; non-specific, ill-defined";
        String spaced = ConText.spaceHyphenatedAge(text);
        assertThat(spaced).hasSize(text.length())
                .contains("a 47 year old woman", "a 9 month old,", "a 30 year old;", "non-specific", "ill-defined");
        assertThat(ConText.spaceHyphenatedAge("well-defined margins")).isEqualTo("well-defined margins");
    }

    @Test
    void theHyphenatedAgeLeadInIsHistory() {
        assertThat(only("Frontal chest film of a 52-year-old woman with sarcoidosis.", PULMONARY_SARCOIDOSIS).temporality())
                .isEqualTo(FindingMention.Temporality.HISTORICAL);
        assertThat(only("Axial CT of a 4-month-old infant with lymphoma.", LYMPHOMA).temporality())
                .isEqualTo(FindingMention.Temporality.HISTORICAL);
        // a finding before the lead-in is today's
        String before = "Right upper lobe consolidation in a 66-year-old man with lymphoma.";
        assertThat(has(before, CONSOLIDATION, Assertion.PRESENT)).isTrue();
        assertThat(only(before, CONSOLIDATION).temporality()).isEqualTo(FindingMention.Temporality.CURRENT);
        // what the image shows, after the lead-in, is current
        assertThat(only("A 39-year-old man with fever, radiograph demonstrating right lower lobe consolidation.",
                CONSOLIDATION).temporality()).isEqualTo(FindingMention.Temporality.CURRENT);
    }

    @Test
    void anAgeIsNoOldFinding() {
        FindingMention child = only("A 6-year-old girl, displaced fracture of the distal radius.", FOREARM_FRACTURE);
        assertThat(child.chronicity()).isNull();
        assertThat(child.assertion()).isEqualTo(Assertion.PRESENT);
        // the cue itself still marks an old fracture
        assertThat(only("Old displaced fracture of the distal radius.", FOREARM_FRACTURE).chronicity())
                .isEqualTo("chronic");
    }

    @Test
    void menopausalStatusMedicalHistoryAndTreatedDiseaseAreTheLeadIn() {
        assertThat(only("Staging CT of a 47-year-old premenopausal woman with lymphoma.", LYMPHOMA).temporality())
                .isEqualTo(FindingMention.Temporality.HISTORICAL);
        assertThat(only("Her medical history includes lymphoma, now in remission.", LYMPHOMA).temporality())
                .isEqualTo(FindingMention.Temporality.HISTORICAL);
        assertThat(only("Coronal CT six weeks after chemotherapy for the treatment of lymphoma.", LYMPHOMA).temporality())
                .isEqualTo(FindingMention.Temporality.HISTORICAL);
        // the disease stated on its own stays today's finding
        assertThat(only("Bulky retroperitoneal lymphoma encasing the aorta.", LYMPHOMA).temporality())
                .isEqualTo(FindingMention.Temporality.CURRENT);
    }

    private static final String CHOLELITHIASIS = "235919008";
    private static final String RIB_FRACTURE = "33737001";

    @Test
    void aStudyPerformedForAQuestionIsNoFinding() {
        assertThat(of("Ultrasound performed for gallstone evaluation; the gallbladder wall is thin.", CHOLELITHIASIS))
                .isEmpty();
        assertThat(of("Oblique views done for rib fracture after the fall.", RIB_FRACTURE)).isEmpty();
        // stated by the study itself, it stays
        assertThat(only("Two gallstones layer dependently in the gallbladder.", CHOLELITHIASIS).assertion())
                .isEqualTo(Assertion.PRESENT);
    }
}
