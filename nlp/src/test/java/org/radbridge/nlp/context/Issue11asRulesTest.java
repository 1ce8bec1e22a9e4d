package org.radbridge.nlp.context;

import org.junit.jupiter.api.Test;
import org.radbridge.nlp.FindingMention;
import org.radbridge.nlp.FindingMention.Assertion;
import org.radbridge.nlp.NlpMentionsTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11, helper 11as: error classes of the ROCO caption dev split (real public text) that reports share: spelling
 * and plural variants the concept list lacked, site refinement of a lesion / nodule in the breast and a mass in the
 * colon, the talus and cuneiforms as the foot, "has disappeared" as "has resolved", and a follow-up study named by its view or
 * modality. The sentences are new wording, not copied from an evaluation set.
 */
class Issue11asRulesTest extends NlpMentionsTest {

    private static final String CHOLELITHIASIS = "235919008";
    private static final String ADENOMA = "1187375007";
    private static final String BREAST_MICROCALCIFICATIONS = "44771000";
    private static final String BONE_LESION = "879976004";
    private static final String CALCIFICATION = "18115005";
    private static final String MYCOSIS = "3218000";
    private static final String PULMONARY_METASTASIS = "94391008";
    private static final String METASTASIS = "128462008";
    private static final String MEDIASTINAL_MASS = "94147001";
    private static final String NEOPLASM = "108369006";
    private static final String CEREBRAL_VENOUS_THROMBOSIS = "297157005";
    private static final String BREAST_MASS = "129788004";
    private static final String LESION = "52988006";
    private static final String NODULE = "27925004";
    private static final String COLON_TUMOR = "126838000";
    private static final String MASS = "4147007";
    private static final String LOWER_LIMB_FRACTURE = "46866001";
    private static final String FRACTURE = "125605004";
    private static final String PLEURAL_EFFUSION = "60046008";
    private static final String PNEUMOTHORAX = "36118008";
    private static final String SUBDURAL_HEMATOMA = "RID4706";

    @Test
    void spellingAndWordFormsTheListLackedAreItsConcepts() {
        assertThat(only("Several small gall stones layer in the dependent gallbladder.", CHOLELITHIASIS).assertion())
                .isEqualTo(Assertion.PRESENT);
        assertThat(only("A 7 mm hypoenhancing microadenoma on the left of the sella.", ADENOMA).assertion())
                .isEqualTo(Assertion.PRESENT);
        assertThat(only("Macroadenoma with suprasellar extension.", ADENOMA).assertion()).isEqualTo(Assertion.PRESENT);
        assertThat(only("Grouped fine pleomorphic calcifications in the upper inner quadrant.",
                BREAST_MICROCALCIFICATIONS).assertion()).isEqualTo(Assertion.PRESENT);
        assertThat(only("A sessile exostosis arises from the distal femoral metaphysis.", BONE_LESION).assertion())
                .isEqualTo(Assertion.PRESENT);
        assertThat(only("Calcific deposits adjacent to the greater tuberosity.", CALCIFICATION).assertion())
                .isEqualTo(Assertion.PRESENT);
        assertThat(only("A mobile fungus ball within the right apical cavity.", MYCOSIS).assertion())
                .isEqualTo(Assertion.PRESENT);
        assertThat(only("No aspergilloma in the known cavity.", MYCOSIS).assertion()).isEqualTo(Assertion.ABSENT);
        assertThat(only("Innumerable metastatic lung nodules, larger than before.", PULMONARY_METASTASIS).assertion())
                .isEqualTo(Assertion.PRESENT);
        assertThat(only("Enlarged metastatic lymph nodes along the iliac chain.", METASTASIS).assertion())
                .isEqualTo(Assertion.PRESENT);
        assertThat(only("A lobulated anterior mediastinal tumour abuts the aortic arch.", MEDIASTINAL_MASS).assertion())
                .isEqualTo(Assertion.PRESENT);
        assertThat(of("A lobulated anterior mediastinal tumour abuts the aortic arch.", NEOPLASM)).isEmpty();
        assertThat(only("Findings compatible with transverse sinus thrombosis on the right.",
                CEREBRAL_VENOUS_THROMBOSIS).assertion()).isEqualTo(Assertion.PRESENT);
    }

    @Test
    void aLesionOrNoduleInTheBreastIsABreastMass() {
        String lesion = "An oval enhancing lesion in the right breast at 2 o'clock.";
        assertThat(only(lesion, BREAST_MASS).assertion()).isEqualTo(Assertion.PRESENT);
        assertThat(of(lesion, LESION)).isEmpty();
        String nodule = "Irregular nodule in the upper outer quadrant of the left breast.";
        assertThat(only(nodule, BREAST_MASS).assertion()).isEqualTo(Assertion.PRESENT);
        assertThat(of(nodule, NODULE)).isEmpty();
        // a lesion at another site keeps that site's concept: no breast mass without the breast
        assertThat(of("An enhancing lesion in the left parietal lobe.", BREAST_MASS)).isEmpty();
    }

    @Test
    void aMassOrTumourOfTheColonIsAColonicTumour() {
        String mass = "Circumferential mass of the descending colon with shouldered margins.";
        assertThat(only(mass, COLON_TUMOR).assertion()).isEqualTo(Assertion.PRESENT);
        assertThat(of(mass, MASS)).isEmpty();
        assertThat(only("No tumor in the sigmoid colon.", COLON_TUMOR).assertion()).isEqualTo(Assertion.ABSENT);
    }

    @Test
    void theTalusAndTheCuneiformsAreBonesOfTheFoot() {
        assertThat(only("Nondisplaced fracture through the neck of the talus.", LOWER_LIMB_FRACTURE).assertion())
                .isEqualTo(Assertion.PRESENT);
        assertThat(only("Avulsion fracture of the lateral cuneiform.", LOWER_LIMB_FRACTURE).assertion())
                .isEqualTo(Assertion.PRESENT);
        assertThat(of("Nondisplaced fracture through the neck of the talus.", FRACTURE)).isEmpty();
    }

    @Test
    void aFindingThatHasDisappearedIsAbsentButANearCompleteDisappearanceLeavesAResidual() {
        assertThat(only("The left pleural effusion has disappeared since the last film.", PLEURAL_EFFUSION)
                .assertion()).isEqualTo(Assertion.ABSENT);
        assertThat(only("Interval disappearance of the right pneumothorax.", PNEUMOTHORAX).assertion())
                .isEqualTo(Assertion.ABSENT);
        assertThat(only("Near complete disappearance of the left pleural effusion.", PLEURAL_EFFUSION).assertion())
                .isEqualTo(Assertion.PRESENT);
        assertThat(only("The pleural effusion has almost disappeared.", PLEURAL_EFFUSION).assertion())
                .isEqualTo(Assertion.PRESENT);
    }

    @Test
    void aFollowUpStudyNamedByItsViewOrModalityIsTodaysStudy() {
        assertThat(has("Follow-up chest AP film shows a small apical pneumothorax.", PNEUMOTHORAX, Assertion.PRESENT))
                .isTrue();
        assertThat(has("Follow up MRI demonstrates a thin subdural hematoma.", SUBDURAL_HEMATOMA, Assertion.PRESENT))
                .isTrue();
        // the request stays a request: following a finding up is no finding
        assertThat(of("Recommend follow up pneumothorax.", PNEUMOTHORAX)).isEmpty();
    }
    private static final String HYDRONEPHROSIS = "43064006";
    private static final String RENAL_PELVIS_DILATATION = "197820003";
    private static final String LIVER_LESION = "300331000";
    private static final String PULMONARY_EMBOLISM = "59282003";

    @Test
    void aDilatedCollectingSystemIsHydronephrosisAndADilatedPelvisAlonePelviectasis() {
        assertThat(only("Moderate dilatation of the pelvicalyceal system on the right.", HYDRONEPHROSIS).assertion())
                .isEqualTo(Assertion.PRESENT);
        assertThat(only("No dilatation of the collecting system bilaterally.", HYDRONEPHROSIS).assertion())
                .isEqualTo(Assertion.ABSENT);
        assertThat(only("Mildly dilated renal pelvis, extrarenal in configuration.", RENAL_PELVIS_DILATATION)
                .assertion()).isEqualTo(Assertion.PRESENT);
        // dilatation of something else near a renal word stays no finding
        assertThat(of("Dilated small bowel loops in the left renal fossa.", HYDRONEPHROSIS)).isEmpty();
    }

    @Test
    void couinaudSegmentsInRomanNumeralsAreTheLiver() {
        assertThat(only("A 14 mm hypodense lesion in segment VII.", LIVER_LESION).assertion())
                .isEqualTo(Assertion.PRESENT);
        assertThat(only("Arterially enhancing lesion spanning segments IVa and VIII.", LIVER_LESION).assertion())
                .isEqualTo(Assertion.PRESENT);
    }

    @Test
    void fillingDefectsInANamedPulmonaryArteryAreEmboli() {
        assertThat(only("Occlusive filling defects within the left main pulmonary artery.", PULMONARY_EMBOLISM)
                .assertion()).isEqualTo(Assertion.PRESENT);
        assertThat(only("No pulmonary arterial filling defect.", PULMONARY_EMBOLISM).assertion())
                .isEqualTo(Assertion.ABSENT);
    }
    private static final String RENAL_CELL_CARCINOMA = "702391001";
    private static final String CHONDROSARCOMA = "1163016002";

    @Test
    void aTumourRestatingANamedMalignancyIsThatMalignancy() {
        String kidney = "Exophytic left renal lesion, in keeping with renal cell carcinoma; the tumour reaches 5 cm.";
        assertThat(only(kidney, RENAL_CELL_CARCINOMA).assertion()).isEqualTo(Assertion.PRESENT);
        assertThat(of(kidney, NEOPLASM)).isEmpty();
        String bone = "Chondrosarcoma of the iliac wing; the tumor measures 9 cm and is lobulated.";
        assertThat(only(bone, CHONDROSARCOMA).assertion()).isEqualTo(Assertion.PRESENT);
        assertThat(of(bone, NEOPLASM)).isEmpty();
        // a tumour the report denies stays denied next to the named one
        assertThat(only("Chondrosarcoma of the iliac wing. No other tumor.", NEOPLASM).assertion())
                .isEqualTo(Assertion.ABSENT);
    }
    private static final String BRAIN_LESION = "301766008";

    @Test
    void deepPartsOfTheBrainAreTheBrain() {
        assertThat(only("A nodular enhancing lesion of the hypothalamus.", BRAIN_LESION).assertion())
                .isEqualTo(Assertion.PRESENT);
        assertThat(only("Expansile lesion involving the genu of the corpus callosum.", BRAIN_LESION).assertion())
                .isEqualTo(Assertion.PRESENT);
        // the caudate lobe is the liver's, not the caudate nucleus
        assertThat(of("Small hypoattenuating lesion in the caudate lobe.", BRAIN_LESION)).isEmpty();
        assertThat(only("Small hypoattenuating lesion in the caudate lobe.", LIVER_LESION).assertion())
                .isEqualTo(Assertion.PRESENT);
    }
    private static final String FEMUR_FRACTURE = "71620000";
    private static final String LUNG_LESION = "301232003";
    private static final String LUNG_ABSCESS = "73452002";

    @Test
    void theTrochantersAreTheFemurAndAWalledLungCavityALungLesion() {
        assertThat(only("Undisplaced fracture through the lesser trochanter.", FEMUR_FRACTURE).assertion())
                .isEqualTo(Assertion.PRESENT);
        assertThat(of("Undisplaced fracture through the lesser trochanter.", FRACTURE)).isEmpty();
        assertThat(only("A 3 cm thin-walled cavity in the superior segment of the left lower lobe.", LUNG_LESION)
                .assertion()).isEqualTo(Assertion.PRESENT);
        // the pleural or peritoneal cavity is anatomy, not a lesion
        assertThat(of("Trace fluid in the pleural cavity.", LUNG_LESION)).isEmpty();
        // a cavity the same sentence calls an abscess is the abscess; a hedged abscess keeps both
        String abscess = "Thin-walled cavity with a fluid level in the lingula, in keeping with a lung abscess.";
        assertThat(only(abscess, LUNG_ABSCESS).assertion()).isEqualTo(Assertion.PRESENT);
        assertThat(of(abscess, LUNG_LESION)).isEmpty();
        String hedged = "Thin-walled cavity with a fluid level in the lingula, possibly an abscess.";
        assertThat(only(hedged, LUNG_LESION).assertion()).isEqualTo(Assertion.PRESENT);
    }
    private static final String LYMPHOMA = "1163043007";
    private static final String CONSOLIDATION = "95436008";

    @Test
    void theClinicalLeadInInAPatientWithIsHistory() {
        String leadIn = "Dense left lower lobe consolidation in a patient with treated lymphoma.";
        assertThat(has(leadIn, CONSOLIDATION, Assertion.PRESENT)).isTrue();
        assertThat(only(leadIn, LYMPHOMA).temporality()).isEqualTo(FindingMention.Temporality.HISTORICAL);
        assertThat(only("Portable film of a 71 year old woman with lymphoma.", LYMPHOMA).temporality())
                .isEqualTo(FindingMention.Temporality.HISTORICAL);
        // the lead-in ends where the sentence turns to what the image shows
        assertThat(has("Coronal CT in a patient with asthma, demonstrating a fungus ball in an upper lobe cavity.",
                MYCOSIS, Assertion.PRESENT)).isTrue();
        // stated as today's finding, the same disease stays current
        assertThat(has("Bulky mediastinal nodes, compatible with lymphoma.", LYMPHOMA, Assertion.PRESENT)).isTrue();
    }
    private static final String LUNG_OPACITY = "274533004";

    @Test
    void opacificationOfANamedParanasalSinusIsNoLungOpacity() {
        assertThat(of("Near-complete opacification of the left maxillary sinus with an air-fluid level.", LUNG_OPACITY))
                .isEmpty();
        assertThat(of("The ethmoid air cells show patchy opacification.", LUNG_OPACITY)).isEmpty();
        // the lung's own opacification stays
        assertThat(only("Patchy opacification of the left lower lobe.", LUNG_OPACITY).assertion())
                .isEqualTo(Assertion.PRESENT);
    }
}
