package org.radbridge.nlp.context;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.radbridge.nlp.FindingMention;
import org.radbridge.nlp.FindingMention.Assertion;
import org.radbridge.nlp.NlpMentionsTest;

/**
 * Issue 11, helper 11bs: classes of error of the non-chest-radiograph domains (abdomen, neuro, chest CT, breast): LI-RADS
 * observations, RSNA COVID-19 categories and graded probabilities as hedges, the fat around the pancreas as a site,
 * calculous cholecystitis, brain lesions at the ventricles, age-appropriate cerebral volume loss, calcified
 * atherosclerosis, multiple sclerosis wording, surgical scars of named breast operations, pelvic abscesses. The wording
 * is new, not copied from an evaluation set.
 */
class Issue11bsRulesTest extends NlpMentionsTest {

    private static final String LIVER_LESION = "300331000";
    private static final String LESION = "52988006";
    private static final String PNEUMONIA = "233604007";
    private static final String NEOPLASM = "108369006";
    private static final String EDEMA = "79654002";
    private static final String PULMONARY_EDEMA = "19242006";
    private static final String ACUTE_PANCREATITIS = "197456007";
    private static final String CHOLELITHIASIS = "235919008";
    private static final String CHOLECYSTITIS = "76581006";
    private static final String BRAIN_LESION = "301766008";
    private static final String CEREBRAL_ATROPHY = "418143002";
    private static final String ATHEROSCLEROSIS = "28960008";
    private static final String CALCIFICATION = "18115005";
    private static final String MULTIPLE_SCLEROSIS = "24700007";
    private static final String SURGICAL_SCAR = "63130001";
    private static final String SCAR = "12402003";
    private static final String ABDOMINAL_ABSCESS = "75100008";
    private static final String ABSCESS = "128477000";
    private static final String PORTAL_VEIN_THROMBOSIS = "17920008";
    private static final String MULTIPLE_LUNG_NODULES = "445249002";
    private static final String OSTEOARTHRITIS = "396275006";
    private static final String OSTEOPHYTE = "235231000119100";

    @Test
    void aLiRadsObservationIsAFocalLiverLesion() {
        assertThat(only("New 1.9 cm arterially enhancing observation in the right lobe.", LIVER_LESION).assertion())
                .isEqualTo(Assertion.PRESENT);
        assertThat(only("There is an LR-4 observation at the dome measuring 14 mm.", LIVER_LESION).assertion())
                .isEqualTo(Assertion.PRESENT);
        assertThat(only("The cirrhotic liver shows no focal observations.", LIVER_LESION).assertion())
                .isEqualTo(Assertion.ABSENT);
        assertThat(only("No LI-RADS observation is identified on this examination.", LIVER_LESION).assertion())
                .isEqualTo(Assertion.ABSENT);
        // a clinical "observation" is no lesion
        assertThat(of("The patient was admitted overnight for observation.", LIVER_LESION)).isEmpty();
        assertThat(of("The patient was admitted overnight for observation.", LESION)).isEmpty();
    }

    @Test
    void theRsnaCovidCategoriesAndGradedProbabilitiesAreHedges() {
        assertThat(only("Peripheral ground-glass, typical appearance for COVID-19 pneumonia.", PNEUMONIA).assertion())
                .isEqualTo(Assertion.POSSIBLE);
        assertThat(only("Indeterminate appearance for viral pneumonia.", PNEUMONIA).assertion())
                .isEqualTo(Assertion.POSSIBLE);
        // a graded likelihood after a negated feature is still a likelihood, not a denial
        assertThat(only("Enhancing nodule without capsule, intermediate probability of malignancy.", NEOPLASM).assertion())
                .isEqualTo(Assertion.POSSIBLE);
        assertThat(only("High probability of malignancy in the left breast mass.", NEOPLASM).assertion())
                .isEqualTo(Assertion.POSSIBLE);
        // "typical appearance for" a named benign lesion states it
        assertThat(only("Segment 3 lesion with a typical appearance for a hemangioma.", "400210000").assertion())
                .isEqualTo(Assertion.PRESENT);
        // a stated pneumonia stays present
        assertThat(only("Right lower lobe pneumonia.", PNEUMONIA).assertion()).isEqualTo(Assertion.PRESENT);
    }

    @Test
    void peripancreaticOedemaIsThePancreatitisNotALungOedema() {
        assertThat(of("Peri-pancreatic oedema in keeping with acute pancreatitis.", PULMONARY_EDEMA)).isEmpty();
        assertThat(of("Peri-pancreatic oedema in keeping with acute pancreatitis.", EDEMA)).isEmpty();
        assertThat(only("Peri-pancreatic oedema in keeping with acute pancreatitis.", ACUTE_PANCREATITIS).assertion())
                .isEqualTo(Assertion.PRESENT);
        assertThat(only("Peripancreatic abscess measuring 3 cm.", ABDOMINAL_ABSCESS).assertion())
                .isEqualTo(Assertion.PRESENT);
    }

    @Test
    void calculousCholecystitisNamesTheGallstonesToo() {
        assertThat(only("Acute calculous cholecystitis with a distended gallbladder.", CHOLECYSTITIS).assertion())
                .isEqualTo(Assertion.PRESENT);
        assertThat(only("Acute calculous cholecystitis with a distended gallbladder.", CHOLELITHIASIS).assertion())
                .isEqualTo(Assertion.PRESENT);
        assertThat(only("No sonographic evidence of calculous cholecystitis.", CHOLELITHIASIS).assertion())
                .isEqualTo(Assertion.ABSENT);
    }

    @Test
    void lesionsAtTheVentriclesAreBrainLesionsAndAnMsLesionIsTheMs() {
        assertThat(only("Several FLAIR bright lesions abut the lateral ventricle.", BRAIN_LESION).assertion())
                .isEqualTo(Assertion.PRESENT);
        assertThat(only("Lesion at the callososeptal interface.", BRAIN_LESION).assertion())
                .isEqualTo(Assertion.PRESENT);
        // a lesion no site refines, called the patient's multiple sclerosis, is the multiple sclerosis
        assertThat(of("Cord lesion at T4, in keeping with the known MS.", LESION)).isEmpty();
        assertThat(only("Cord lesion at T4, in keeping with the known MS.", MULTIPLE_SCLEROSIS).assertion())
                .isEqualTo(Assertion.PRESENT);
        assertThat(only("Stable appearance of RRMS.", MULTIPLE_SCLEROSIS).assertion()).isEqualTo(Assertion.PRESENT);
        // milliseconds in a technique line are no multiple sclerosis
        assertThat(of("Axial FLAIR, TR 9000 ms, TE 120 ms.", MULTIPLE_SCLEROSIS)).isEmpty();
    }

    @Test
    void volumeLossCalledAppropriateForAgeIsCerebralAtrophy() {
        assertThat(only("Mild age-related volume loss.", CEREBRAL_ATROPHY).assertion()).isEqualTo(Assertion.PRESENT);
        assertThat(only("Age appropriate atrophy of the brain.", CEREBRAL_ATROPHY).assertion())
                .isEqualTo(Assertion.PRESENT);
        assertThat(only("Senescent volume loss without hydrocephalus.", CEREBRAL_ATROPHY).assertion())
                .isEqualTo(Assertion.PRESENT);
    }

    @Test
    void calcifiedAtherosclerosisIsOneFinding() {
        assertThat(only("Calcified atherosclerosis of both cavernous carotid segments.", ATHEROSCLEROSIS).assertion())
                .isEqualTo(Assertion.PRESENT);
        assertThat(of("Calcified atherosclerosis of both cavernous carotid segments.", CALCIFICATION)).isEmpty();
    }

    @Test
    void theScarOfANamedBreastOperationIsASurgicalScar() {
        assertThat(only("Lumpectomy scar in the upper inner quadrant, unchanged.", SURGICAL_SCAR).assertion())
                .isEqualTo(Assertion.PRESENT);
        assertThat(of("Lumpectomy scar in the upper inner quadrant, unchanged.", SCAR)).isEmpty();
    }

    @Test
    void anAbscessInThePelvisIsAnAbdominalAbscess() {
        assertThat(only("Rim-enhancing collection in the right pelvis, likely an abscess.", ABDOMINAL_ABSCESS).assertion())
                .isEqualTo(Assertion.POSSIBLE);
        assertThat(of("Rim-enhancing collection in the right pelvis, likely an abscess.", ABSCESS)).isEmpty();
    }

    @Test
    void anObservationNamedByItsSegmentIsALiverLesion() {
        assertThat(only("Stable 9 mm observation in segment 5.", LIVER_LESION).assertion()).isEqualTo(Assertion.PRESENT);
        assertThat(only("The segment VII observation now measures 2 cm.", LIVER_LESION).assertion())
                .isEqualTo(Assertion.PRESENT);
    }

    @Test
    void thePortalVeinNamedPatentWithOtherVeinsDeniesItsThrombosis() {
        assertThat(only("Hepatic and portal veins: patent.", PORTAL_VEIN_THROMBOSIS).assertion())
                .isEqualTo(Assertion.ABSENT);
        assertThat(only("The portal, splenic and superior mesenteric veins remain patent.", PORTAL_VEIN_THROMBOSIS).assertion())
                .isEqualTo(Assertion.ABSENT);
        assertThat(only("The portal venous system is widely patent.", PORTAL_VEIN_THROMBOSIS).assertion())
                .isEqualTo(Assertion.ABSENT);
    }

    @Test
    void aComparisonWithThePriorStudyIsNoHistory() {
        FindingMention m = only("Compared with the prior examination, the multiple pulmonary nodules are larger.",
                MULTIPLE_LUNG_NODULES);
        assertThat(m.temporality()).isEqualTo(FindingMention.Temporality.CURRENT);
        assertThat(only("Relative to the prior CT, multiple pulmonary nodules are more numerous.", MULTIPLE_LUNG_NODULES)
                .temporality()).isEqualTo(FindingMention.Temporality.CURRENT);
        // a clinical history with "prior" stays history
        assertThat(only("History: prior multiple pulmonary nodules, resected.", MULTIPLE_LUNG_NODULES).temporality())
                .isEqualTo(FindingMention.Temporality.HISTORICAL);
    }

    @Test
    void jointSpaceNarrowingWithOsteophytesIsOsteoarthritis() {
        assertThat(only("Lateral compartment joint space narrowing and marginal osteophyte formation.", OSTEOARTHRITIS)
                .assertion()).isEqualTo(Assertion.PRESENT);
        assertThat(only("Lateral compartment joint space narrowing and marginal osteophyte formation.", OSTEOPHYTE)
                .assertion()).isEqualTo(Assertion.PRESENT);
        // the narrowing alone, or a denial of both, is no osteoarthritis
        assertThat(of("Slight joint space narrowing at the radiocarpal joint.", OSTEOARTHRITIS)).isEmpty();
        assertThat(of("No joint space narrowing or osteophytes.", OSTEOARTHRITIS)).isEmpty();
    }
}
