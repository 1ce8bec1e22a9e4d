package org.radbridge.nlp.context;

import org.junit.jupiter.api.Test;
import org.radbridge.nlp.FindingMention.Assertion;
import org.radbridge.nlp.NlpMentionsTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11, helper 11am: chest error classes shared by two or more of the development sets v12-v15 (different
 * writers): loculated fluid without the word "pleural", emboli graded central / peripheral on CT pulmonary
 * angiography, and a present sign whose own reading is hedged further on in the sentence. The sentences are new
 * wording, not copied from an evaluation set.
 */
class Issue11amRulesTest extends NlpMentionsTest {

    private static final String PLEURAL_EFFUSION = "60046008";
    private static final String PULMONARY_EMBOLISM = "59282003";
    private static final String EMBOLUS = "55584005";
    private static final String CARDIOMEGALY = "8186001";
    private static final String PERICARDIAL_EFFUSION = "373945007";

    @Test
    void loculatedFluidIsPleuralFluid() {
        assertThat(only("A pocket of loculated fluid sits along the left posterior chest wall.", PLEURAL_EFFUSION)
                .assertion()).isEqualTo(Assertion.PRESENT);
        assertThat(only("No loculated pleural fluid is seen.", PLEURAL_EFFUSION).assertion()).isEqualTo(Assertion.ABSENT);
        // a loculated fluid collection in the pelvis or a surgical bed is a collection, not pleural fluid
        assertThat(of("CT PELVIS\nFINDINGS: Loculated fluid collection in the surgical bed, possibly an abscess.",
                PLEURAL_EFFUSION)).isEmpty();
    }

    @Test
    void centralAndPeripheralEmboliArePulmonary() {
        String limited = "Motion limits assessment; peripheral emboli are not excluded.";
        assertThat(only(limited, PULMONARY_EMBOLISM).assertion()).isEqualTo(Assertion.POSSIBLE);
        assertThat(of(limited, EMBOLUS)).isEmpty();
        assertThat(only("There is no central embolus.", PULMONARY_EMBOLISM).assertion()).isEqualTo(Assertion.ABSENT);
    }

    @Test
    void aSignWhoseReadingIsHedgedIsPossibleOnly() {
        String s = "Enlarged cardiac silhouette, possibly cardiomegaly versus pericardial effusion.";
        assertThat(only(s, CARDIOMEGALY).assertion()).isEqualTo(Assertion.POSSIBLE);
        assertThat(only(s, PERICARDIAL_EFFUSION).assertion()).isEqualTo(Assertion.POSSIBLE);
        // a finding on one side and a possible one on the other side are two findings
        String sides = "Small left pleural effusion; a right effusion is possible.";
        assertThat(has(sides, PLEURAL_EFFUSION, Assertion.PRESENT)).isTrue();
        assertThat(has(sides, PLEURAL_EFFUSION, Assertion.POSSIBLE)).isTrue();
        // a hedge in the next sentence leaves the stated finding present
        assertThat(has("The heart is enlarged. Cardiomegaly or pericardial effusion could be considered.",
                CARDIOMEGALY, Assertion.PRESENT)).isTrue();
    }

    @Test
    void nodesBesideTheTracheaAreParatrachealLymphadenopathy() {
        String paratracheal = "23794001";
        assertThat(only("A left paratracheal lymph node is enlarged to 14 mm.", paratracheal).assertion())
                .isEqualTo(Assertion.PRESENT);
        assertThat(only("Fullness of the right paratracheal stripe, adenopathy not excluded.", paratracheal).assertion())
                .isEqualTo(Assertion.POSSIBLE);
        // the general lymphadenopathy is not reported beside it, and a normal stripe is no finding
        assertThat(of("A left paratracheal lymph node is enlarged to 14 mm.", "30746006")).isEmpty();
        assertThat(of("The paratracheal stripe is of normal width.", paratracheal)).isEmpty();
    }
}
