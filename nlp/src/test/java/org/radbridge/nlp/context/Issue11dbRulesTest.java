package org.radbridge.nlp.context;

import org.junit.jupiter.api.Test;
import org.radbridge.nlp.FindingMention.Assertion;
import org.radbridge.nlp.NlpMentionsTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11, session 35 (helper 11db), findings off the chest: the breast's own location and BI-RADS words name the
 * breast for a statement that names no site (sites/region-words.tsv); the bare "obstruction" of an abdominal exam is
 * an intestinal obstruction, of the small bowel at the small bowel, and no bowel finding off the abdomen; multiple
 * sclerosis makes a report's unsited lesions brain lesions; "the aorta is of normal calibre" denies an abdominal aortic
 * aneurysm on an abdominal exam only (a region column of triggers/normal-statements.tsv); "may produce" hedges; off the
 * chest, a sentence that names no site right after one about a single organ is about that organ.
 */
class Issue11dbRulesTest extends NlpMentionsTest {

    private static final String CALCIFICATION = "18115005";
    private static final String BREAST_CALCIFICATION = "309587003";
    private static final String BREAST_VASCULAR_CALCIFICATION = "129759000";
    private static final String ARTERIOSCLEROSIS = "28960008";
    private static final String BOWEL_OBSTRUCTION = "81060008";
    private static final String SMALL_BOWEL_OBSTRUCTION = "281255004";
    private static final String BRAIN_LESION = "301766008";
    private static final String LESION = "52988006";
    private static final String ABDOMINAL_AORTIC_ANEURYSM = "233985008";
    private static final String LIVER_LESION = "300331000";

    @Test
    void breastWordsNameTheBreastForAnUnsitedStatement() {
        assertThat(only("Scattered benign-appearing calcifications, unchanged from 2023.", BREAST_CALCIFICATION)
                .assertion()).isEqualTo(Assertion.PRESENT);
        assertThat(only("A few benign vascular calcifications.", BREAST_VASCULAR_CALCIFICATION).assertion())
                .isEqualTo(Assertion.PRESENT);
        assertThat(only("Calcifications at 4 o'clock, stable since 2022.", BREAST_CALCIFICATION).assertion())
                .isEqualTo(Assertion.PRESENT);
    }

    @Test
    void calcificationsWithoutBreastWordsKeepTheirReading() {
        assertThat(of("Calcifications, unchanged from 2023.", BREAST_CALCIFICATION)).isEmpty();
        assertThat(of("Calcifications, unchanged from 2023.", CALCIFICATION)).hasSize(1);
        assertThat(of("Extensive vascular calcifications.", BREAST_VASCULAR_CALCIFICATION)).isEmpty();
        assertThat(of("Extensive vascular calcifications.", ARTERIOSCLEROSIS)).hasSize(1);
    }

    @Test
    void theBareObstructionOfAnAbdominalExamIsTheBowels() {
        assertThat(only("XR ABDOMEN\nFINDINGS: Gas and stool through to the rectum. No evidence of obstruction.\n",
                BOWEL_OBSTRUCTION).assertion()).isEqualTo(Assertion.ABSENT);
        assertThat(only("Prominent loops of small bowel, ileus or early partial obstruction.", SMALL_BOWEL_OBSTRUCTION)
                .assertion()).isEqualTo(Assertion.POSSIBLE);
        assertThat(only("A hernia containing small bowel, which may produce an obstruction.", SMALL_BOWEL_OBSTRUCTION)
                .assertion()).isEqualTo(Assertion.POSSIBLE);
    }

    @Test
    void anObstructionOffTheAbdomenIsNoBowelObstruction() {
        assertThat(of("CHEST X-RAY\nFINDINGS: Lungs clear. No evidence of obstruction of the central airways.\n",
                BOWEL_OBSTRUCTION)).isEmpty();
        assertThat(of("RENAL ULTRASOUND\nFINDINGS: Normal kidneys. No hydronephrosis or obstruction.\n",
                BOWEL_OBSTRUCTION)).isEmpty();
        assertThat(of("CT HEAD\nFINDINGS: No obstruction at the aqueduct. No haemorrhage.\n", BOWEL_OBSTRUCTION))
                .isEmpty();
        assertThat(of("Bladder outlet obstruction with a trabeculated bladder wall.", BOWEL_OBSTRUCTION)).isEmpty();
    }

    @Test
    void multipleSclerosisMakesUnsitedLesionsBrainLesions() {
        assertThat(only("Follow-up of multiple sclerosis: no new or enhancing lesions.", BRAIN_LESION).assertion())
                .isEqualTo(Assertion.ABSENT);
        assertThat(of("No new or enhancing lesions.", BRAIN_LESION)).isEmpty();
        assertThat(of("No new or enhancing lesions.", LESION)).hasSize(1);
    }

    @Test
    void theAortaOfNormalCalibreDeniesAnAneurysmOnAnAbdominalExamOnly() {
        assertThat(only("US ABDOMEN\nFINDINGS: Liver unremarkable. The aorta is of normal calibre.\n",
                ABDOMINAL_AORTIC_ANEURYSM).assertion()).isEqualTo(Assertion.ABSENT);
        assertThat(only("CT ABDOMEN\nFINDINGS: Aorta: normal caliber. No free fluid.\n", ABDOMINAL_AORTIC_ANEURYSM)
                .assertion()).isEqualTo(Assertion.ABSENT);
        assertThat(of("CT CHEST\nFINDINGS: The aorta is of normal calibre. Lungs clear.\n", ABDOMINAL_AORTIC_ANEURYSM))
                .isEmpty();
    }

    @Test
    void anOrganSurveysNextSentenceIsAboutThatOrgan() {
        assertThat(only("US ABDOMEN\nFINDINGS: The liver is of normal size and echogenicity. No focal lesion.\n",
                LIVER_LESION).assertion()).isEqualTo(Assertion.ABSENT);
        assertThat(only("CT ABDOMEN\nFINDINGS: Homogeneous hepatic attenuation; no focal lesion. Spleen normal.\n",
                LIVER_LESION).assertion()).isEqualTo(Assertion.ABSENT);
    }

    @Test
    void noOrganIsCarriedOverABlankLineTwoOrgansOrOnTheChest() {
        assertThat(of("US ABDOMEN\nFINDINGS: The liver is of normal size.\n\nNo focal lesion.\n", LIVER_LESION)).isEmpty();
        assertThat(of("US ABDOMEN\nFINDINGS: Liver and spleen are normal. No focal lesion.\n", LIVER_LESION)).isEmpty();
        assertThat(of("CT CHEST\nFINDINGS: The imaged liver is unremarkable. No focal lesion.\n", LIVER_LESION)).isEmpty();
    }
}
