package org.radbridge.nlp.context;

import org.junit.jupiter.api.Test;
import org.radbridge.nlp.FindingMention.Assertion;
import org.radbridge.nlp.NlpMentionsTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11cd: classes of errors of the v24 development set fixed by data rows: a nodule follow-up service named
 * without a nodule seen, a collapsed vertebra (a compression fracture, not the lung's collapse), plate atelectasis
 * without "-like", retained shrapnel, and a butterfly / bat-wing shadow. The sentences are new wording, not copied
 * from an evaluation set.
 */
class Issue11cdRulesTest extends NlpMentionsTest {

    private static final String LUNG_NODULE = "786838002";
    private static final String VERTEBRAL_COMPRESSION_FRACTURE = "42942008";
    private static final String ATELECTASIS = "46621007";
    private static final String PLATE_ATELECTASIS = "40779009";
    private static final String FOREIGN_BODY = "19227008";
    private static final String LUNG_OPACITY = "274533004";
    private static final String PLEURAL_THICKENING = "73725006";
    private static final String PLEURAL_PLAQUE = "233659006";
    private static final String PLEURAL_CALCIFICATION = "32931001";
    private static final String PLEURAL_EFFUSION = "60046008";
    private static final String AORTIC_ATHEROSCLEROSIS = "81817003";

    @Test
    void aNoduleFollowUpServiceIsNoNodule() {
        assertThat(has("The lesion has gone; discharge from the pulmonary nodule clinic is appropriate.", LUNG_NODULE,
                Assertion.PRESENT)).isFalse();
        assertThat(has("No additional lung nodule surveillance is required.", LUNG_NODULE, Assertion.PRESENT)).isFalse();
        assertThat(has("Nodule follow up is not needed.", LUNG_NODULE, Assertion.PRESENT)).isFalse();
        // a nodule the film shows stays present, with or without a follow-up advice
        assertThat(has("A 5 mm nodule in the left upper lobe; nodule follow-up CT in one year.", LUNG_NODULE,
                Assertion.PRESENT)).isTrue();
        assertThat(has("Solitary nodule at the right base.", LUNG_NODULE, Assertion.PRESENT)).isTrue();
    }

    @Test
    void aCollapsedVertebraIsACompressionFractureNotAtelectasis() {
        assertThat(has("There is no vertebral collapse.", VERTEBRAL_COMPRESSION_FRACTURE, Assertion.ABSENT)).isTrue();
        assertThat(has("Partial collapse of the T11 vertebra, age indeterminate.", VERTEBRAL_COMPRESSION_FRACTURE,
                Assertion.PRESENT)).isTrue();
        assertThat(has("Partial collapse of the T11 vertebra, age indeterminate.", ATELECTASIS, Assertion.PRESENT))
                .isFalse();
        assertThat(has("Old L2 collapse without retropulsion.", VERTEBRAL_COMPRESSION_FRACTURE, Assertion.PRESENT))
                .isTrue();
        // the lung's collapse stays atelectasis
        assertThat(has("Complete collapse of the left lower lobe behind the heart.", ATELECTASIS, Assertion.PRESENT))
                .isTrue();
        assertThat(has("Complete collapse of the left lower lobe behind the heart.", VERTEBRAL_COMPRESSION_FRACTURE,
                Assertion.PRESENT)).isFalse();
    }

    @Test
    void plateAtelectasisWithoutLike() {
        assertThat(has("Bibasal plate atelectases.", PLATE_ATELECTASIS, Assertion.PRESENT)).isTrue();
        assertThat(has("Thin plate atelectasis above the right hemidiaphragm.", PLATE_ATELECTASIS, Assertion.PRESENT))
                .isTrue();
        assertThat(has("Dense left lower lobe atelectasis.", PLATE_ATELECTASIS, Assertion.PRESENT)).isFalse();
    }

    @Test
    void shrapnelIsAForeignBody() {
        assertThat(has("Several metallic shrapnel fragments in the right chest wall.", FOREIGN_BODY, Assertion.PRESENT))
                .isTrue();
        assertThat(has("No retained shrapnel is seen.", FOREIGN_BODY, Assertion.ABSENT)).isTrue();
    }

    @Test
    void aButterflyShadowIsALungOpacity() {
        assertThat(has("Bat-wing opacities centred on both hila.", LUNG_OPACITY, Assertion.PRESENT)).isTrue();
        assertThat(has("A perihilar butterfly pattern of shadowing is present.", LUNG_OPACITY, Assertion.PRESENT))
                .isTrue();
        assertThat(has("No butterfly shadow.", LUNG_OPACITY, Assertion.PRESENT)).isFalse();
    }

    @Test
    void aCommaListClosedByOrSharesTheModifier() {
        String text = "There is no pleural effusion, thickening or plaque on either side.";
        assertThat(has(text, PLEURAL_EFFUSION, Assertion.ABSENT)).isTrue();
        assertThat(has(text, PLEURAL_THICKENING, Assertion.ABSENT)).isTrue();
        assertThat(has(text, PLEURAL_PLAQUE, Assertion.ABSENT)).isTrue();
        assertThat(has("No pleural effusion, thickening, or calcification on the left.", PLEURAL_CALCIFICATION,
                Assertion.ABSENT)).isTrue();
        assertThat(has("Right pleural thickening and plaque, unchanged.", PLEURAL_PLAQUE, Assertion.PRESENT)).isTrue();
        // a comma that ends one statement shares nothing: the aortic calcification stays at the aorta
        String twoStatements = "Small right pleural effusion, calcification of the thoracic aorta.";
        assertThat(has(twoStatements, AORTIC_ATHEROSCLEROSIS, Assertion.PRESENT)).isTrue();
        assertThat(has(twoStatements, PLEURAL_CALCIFICATION, Assertion.PRESENT)).isFalse();
        // a plaque elsewhere is not pleural
        assertThat(has("Soft plaque in the aortic arch.", PLEURAL_PLAQUE, Assertion.PRESENT)).isFalse();
    }
}
