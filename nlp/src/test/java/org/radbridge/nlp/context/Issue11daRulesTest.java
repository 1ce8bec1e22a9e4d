package org.radbridge.nlp.context;

import org.junit.jupiter.api.Test;
import org.radbridge.nlp.FindingMention.Assertion;
import org.radbridge.nlp.NlpMentionsTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11, session 35 (helper 11da), chest radiograph and chest CT wording: a thoracic aorta of normal calibre denies a
 * thoracic aortic aneurysm (normal-statements.tsv), and a normal or negative study named by any of its names that "does
 * not exclude" a disease is a disclaimer of the method's limits (HYPO_PRE rows of context-triggers.tsv).
 */
class Issue11daRulesTest extends NlpMentionsTest {

    private static final String THORACIC_AORTIC_ANEURYSM = "433068007";
    private static final String NEOPLASM = "108369006";
    private static final String PNEUMONIA = "233604007";
    private static final String PNEUMOTHORAX = "36118008";

    @Test
    void aThoracicAortaOfNormalCalibreDeniesAnAneurysm() {
        assertThat(only("Descending thoracic aorta remains normal in calibre.", THORACIC_AORTIC_ANEURYSM).assertion())
                .isEqualTo(Assertion.ABSENT);
        assertThat(only("Non-dilated ascending aorta, 3.4 cm.", THORACIC_AORTIC_ANEURYSM).assertion())
                .isEqualTo(Assertion.ABSENT);
    }

    @Test
    void aDilatedOrUnnamedAortaIsNotDeniedByTheRow() {
        assertThat(of("The abdominal aorta is of normal calibre.", THORACIC_AORTIC_ANEURYSM)).isEmpty();
        assertThat(of("Heart and great vessels within normal limits.", THORACIC_AORTIC_ANEURYSM)).isEmpty();
        assertThat(only("Aneurysm of the descending thoracic aorta measuring 5.6 cm.", THORACIC_AORTIC_ANEURYSM)
                .assertion()).isEqualTo(Assertion.PRESENT);
    }

    @Test
    void aNormalStudyThatDoesNotExcludeADiseaseIsADisclaimer() {
        assertThat(of("Unremarkable film. A normal X-thorax does not exclude an early tumour; CT if haemoptysis recurs.",
                NEOPLASM)).isEmpty();
        assertThat(of("A normal study does not exclude early pneumonia; treat on clinical grounds.", PNEUMONIA))
                .isEmpty();
        assertThat(of("Coronary calcium score of zero does not exclude soft plaque or an early tumour.", NEOPLASM))
                .isEmpty();
    }

    @Test
    void aFindingThatTheStudyDoesNotExcludeStaysAHedge() {
        assertThat(only("Apical lucency does not exclude a small pneumothorax.", PNEUMOTHORAX).assertion())
                .isEqualTo(Assertion.POSSIBLE);
        assertThat(only("Basal opacity; this does not exclude pneumonia.", PNEUMONIA).assertion())
                .isEqualTo(Assertion.POSSIBLE);
    }
}
