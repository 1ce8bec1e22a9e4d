package org.radbridge.nlp.context;

import org.junit.jupiter.api.Test;
import org.radbridge.nlp.FindingMention.Assertion;
import org.radbridge.nlp.NlpMentionsTest;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11, helper 11bk: report wording of chest CT, abdomen, MSK and breast exams, read as data (refinements,
 * default sites, synonyms, normal statements, explained-by rows). Each test uses wording of its own, not a sentence of
 * an evaluation set.
 */
class Issue11bkRulesTest extends NlpMentionsTest {

    private static final String AORTIC_ANEURYSM = "67362008";
    private static final String THORACIC_AORTIC_ANEURYSM = "433068007";
    private static final String ABDOMINAL_AORTIC_ANEURYSM = "233985008";
    private static final String FUSIFORM_ANEURYSM = "85431000";
    private static final String DUCT_ECTASIA = "22049009";
    private static final String BREAST_CYST = "399294002";
    private static final String ARTHRITIS = "3723001";
    private static final String RHEUMATOID_ARTHRITIS = "69896004";
    private static final String GOUT = "90560007";
    private static final String OSTEOPENIA = "312894000";
    private static final String PNEUMOPERITONEUM = "RID4803";
    private static final String RENAL_STONE = "386103008";
    private static final String UROLITHIASIS = "95566004";
    private static final String LIVER_LESION = "300331000";
    private static final String SPLEEN_LESION = "141701000119101";
    private static final String AXILLARY_ADENOPATHY = "127189005";
    private static final String SPLENIC_ATROPHY = "82893001";
    private static final String CALCIFICATION = "18115005";
    private static final String LUNG_NODULE = "786838002";
    private static final String MULTIPLE_LUNG_NODULES = "445249002";
    private static final String BRONCHITIS = "32398004";

    @Test
    void aFusiformOrSaccularAneurysmOfTheAortaIsTheAorticAneurysmOfItsSegment() {
        assertThat(has("Saccular aneurysm arising from the distal thoracic aorta, 2.8 cm.", THORACIC_AORTIC_ANEURYSM,
                Assertion.PRESENT)).isTrue();
        assertThat(has("There is a fusiform aneurysm of the infrarenal abdominal aorta, 4.1 cm.", ABDOMINAL_AORTIC_ANEURYSM,
                Assertion.PRESENT)).isTrue();
        assertThat(has("Fusiform aneurysm of the aorta is unchanged.", AORTIC_ANEURYSM, Assertion.PRESENT)).isTrue();
        // the morphology alone stays the morphology when no aortic site is named
        assertThat(of("Fusiform aneurysm of the aorta is unchanged.", FUSIFORM_ANEURYSM)).isEmpty();
    }

    @Test
    void dilatationOnABreastExamIsDuctEctasiaButNotOnAnAbdominalExam() {
        String breast = "ULTRASOUND RIGHT BREAST\nFindings: Fatty and fibroglandular tissue. No ductal dilatation is seen.";
        assertThat(only(breast, DUCT_ECTASIA).assertion()).isEqualTo(Assertion.ABSENT);
        String abdomen = "ULTRASOUND ABDOMEN\nFindings: The common bile duct is normal. No biliary ductal dilatation.";
        assertThat(of(abdomen, DUCT_ECTASIA)).isEmpty();
    }

    @Test
    void clusteredMicrocystsAreABreastCystWithoutANamedSite() {
        assertThat(has("Left 5 o'clock: clustered microcysts, 6 mm, BI-RADS 2.", BREAST_CYST, Assertion.PRESENT)).isTrue();
        assertThat(only("A few clustered microcysts, unchanged.", BREAST_CYST).assertion()).isEqualTo(Assertion.PRESENT);
        assertThat(has("No clustered microcysts are seen today.", BREAST_CYST, Assertion.ABSENT)).isTrue();
    }

    @Test
    void anArthropathyThatANamedArthritisExplainsIsThatArthritisOnly() {
        String ra = "Symmetric erosive arthropathy of both wrists, in keeping with rheumatoid arthritis.";
        assertThat(has(ra, RHEUMATOID_ARTHRITIS, Assertion.PRESENT)).isTrue();
        assertThat(of(ra, ARTHRITIS)).isEmpty();
        String gout = "Erosive arthropathy at the great toe with overhanging edges, characteristic of gout.";
        assertThat(has(gout, GOUT, Assertion.PRESENT)).isTrue();
        assertThat(of(gout, ARTHRITIS)).isEmpty();
        // a hedged diagnosis keeps both (explained-by convention), also when the arthropathy is hedged with it
        String hedged = "Erosive arthropathy of the hands, possibly rheumatoid arthritis.";
        assertThat(has(hedged, ARTHRITIS, Assertion.PRESENT)).isTrue();
        assertThat(has(hedged, RHEUMATOID_ARTHRITIS, Assertion.POSSIBLE)).isTrue();
        String bothHedged = "Juxta-articular lucencies may indicate an inflammatory arthritis, for example psoriatic or rheumatoid arthritis.";
        assertThat(has(bothHedged, ARTHRITIS, Assertion.POSSIBLE)).isTrue();
        assertThat(has(bothHedged, RHEUMATOID_ARTHRITIS, Assertion.POSSIBLE)).isTrue();
    }

    @Test
    void normalBoneMineralisationDeniesOsteopenia() {
        for (String s : List.of("Osseous mineralization is preserved.", "Normal bone mineralisation, no acute fracture.",
                "Bone density appears normal for age.")) {
            assertThat(has(s, OSTEOPENIA, Assertion.ABSENT)).as(s).isTrue();
        }
        assertThat(has("Decreased bone mineralization of the pelvis.", OSTEOPENIA, Assertion.PRESENT)).isTrue();
    }

    @Test
    void noExtraluminalGasDeniesFreeGasButAContainedLoculeIsNoPneumoperitoneum() {
        for (String s : List.of("CT ABDOMEN\nFindings: Terminal ileitis. No extraluminal air.",
                "CT ABDOMEN\nFindings: Perforation is not suspected: no drainable collection or extraluminal gas.",
                "CT ABDOMEN\nFindings: Colonic wall thickening without free extraluminal gas.")) {
            assertThat(has(s, PNEUMOPERITONEUM, Assertion.ABSENT)).as(s).isTrue();
        }
        assertThat(of("CT ABDOMEN\nFindings: Perforated appendix with two locules of extraluminal gas in the right iliac fossa.",
                PNEUMOPERITONEUM)).isEmpty();
    }

    @Test
    void aFindingAfterAListOfThreeSitesIsAtEverySiteOfTheList() {
        String stones = "Renal, ureteric or bladder calculi are not identified.";
        assertThat(has(stones, RENAL_STONE, Assertion.ABSENT)).as(stones).isTrue();
        assertThat(has(stones, UROLITHIASIS, Assertion.ABSENT)).as(stones).isTrue();
        String lesions = "No splenic, adrenal or hepatic lesion is seen on this study.";
        assertThat(has(lesions, SPLEEN_LESION, Assertion.ABSENT)).as(lesions).isTrue();
        assertThat(has(lesions, LIVER_LESION, Assertion.ABSENT)).as(lesions).isTrue();
        // two sites as before: the first one is still read
        assertThat(has("There are no hepatic or splenic lesions.", LIVER_LESION, Assertion.ABSENT)).isTrue();
    }

    @Test
    void anAxillaShownWithNormalNodesDeniesAxillaryAdenopathy() {
        for (String s : List.of("BREAST ULTRASOUND\nFindings: The left axilla shows only normal-appearing lymph nodes.",
                "BREAST ULTRASOUND\nFindings: Unremarkable lymph nodes are seen in both axillae.")) {
            assertThat(only(s, AXILLARY_ADENOPATHY).assertion()).as(s).isEqualTo(Assertion.ABSENT);
        }
    }

    @Test
    void anAutoinfarctedOrAtrophicSpleenIsSplenicAtrophyAndItsCalcificationIsNoSecondFinding() {
        String sickle = "Shrunken densely calcified spleen in keeping with auto-splenectomy.";
        assertThat(only(sickle, SPLENIC_ATROPHY).assertion()).isEqualTo(Assertion.PRESENT);
        assertThat(of(sickle, CALCIFICATION)).isEmpty();
        assertThat(has("US ABDOMEN\nFindings: Atrophic spleen measuring 5 cm.", SPLENIC_ATROPHY, Assertion.PRESENT)).isTrue();
        // a hedged diagnosis keeps the calcification it would explain
        String hedged = "Punctate splenic calcification, which may reflect early autoinfarction.";
        assertThat(has(hedged, SPLENIC_ATROPHY, Assertion.POSSIBLE)).isTrue();
        assertThat(of(hedged, CALCIFICATION)).isNotEmpty();
    }

    @Test
    void pluralNodulesAreSeveralNodulesAndASingleOneStaysOne() {
        assertThat(only("Tiny subpleural nodules are likely intrapulmonary lymph nodes.", MULTIPLE_LUNG_NODULES).assertion())
                .isEqualTo(Assertion.PRESENT);
        assertThat(has("The lungs show no nodules.", MULTIPLE_LUNG_NODULES, Assertion.ABSENT)).isTrue();
        assertThat(only("Solitary 5 mm nodule in the lingula.", LUNG_NODULE).assertion()).isEqualTo(Assertion.PRESENT);
        assertThat(of("Solitary 5 mm nodule in the lingula.", MULTIPLE_LUNG_NODULES)).isEmpty();
    }

    @Test
    void smallAirwaysDiseaseIsNoLabelButAsAnAlternativeItLeavesTheOtherFindingPossible() {
        String s = "Patchy air trapping on expiration, in keeping with bronchitis or small airway disease.";
        assertThat(only(s, BRONCHITIS).assertion()).isEqualTo(Assertion.POSSIBLE);
        assertThat(nlp.analyze("t", "Features of small airways disease.").mentions()).isEmpty();
        assertThat(only("Findings in keeping with acute bronchitis.", BRONCHITIS).assertion()).isEqualTo(Assertion.PRESENT);
    }
}
