package org.radbridge.nlp.context;

import org.junit.jupiter.api.Test;
import org.radbridge.nlp.FindingMention.Assertion;
import org.radbridge.nlp.NlpMentionsTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11, helper 11bo: per-finding weaknesses on chest radiographs, one test per class of error fixed by data rows
 * (not-findings, synonyms). The sentences are new wording, not copied from an evaluation set.
 */
class Issue11boRulesTest extends NlpMentionsTest {

    private static final String ATROPHY = "13331008";
    private static final String ATELECTASIS = "46621007";
    private static final String BONE_LESION = "879976004";
    private static final String BONE_METASTASIS = "94222008";
    private static final String LUNG_FIBROSIS = "51615001";
    private static final String PULMONARY_TB = "154283005";

    @Test
    void volumeLossAfterLungResectionIsNoAtrophy() {
        assertThat(of("Right lower lobectomy with expected volume loss and a few surgical sutures.", ATROPHY)).isEmpty();
        assertThat(of("Small residual space, volume loss related to the prior lobectomy.", ATROPHY)).isEmpty();
        assertThat(of("Old left pneumonectomy with volume loss; the remaining lung is clear.", ATROPHY)).isEmpty();
        // a real finding in the same sentence is kept
        assertThat(only("Status post lobectomy with volume loss and new basal collapse.", ATELECTASIS).assertion())
                .isEqualTo(Assertion.PRESENT);
    }

    @Test
    void scleroticFociAreBoneLesions() {
        assertThat(only("A few sclerotic foci in the lower thoracic vertebral bodies.", BONE_LESION).assertion())
                .isEqualTo(Assertion.PRESENT);
        String s = "Scattered sclerotic foci in the ribs, compatible with known osseous metastases.";
        assertThat(only(s, BONE_LESION).assertion()).isEqualTo(Assertion.PRESENT);
        assertThat(only(s, BONE_METASTASIS).assertion()).isEqualTo(Assertion.PRESENT);
        assertThat(only("No sclerotic focus in the visualised skeleton.", BONE_LESION).assertion()).isEqualTo(Assertion.ABSENT);
    }

    @Test
    void fibrocavitaryChangesAreLungFibrosis() {
        String s = "Fibrocavitary changes at both apices in keeping with healed tuberculosis.";
        assertThat(only(s, LUNG_FIBROSIS).assertion()).isEqualTo(Assertion.PRESENT);
        assertThat(of(s, PULMONARY_TB)).isNotEmpty();
        assertThat(only("Left upper zone fibrocavitary change, unchanged.", LUNG_FIBROSIS).assertion()).isEqualTo(Assertion.PRESENT);
    }

    @Test
    void theUsualCauseIsADifferential() {
        String s = "Large left pleural effusion; tuberculosis is the commonest cause in this population.";
        assertThat(only(s, "60046008").assertion()).isEqualTo(Assertion.PRESENT);
        assertThat(of(s, PULMONARY_TB).stream().map(m -> m.assertion())).containsOnly(Assertion.POSSIBLE);
        assertThat(only("Lobar consolidation; pneumonia is the most common cause.", "233604007").assertion())
                .isEqualTo(Assertion.POSSIBLE);
    }
}
