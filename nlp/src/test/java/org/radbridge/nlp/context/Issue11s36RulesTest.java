package org.radbridge.nlp.context;

import org.junit.jupiter.api.Test;
import org.radbridge.nlp.FindingMention;
import org.radbridge.nlp.FindingMention.Assertion;
import org.radbridge.nlp.NlpMentionsTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11, session 36 (from the misses of blind v33 after its one blind run): a negation with "without" after a history
 * cue states today's image (STATE_NEGATION); "could have this appearance" hedges the finding before it; a statement that
 * "most" of a kind of finding behaves some way speaks of the disease in general; the decimal mark of a measurement
 * inside a noun phrase ("enlarged 1.7 cm subcarinal lymph node") does not cut the phrase from its site.
 */
class Issue11s36RulesTest extends NlpMentionsTest {

    private static final String LOOSENING = "302969009";
    private static final String PNEUMONIA = "233604007";
    private static final String PERICARDIAL_EFFUSION = "373945007";
    private static final String FOREIGN_BODY = "19227008";
    private static final String PLEURAL_EFFUSION = "60046008";

    @Test
    void aNegationWithWithoutAfterAHistoryCueIsTodaysImage() {
        FindingMention m = only("Status post left total knee arthroplasty without evidence of loosening.", LOOSENING);
        assertThat(m.assertion()).isEqualTo(Assertion.ABSENT);
        assertThat(m.temporality()).isEqualTo(FindingMention.Temporality.CURRENT);
        assertThat(has("Prior hip replacement without loosening of the components.", LOOSENING, Assertion.ABSENT)).isTrue();
    }

    @Test
    void aHardwareComplicationDeniedDeniesNoHardware() {
        // the arthroplasty is history and the hardware is not what "without" denies
        assertThat(has("Status post right hip arthroplasty without evidence of hardware complication.", "53350007",
                Assertion.ABSENT)).isFalse();
        assertThat(has("Intact fixation hardware.", "53350007", Assertion.PRESENT)).isTrue();
    }

    @Test
    void aDecimalMeasurementInsideTheNounPhraseKeepsItsSite() {
        assertThat(has("Enlarged 2.4 cm subcarinal lymph node.", "52324001", Assertion.PRESENT)).isTrue();
        assertThat(has("Enlarged 1,5 cm right hilar lymph node.", "87500009", Assertion.PRESENT)).isTrue();
        // a full stop still ends the phrase: the node of the next sentence is not the hilum's
        assertThat(has("Hila normal. Enlarged lymph node in the neck.", "87500009", Assertion.PRESENT)).isFalse();
    }

    @Test
    void normalBeforeTheNounDeniesAsThePredicateDoes() {
        assertThat(only("Lungs clear. Normal lung vascular markings.", "196115007").assertion()).isEqualTo(Assertion.ABSENT);
        assertThat(only("Normal mediastinal width on this supine film.", "363646005").assertion())
                .isEqualTo(Assertion.ABSENT);
        // markings said increased are still the congestion itself
        assertThat(has("The pulmonary vascular markings are increased.", "196115007", Assertion.PRESENT)).isTrue();
    }

    @Test
    void aHistoryWithoutANegationStaysHistory() {
        assertThat(only("History of pneumonia last winter.", PNEUMONIA).temporality())
                .isEqualTo(FindingMention.Temporality.HISTORICAL);
        assertThat(has("History of pneumonia last winter.", PNEUMONIA, Assertion.PRESENT)).isFalse();
    }

    @Test
    void aFindingThatCouldHaveThisAppearanceIsPossible() {
        assertThat(only("Globular cardiac silhouette; a pericardial effusion can have this appearance.",
                PERICARDIAL_EFFUSION).assertion()).isEqualTo(Assertion.POSSIBLE);
        assertThat(only("Moderate pericardial effusion.", PERICARDIAL_EFFUSION).assertion()).isEqualTo(Assertion.PRESENT);
    }

    @Test
    void whatMostFindingsOfAKindDoIsNoFindingOfTheReport() {
        assertThat(of("No radiopaque foreign body. CT may help since most ingested foreign bodies are not radiopaque.",
                FOREIGN_BODY)).singleElement().satisfies(m -> assertThat(m.assertion()).isEqualTo(Assertion.ABSENT));
        assertThat(only("Metallic foreign body in the soft tissues of the thumb.", FOREIGN_BODY).assertion())
                .isEqualTo(Assertion.PRESENT);
        // "most of" speaks of this patient's finding
        assertThat(has("Small residual left effusion, since most of the fluid was drained.", PLEURAL_EFFUSION,
                Assertion.PRESENT)).isTrue();
    }
}
