package org.radbridge.nlp.context;

import org.junit.jupiter.api.Test;
import org.radbridge.nlp.FindingMention.Assertion;
import org.radbridge.nlp.NlpMentionsTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11cj: classes of errors of the v26 development set (British / Irish registrar, Canadian, West African,
 * Filipino-trained, structured-template and ILO voices) fixed by data rows: qualified British "shadowing" as a lung
 * opacity, the LVF / LRTI abbreviations, ILO wording of pleural plaques and of a category-0 profusion, an exam title's
 * surveillance purpose, and terse normal statements of the heart and of the pulmonary vessels. The sentences are new
 * wording, not copied from an evaluation set.
 */
class Issue11cjRulesTest extends NlpMentionsTest {

    private static final String LUNG_OPACITY = "274533004";
    private static final String HEART_FAILURE = "84114007";
    private static final String PNEUMONIA = "233604007";
    private static final String PLEURAL_PLAQUE = "233659006";
    private static final String CALCIFIED_ATHEROMA = "29483008";
    private static final String PNEUMOCONIOSIS = "40122008";
    private static final String CARDIOMEGALY = "8186001";
    private static final String PULMONARY_CONGESTION = "196115007";
    private static final String PLEURAL_EFFUSION = "60046008";
    private static final String HILAR_LYMPHADENOPATHY = "87500009";
    private static final String LYMPHADENOPATHY = "30746006";
    private static final String BILATERAL_HILAR_ADENOPATHY = "264508001";
    private static final String PNEUMOTHORAX = "36118008";
    private static final String LUNG_MASS = "309529002";
    private static final String PERICARDIAL_EFFUSION = "373945007";
    private static final String PULMONARY_EMBOLISM = "59282003";
    private static final String BONE_MARROW_EDEMA = "6411000179107";
    private static final String CHONDROMALACIA = "63198006";
    private static final String LYMPHADENITIS = "19471005";
    private static final String PULMONARY_EDEMA = "19242006";
    private static final String RIB_FRACTURE = "33737001";

    @Test
    void qualifiedShadowingIsALungOpacity() {
        assertThat(has("Patchy right midzone consolidation; no other focal shadowing.", LUNG_OPACITY, Assertion.ABSENT))
                .isTrue();
        assertThat(has("Widespread nodular shadowing through both lungs.", LUNG_OPACITY, Assertion.PRESENT)).isTrue();
        assertThat(has("Perihilar bat's wing shadowing typical of alveolar oedema.", LUNG_OPACITY, Assertion.PRESENT))
                .isTrue();
        // the acoustic shadowing of a gallstone is no lung opacity
        assertThat(has("Echogenic focus in the gallbladder with posterior acoustic shadowing.", LUNG_OPACITY,
                Assertion.PRESENT)).isFalse();
    }

    @Test
    void britishAbbreviationsOfHeartFailureAndChestInfection() {
        assertThat(has("Septal lines and upper lobe diversion, appearances of LVF.", HEART_FAILURE, Assertion.PRESENT))
                .isTrue();
        assertThat(has("Left basal airspace shadowing, likely LRTI.", PNEUMONIA, Assertion.POSSIBLE)).isTrue();
        assertThat(has("No features of LVF.", HEART_FAILURE, Assertion.ABSENT)).isTrue();
        // a lower respiratory tract infection named in the history is no finding of today's film
        assertThat(has("History of recurrent lower respiratory tract infections.", PNEUMONIA, Assertion.PRESENT))
                .isFalse();
    }

    @Test
    void iloPleuralPlaqueWording() {
        assertThat(has("Circumscribed plaques on the left lateral chest wall, seen in profile.", PLEURAL_PLAQUE,
                Assertion.PRESENT)).isTrue();
        assertThat(has("A diaphragmatic plaque is seen on the right.", PLEURAL_PLAQUE, Assertion.PRESENT)).isTrue();
        assertThat(has("Dense calcified plaque along the left hemidiaphragm.", PLEURAL_PLAQUE, Assertion.PRESENT))
                .isTrue();
        assertThat(has("Dense calcified plaque along the left hemidiaphragm.", CALCIFIED_ATHEROMA, Assertion.PRESENT))
                .isFalse();
        // a calcified plaque of an artery stays atheromatous
        assertThat(has("Calcified plaque at the carotid bifurcation.", CALCIFIED_ATHEROMA, Assertion.PRESENT)).isTrue();
        assertThat(has("Calcified plaque at the carotid bifurcation.", PLEURAL_PLAQUE, Assertion.PRESENT)).isFalse();
    }

    @Test
    void iloCategoryZeroProfusionIsNoOpacity() {
        assertThat(has("Rounded small opacities, profusion 0/0.", LUNG_OPACITY, Assertion.PRESENT)).isFalse();
        assertThat(has("Rounded small opacities, profusion 0/0.", LUNG_OPACITY, Assertion.ABSENT)).isTrue();
        // a profusion above category 0 keeps the opacities
        assertThat(has("Rounded small opacities, profusion 2/2, in both upper zones.", LUNG_OPACITY, Assertion.PRESENT))
                .isTrue();
    }

    @Test
    void aSurveillancePurposeInTheTitleIsNoPneumoconiosis() {
        assertThat(has("PA chest for pneumoconiosis surveillance, quarry worker.", PNEUMOCONIOSIS, Assertion.PRESENT))
                .isFalse();
        assertThat(has("Nodular opacities in the upper zones in keeping with pneumoconiosis.", PNEUMOCONIOSIS,
                Assertion.PRESENT)).isTrue();
    }

    @Test
    void terseNormalStatementsOfTheHeartAndVessels() {
        assertThat(has("Heart size and cardiomediastinal contour unremarkable.", CARDIOMEGALY, Assertion.ABSENT)).isTrue();
        assertThat(has("The heart and hila appear normal.", CARDIOMEGALY, Assertion.ABSENT)).isTrue();
        assertThat(has("Unremarkable cardiac and mediastinal contours.", CARDIOMEGALY, Assertion.ABSENT)).isTrue();
        assertThat(has("CTR <0.50 on this PA film.", CARDIOMEGALY, Assertion.ABSENT)).isTrue();
        assertThat(has("The pulmonary vessels appear normal.", PULMONARY_CONGESTION, Assertion.ABSENT)).isTrue();
        assertThat(has("PULMONARY VASCULATURE: Unremarkable.", PULMONARY_CONGESTION, Assertion.ABSENT)).isTrue();
        // a heart named enlarged beside normal hila stays enlarged
        assertThat(has("The heart is enlarged; the hila are normal.", CARDIOMEGALY, Assertion.PRESENT)).isTrue();
        assertThat(has("Vascular markings are increased in the upper zones.", PULMONARY_CONGESTION, Assertion.ABSENT))
                .isFalse();
    }

    @Test
    void aQueryAfterAnUncodedSignIsAHedge() {
        assertThat(has("Right costophrenic angle is blunted ?trace effusion.", PLEURAL_EFFUSION, Assertion.POSSIBLE))
                .isTrue();
        String bulky = "Bulky right hilum ?adenopathy.";
        assertThat(has(bulky, HILAR_LYMPHADENOPATHY, Assertion.POSSIBLE) || has(bulky, LYMPHADENOPATHY, Assertion.POSSIBLE))
                .as(nlp.analyze("t", bulky).mentions().toString()).isTrue();
        // a query that opens its sentence, or follows a clinical heading, is the requester's question
        assertThat(of("?Pneumothorax after line insertion.", PNEUMOTHORAX)).isEmpty();
        assertThat(of("Clinical details: fall onto the left side ?pneumothorax.", PNEUMOTHORAX)).isEmpty();
        assertThat(of("portable chest hx fever and cough ?pneumonia.", PNEUMONIA)).isEmpty();
        assertThat(of("Productive cough ?chest infection. Both lungs are clear.", PNEUMONIA)).isEmpty();
        assertThat(has("CHEST PA\nFindings: The left hilum is bulky ?adenopathy. No effusion.", HILAR_LYMPHADENOPATHY,
                Assertion.POSSIBLE)).isTrue();
    }

    @Test
    void theAttendingPartSupersedesTheResidentPreliminary() {
        String report = "CHEST PA\nResident preliminary: Possible left basal consolidation.\n"
                + "Attending addendum: Images reviewed. The left base is clear; the apparent opacity is overlapping soft "
                + "tissue. No effusion.";
        assertThat(nlp.analyze("t", report).mentions().stream().anyMatch(m -> m.assertion() == Assertion.POSSIBLE)).isFalse();
        // a finding the preliminary read named, quoted by the attending, is no finding of the report
        assertThat(has("The nodule described in the prelim is a nipple shadow; no lung mass.", LUNG_MASS,
                Assertion.PRESENT)).isFalse();
        assertThat(has("The prelim called oedema; the lungs are in fact clear.", PULMONARY_EDEMA, Assertion.PRESENT))
                .isFalse();
        // a mass the attending describes stays
        assertThat(has("Attending: a 4 cm right upper lobe mass is present.", LUNG_MASS, Assertion.PRESENT)).isTrue();
    }

    @Test
    void aContributingFindingIsPossible() {
        assertThat(has("The heart shadow is larger; a small pericardial effusion may contribute.", PERICARDIAL_EFFUSION,
                Assertion.POSSIBLE)).isTrue();
        assertThat(has("Small pericardial effusion, unchanged.", PERICARDIAL_EFFUSION, Assertion.PRESENT)).isTrue();
    }

    @Test
    void aNegativeCtpaDeniesPulmonaryEmbolism() {
        assertThat(has("Impression: negative CT pulmonary angiogram.", PULMONARY_EMBOLISM, Assertion.ABSENT)).isTrue();
        assertThat(has("The CTPA is negative.", PULMONARY_EMBOLISM, Assertion.ABSENT)).isTrue();
        assertThat(has("This CTPA shows segmental emboli in the right lower lobe.", PULMONARY_EMBOLISM, Assertion.PRESENT))
                .isTrue();
    }

    @Test
    void jointAndAbdominalVocabulary() {
        assertThat(has("Patchy subchondral oedema in the lateral tibial plateau.", BONE_MARROW_EDEMA, Assertion.PRESENT))
                .isTrue();
        assertThat(has("Partial-thickness chondral fissuring of the trochlea.", CHONDROMALACIA, Assertion.PRESENT))
                .isTrue();
        assertThat(has("No focal chondral defect.", CHONDROMALACIA, Assertion.ABSENT)).isTrue();
        assertThat(has("Clustered mildly enlarged right iliac fossa nodes, possibly mesenteric adenitis.", LYMPHADENITIS,
                Assertion.POSSIBLE)).isTrue();
        // oedema around a sprained ligament is no pulmonary oedema; the lungs' oedema stays
        assertThat(has("Low-grade LCL sprain with periligamentous edema.", PULMONARY_EDEMA, Assertion.PRESENT)).isFalse();
        assertThat(has("Interstitial pulmonary edema with small effusions.", PULMONARY_EDEMA, Assertion.PRESENT)).isTrue();
    }

    @Test
    void hilarAdenopathyOnBothSidesIsBilateralHilarAdenopathy() {
        assertThat(has("Both hila are enlarged, ?lymphadenopathy ?pulmonary hypertension.", BILATERAL_HILAR_ADENOPATHY,
                Assertion.POSSIBLE)).isTrue();
        assertThat(has("Hilar lymphadenopathy bilaterally, as in sarcoidosis.", BILATERAL_HILAR_ADENOPATHY,
                Assertion.PRESENT)).isTrue();
        // one side stays one hilum's
        assertThat(has("Enlarged left hilar lymph nodes.", BILATERAL_HILAR_ADENOPATHY, Assertion.PRESENT)).isFalse();
        assertThat(has("Enlarged left hilar lymph nodes.", HILAR_LYMPHADENOPATHY, Assertion.PRESENT)).isTrue();
    }

    @Test
    void anImprovedFindingStaysWhenTheNextOneHasResolved() {
        String text = "Interstitial oedema has improved, and the left effusion has resolved.";
        assertThat(has(text, PULMONARY_EDEMA, Assertion.PRESENT)).isTrue();
        assertThat(has(text, PLEURAL_EFFUSION, Assertion.ABSENT)).isTrue();
        assertThat(has("The right effusion and the oedema have resolved.", PULMONARY_EDEMA, Assertion.ABSENT)).isTrue();
    }

    @Test
    void anUnsitedPlaqueOnAChestReportIsPleural() {
        String asbestos = "CHEST PA\nFindings: Round atelectasis abutting the plaque at the left base.";
        assertThat(nlp.analyze("t", asbestos).mentions().stream().anyMatch(m -> PLEURAL_PLAQUE.equals(m.conceptCode())
                && m.assertion() == Assertion.PRESENT)).isTrue();
        // a plaque of the aorta on a chest report is no pleural plaque
        String aortic = "CHEST PA\nFindings: Small plaque in the aortic arch.";
        assertThat(nlp.analyze("t", aortic).mentions().stream().anyMatch(m -> PLEURAL_PLAQUE.equals(m.conceptCode())))
                .isFalse();
    }

    @Test
    void aDisclaimerAboutPlainFilmsIsNoFinding() {
        String text = "No rib fracture is evident; hairline fractures are not excluded on plain radiographs.";
        assertThat(has(text, RIB_FRACTURE, Assertion.ABSENT)).isTrue();
        assertThat(has(text, RIB_FRACTURE, Assertion.POSSIBLE)).isFalse();
        // a hedge about today's film stays possible
        assertThat(has("A small apical pneumothorax cannot be excluded on this supine film.", "36118008",
                Assertion.POSSIBLE)).isTrue();
    }
}
