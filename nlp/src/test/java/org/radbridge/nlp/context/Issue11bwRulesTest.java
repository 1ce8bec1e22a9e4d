package org.radbridge.nlp.context;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.radbridge.nlp.FindingMention.Assertion;
import org.radbridge.nlp.NlpMentionsTest;

/**
 * Issue 11, helper 11bw: classes of error of the non-chest-radiograph domains (chest CT, abdomen, neuro, MSK, breast):
 * coronary arteries as a site and the CAD-RADS category, "commonly seen with" as a hedge, hepatic hypodensities, joint
 * space narrowing with subchondral sclerosis, reduced joints, brain volume normal for age, the normal pressure
 * hydrocephalus pattern, deep cerebral haemorrhage, metastatic progression, circumscribed lesions that are cysts. The
 * wording is new, not copied from an evaluation set.
 */
class Issue11bwRulesTest extends NlpMentionsTest {

    private static final String CORONARY_DISEASE = "53741008";
    private static final String STENOSIS = "44241007";
    private static final String PLAQUE = "1522000";
    private static final String CALCIFICATION = "18115005";
    private static final String LEUKOENCEPHALOPATHY = "22811006";
    private static final String LIVER_LESION = "300331000";
    private static final String LESION = "52988006";
    private static final String CYST = "367643001";
    private static final String OSTEOARTHRITIS = "396275006";
    private static final String DISLOCATION = "108367008";
    private static final String CEREBRAL_ATROPHY = "418143002";
    private static final String CEREBRAL_HEMORRHAGE = "274100004";
    private static final String METASTASIS = "128462008";
    private static final String PULMONARY_METASTASIS = "94391008";
    private static final String CIRCUMSCRIBED_LESION = "129738007";
    private static final String BREAST_CYST = "399294002";
    private static final String ARTERIAL_STENOSIS = "726490008";

    @Test
    void plaqueCalcificationOrStenosisOfANamedCoronaryArteryIsCoronaryArteryDisease() {
        assertThat(has("Mixed plaque in the mid RCA causing mild stenosis.", CORONARY_DISEASE, Assertion.PRESENT)).isTrue();
        assertThat(of("Mixed plaque in the mid RCA causing mild stenosis.", PLAQUE)).isEmpty();
        assertThat(of("Mixed plaque in the mid RCA causing mild stenosis.", STENOSIS)).isEmpty();
        assertThat(only("Dense calcification of the left circumflex artery.", CORONARY_DISEASE).assertion())
                .isEqualTo(Assertion.PRESENT);
        assertThat(of("Dense calcification of the left circumflex artery.", CALCIFICATION)).isEmpty();
        assertThat(has("No stenosis of the left anterior descending artery.", CORONARY_DISEASE, Assertion.ABSENT)).isTrue();
        // a stenosis at another artery stays an arterial stenosis
        assertThat(has("Moderate stenosis of the left internal carotid artery.", ARTERIAL_STENOSIS, Assertion.PRESENT)).isTrue();
        assertThat(of("Moderate stenosis of the left internal carotid artery.", CORONARY_DISEASE)).isEmpty();
        assertThat(has("Both cervical carotids are without significant stenosis.", ARTERIAL_STENOSIS, Assertion.ABSENT)).isTrue();
        assertThat(of("Both cervical carotids are without significant stenosis.", STENOSIS)).isEmpty();
    }

    @Test
    void theCadRadsCategoryNamesNoCoronaryArteryDisease() {
        assertThat(of("Coronary CT angiogram, CAD-RADS 1.", CORONARY_DISEASE)).isEmpty();
        assertThat(of("Category: CAD RADS 2.", CORONARY_DISEASE)).isEmpty();
        // the denial before it is still read
        assertThat(only("No coronary artery plaque; CAD-RADS 0.", CORONARY_DISEASE).assertion()).isEqualTo(Assertion.ABSENT);
        // the abbreviation on its own is still the disease
        assertThat(only("Known CAD with prior stenting.", CORONARY_DISEASE).assertion()).isNotNull();
    }

    @Test
    void commonlySeenWithNamesOneReadingOfTheAppearance() {
        assertThat(only("Scattered T2 bright foci in the white matter, often seen with chronic small vessel ischemic disease.",
                LEUKOENCEPHALOPATHY).assertion()).isEqualTo(Assertion.POSSIBLE);
        assertThat(only("Subcortical FLAIR foci, a pattern typically seen in small vessel ischemic disease.",
                LEUKOENCEPHALOPATHY).assertion()).isEqualTo(Assertion.POSSIBLE);
        assertThat(only("Nonspecific FLAIR foci, commonly seen with chronic microvascular disease.", LEUKOENCEPHALOPATHY)
                .assertion()).isEqualTo(Assertion.POSSIBLE);
        assertThat(only("Mild microvascular ischaemic disease of the periventricular white matter.", LEUKOENCEPHALOPATHY)
                .assertion()).isEqualTo(Assertion.PRESENT);
        // stated without the hedge it stays present
        assertThat(only("Chronic small vessel ischemic disease.", LEUKOENCEPHALOPATHY).assertion())
                .isEqualTo(Assertion.PRESENT);
    }

    @Test
    void aHypodensityInTheLiverIsAFocalLiverLesion() {
        assertThat(only("Two tiny liver hypodensities, too small to characterise.", LIVER_LESION).assertion())
                .isEqualTo(Assertion.PRESENT);
        assertThat(only("Hypodensity in segment 7, likely a cyst.", LIVER_LESION).assertion()).isEqualTo(Assertion.PRESENT);
        // the cyst is the liver's (Liver cyst since session 37, a kind of Cyst)
        assertThat(only("Hypodensity in segment 7, likely a cyst.", "85057007").assertion()).isEqualTo(Assertion.POSSIBLE);
        assertThat(only("No hypodensities in the liver.", LIVER_LESION).assertion()).isEqualTo(Assertion.ABSENT);
        // a white matter hypodensity is no liver lesion and no generic lesion
        String brain = "Periventricular white matter hypodensities, likely chronic small vessel ischaemic change.";
        assertThat(of(brain, LIVER_LESION)).isEmpty();
        assertThat(of(brain, LESION)).isEmpty();
    }

    @Test
    void jointSpaceNarrowingWithSubchondralSclerosisIsOsteoarthritis() {
        assertThat(only("Joint-space narrowing with subchondral sclerosis of the lateral compartment.", OSTEOARTHRITIS)
                .assertion()).isEqualTo(Assertion.PRESENT);
        assertThat(only("Subchondral sclerosis and narrowing of the joint space at the first MTP joint.", OSTEOARTHRITIS)
                .assertion()).isEqualTo(Assertion.PRESENT);
        // either sign alone, or both denied in a list, names no osteoarthritis
        assertThat(of("Mild subchondral sclerosis of the medial tibial plateau.", OSTEOARTHRITIS)).isEmpty();
        assertThat(of("No joint space narrowing or subchondral sclerosis.", OSTEOARTHRITIS)
                .stream().filter(m -> m.assertion() == Assertion.PRESENT)).isEmpty();
    }

    @Test
    void aReducedJointIsNoDislocation() {
        assertThat(only("Status post reduction, the femoral head is relocated.", DISLOCATION).assertion())
                .isEqualTo(Assertion.ABSENT);
        assertThat(only("The glenohumeral joint is now concentrically reduced.", DISLOCATION).assertion())
                .isEqualTo(Assertion.ABSENT);
        assertThat(only("Anterior shoulder dislocation.", DISLOCATION).assertion()).isEqualTo(Assertion.PRESENT);
        // a reduced fracture is no statement about a dislocation
        assertThat(of("The distal radius fracture is reduced.", DISLOCATION)).isEmpty();
    }

    @Test
    void aBrainVolumeNormalForAgeIsNoAtrophy() {
        assertThat(only("Brain volume is normal for the patient's age.", CEREBRAL_ATROPHY).assertion())
                .isEqualTo(Assertion.ABSENT);
        assertThat(only("Cerebral volume appropriate for age.", CEREBRAL_ATROPHY).assertion()).isEqualTo(Assertion.ABSENT);
        assertThat(only("Generalized cerebral volume loss, advanced for age.", CEREBRAL_ATROPHY).assertion())
                .isEqualTo(Assertion.PRESENT);
    }

    @Test
    void theNormalPressureHydrocephalusPatternStatesNoAtrophyOrStenosis() {
        assertThat(of("Enlarged lateral ventricles out of proportion to the degree of cerebral atrophy.", CEREBRAL_ATROPHY))
                .isEmpty();
        assertThat(of("Crowding and narrowing of the high-convexity sulci at the vertex.", STENOSIS)).isEmpty();
        assertThat(of("Sulcal narrowing at the vertex.", STENOSIS)).isEmpty();
        // atrophy stated on its own and a vessel narrowing stay findings
        assertThat(only("Moderate cerebral atrophy.", CEREBRAL_ATROPHY).assertion()).isEqualTo(Assertion.PRESENT);
        assertThat(has("Focal narrowing of the basilar artery.", "726490008", Assertion.PRESENT)
                || has("Focal narrowing of the basilar artery.", STENOSIS, Assertion.PRESENT)).isTrue();
    }

    @Test
    void aDeepGreyMatterHaemorrhageIsACerebralHaemorrhage() {
        assertThat(only("Right thalamic haematoma with intraventricular extension.", CEREBRAL_HEMORRHAGE).assertion())
                .isEqualTo(Assertion.PRESENT);
        assertThat(only("Small acute putaminal bleed.", CEREBRAL_HEMORRHAGE).assertion())
                .isEqualTo(Assertion.PRESENT);
        assertThat(only("No basal ganglia hemorrhage.", CEREBRAL_HEMORRHAGE).assertion()).isEqualTo(Assertion.ABSENT);
    }

    @Test
    void metastaticProgressionNamesMetastases() {
        assertThat(only("New lung nodules in both lower lobes, consistent with metastatic progression.", PULMONARY_METASTASIS)
                .assertion()).isEqualTo(Assertion.PRESENT);
        assertThat(has("Enlarging osseous lesions, in keeping with progression of metastatic disease.", METASTASIS,
                Assertion.PRESENT)).isTrue();
        assertThat(has("No evidence of metastatic progression.", METASTASIS, Assertion.ABSENT)).isTrue();
    }

    @Test
    void aCircumscribedLesionCalledACystIsTheCyst() {
        String text = "LEFT BREAST ULTRASOUND\nFINDINGS: A 9 mm oval circumscribed lesion with posterior enhancement, a simple cyst.";
        assertThat(has(text, BREAST_CYST, Assertion.PRESENT)).isTrue();
        assertThat(of(text, CIRCUMSCRIBED_LESION)).isEmpty();
        // without a diagnosis the margin stays reported as it is
        String solid = "LEFT BREAST ULTRASOUND\nFINDINGS: A 9 mm oval solid lesion with circumscribed margins.";
        assertThat(of(solid, CIRCUMSCRIBED_LESION)).isNotEmpty();
    }

    @Test
    void aSeenFindingWhoseKindIsHedgedStaysPresent() {
        assertThat(only("Left ovarian cyst of 3 cm, probably a functional follicular cyst.", "447249001").assertion())
                .isEqualTo(Assertion.PRESENT);
        assertThat(only("Communicating hydrocephalus, possibly normal pressure hydrocephalus.", "230745008").assertion())
                .isEqualTo(Assertion.PRESENT);
        // a sign read as the finding stays a possible finding (issue 11am), and a hedge alone stays a hedge
        assertThat(has("Enlarged cardiac silhouette, which could represent cardiomegaly.", "8186001", Assertion.PRESENT))
                .isFalse();
        assertThat(only("Possible early hydrocephalus.", "230745008").assertion()).isEqualTo(Assertion.POSSIBLE);
    }

    @Test
    void anAbscessBelowTheDiaphragmIsAbdominalAndItsDrainACatheter() {
        String text = "Percutaneous drain in a perihepatic abscess, smaller than before.";
        assertThat(has(text, "75100008", Assertion.PRESENT)).isTrue();
        assertThat(has(text, "19923001", Assertion.PRESENT)).isTrue();
        assertThat(only("Left subphrenic abscess measuring 4 cm.", "75100008").assertion()).isEqualTo(Assertion.PRESENT);
        // a chest drain stays the chest tube
        assertThat(of("Left chest drain in situ.", "19923001")).isEmpty();
    }

    @Test
    void anLr5CategoryIsAHepatocellularCarcinoma() {
        String text = "Segment 6 lesion with arterial hyperenhancement and washout: LI-RADS 5.";
        assertThat(only(text, "25370001").assertion()).isEqualTo(Assertion.PRESENT);
        assertThat(has(text, LIVER_LESION, Assertion.PRESENT)).isTrue();
        assertThat(has("New LR-5 observation at the dome.", "25370001", Assertion.PRESENT)).isTrue();
        assertThat(has("New LR-5 observation at the dome.", LIVER_LESION, Assertion.PRESENT)).isTrue();
        // another category names no carcinoma
        assertThat(of("Segment 6 lesion without washout, LI-RADS 3.", "25370001")).isEmpty();
    }
}
