package org.radbridge.nlp.context;

import org.junit.jupiter.api.Test;
import org.radbridge.nlp.FindingMention;
import org.radbridge.nlp.FindingMention.Assertion;
import org.radbridge.nlp.NlpMentionsTest;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11, helper 11ci: classes of text that gave false-positive present findings on normal reports of all domains
 * (request headings, lead-ins with an age or a smoker, staging of a known cancer, an exam named with its purpose, what a
 * modality does not assess, findings no longer visible / cleared / in remission, the requester's suspicion, "X absent",
 * a suspicion of an earlier study, breast and dependent-change mimics, a finding word called a normal variant,
 * physiological intracranial calcification, "negative study for", "considered unlikely", the patient's symptoms of a
 * disease, clinicians' surnames), each with a control that keeps a stated finding, then normal reports written for
 * this test. The wording is new, not copied from an evaluation set nor from the helper's own evaluation reports.
 */
class Issue11ciRulesTest extends NlpMentionsTest {

    private static final String EMPHYSEMA = "87433001";
    private static final String ASTHMA = "195967001";
    private static final String PNEUMONIA = "233604007";
    private static final String PNEUMOTHORAX = "36118008";
    private static final String PLEURAL_EFFUSION = "60046008";
    private static final String LYMPHOMA = "1163043007";
    private static final String FRACTURE = "125605004";
    private static final String LUNG_OPACITY = "274533004";
    private static final String CONSOLIDATION = "95436008";
    private static final String LUNG_NODULE = "786838002";
    private static final String CALCIFICATION = "18115005";
    private static final String CYST = "367643001";
    private static final String CHOLECYSTITIS = "76581006";

    /** Present mentions about today's image of the patient (what the normal-report figure counts). */
    private static List<FindingMention> presentFindings(String report) {
        return nlp.analyze("n", report).mentions().stream()
                .filter(m -> m.assertion() == Assertion.PRESENT && m.temporality() == FindingMention.Temporality.CURRENT
                        && m.subject() == FindingMention.Subject.PATIENT)
                .toList();
    }

    /** Mentions of the code about today's image that are present or possible (a finding or a hedge). */
    private static List<FindingMention> stated(String text, String code) {
        return of(text, code).stream().filter(m -> m.assertion() != Assertion.ABSENT
                && m.temporality() == FindingMention.Temporality.CURRENT).toList();
    }

    @Test
    void requestHeadingsHoldTheHistory() {
        assertThat(stated("CHEST PA\nProvided history: exertional dyspnoea, emphysema\nFindings: Lungs clear.", EMPHYSEMA)).isEmpty();
        assertThat(stated("CHEST PA\nClin: wheeze, asthma since childhood\nLungs normally inflated.", ASTHMA)).isEmpty();
        assertThat(stated("CHEST PA\nClinical context: treated pneumonia\nFindings: Lungs clear.", PNEUMONIA)).isEmpty();
        // control: the same disease stated under the findings
        assertThat(has("CHEST PA\nClin hx: breathless\nFindings: Emphysema of both upper lobes.", EMPHYSEMA, Assertion.PRESENT))
                .isTrue();
    }

    @Test
    void aLeadInWithAnAgeOrASmokerIsTheBackground() {
        assertThat(stated("In an adolescent with asthma, the lungs are normally inflated and clear.", ASTHMA)).isEmpty();
        assertThat(stated("The 9-week-old with pneumonia last week now has clear lungs.", PNEUMONIA)).isEmpty();
        assertThat(stated("A 70-year-old ex-smoker with emphysema; the lungs are clear today.", EMPHYSEMA)).isEmpty();
        assertThat(stated("She is a known asthmatic. Normal chest.", ASTHMA)).isEmpty();
        // control: a finding before the lead-in stays current
        assertThat(has("Right basal pneumonia in an adolescent with fever.", PNEUMONIA, Assertion.PRESENT)).isTrue();
    }

    @Test
    void stagingOfAKnownCancerIsTheBackground() {
        assertThat(stated("PET-CT restaging for lymphoma: no avid disease anywhere.", LYMPHOMA)).isEmpty();
        // control: lymphoma the image shows
        assertThat(has("Bulky mediastinal lymphoma encasing the great vessels.", LYMPHOMA, Assertion.PRESENT)).isTrue();
    }

    @Test
    void anExamNamedWithItsPurposeAsksAQuestion() {
        assertThat(stated("Skeletal radiographs for fracture after a fall: the bones are intact.", FRACTURE)).isEmpty();
        // control: the verb that opens what the study shows ends the purpose
        assertThat(has("Chest radiograph for line check shows a left pneumothorax.", PNEUMOTHORAX, Assertion.PRESENT)).isTrue();
        assertThat(has("Radiograph for comparison shows a left pneumothorax.", PNEUMOTHORAX, Assertion.PRESENT)).isTrue();
    }

    @Test
    void moreRequestWordingsAskAQuestion() {
        assertThat(stated("Done for evaluation of pneumonia after a week of cough. Clear lungs.", PNEUMONIA)).isEmpty();
        assertThat(stated("Follow-up study for pneumonia in the lingula: resolved.", PNEUMONIA)).isEmpty();
        assertThat(stated("To gauge the response to treatment of pneumonia. Lungs clear.", PNEUMONIA)).isEmpty();
        assertThat(stated("CHEST AP\nWorking dx: pneumonia\nFindings: Lungs clear.", PNEUMONIA)).isEmpty();
        // control: a study "for comparison" names no purpose, and a stated pneumonia stays
        assertThat(has("Prior study for comparison. Right lower lobe pneumonia.", PNEUMONIA, Assertion.PRESENT)).isTrue();
    }

    @Test
    void requestsToExcludeAndInabilityToExclude() {
        assertThat(stated("Exclude fracture of the scaphoid. Bones intact.", FRACTURE)).isEmpty();
        // control: the radiologist who cannot exclude it leaves it possible, before or after the finding
        assertThat(has("Difficult to exclude an undisplaced fracture of the waist.", FRACTURE, Assertion.POSSIBLE)).isTrue();
        assertThat(has("An undisplaced fracture is hard to exclude.", FRACTURE, Assertion.POSSIBLE)).isTrue();
        assertThat(has("Unable to rule out a hairline fracture.", FRACTURE, Assertion.POSSIBLE)).isTrue();
    }

    @Test
    void backgroundFromTransfersOutsideReportsReferrersAndOperations() {
        assertThat(stated("Arrived from the district hospital with a diagnosis of pneumonia; lungs clear here.", PNEUMONIA))
                .isEmpty();
        assertThat(presentFindings("The outside report describes a lung nodule; our CT shows none.")).isEmpty();
        assertThat(stated("Day 1 after cholecystectomy for cholecystitis, pyrexial. Chest clear.", CHOLECYSTITIS)).isEmpty();
        assertThat(presentFindings("Pre-op hernia repair; chest clear.")).isEmpty();
        assertThat(stated("Worried about pneumonia in a frail resident. Lungs clear.", PNEUMONIA)).isEmpty();
        // control: a hernia seen today after an earlier repair
        assertThat(presentFindings("Recurrent left inguinal hernia after hernia repair.")).isNotEmpty();
    }

    @Test
    void theFreshBatchClasses() {
        // a clinician's question told in an addendum
        assertThat(stated("Addendum: the orthopaedic team asked about a rib fracture; the ribs are intact.", FRACTURE)).isEmpty();
        assertThat(stated("Query from the surgical team regarding pneumonia. Lungs clear.", PNEUMONIA)).isEmpty();
        // an earlier finding not apparent on today's modality; control: one the prior study did not show is new
        assertThat(stated("The nodule from the CT is not apparent radiographically.", LUNG_NODULE)).isEmpty();
        assertThat(has("A 9 mm nodule, not apparent on the prior study, in the right lower lobe.", LUNG_NODULE,
                Assertion.PRESENT)).isTrue();
        // a disclaimer about the test
        assertThat(stated("The chest film may be normal in early pneumonia.", PNEUMONIA)).isEmpty();
        // a lump put down to a normal structure; control: a lump the report does not explain
        assertThat(presentFindings("The palpable lump corresponds to a normal lymph node.")).isEmpty();
        assertThat(presentFindings("Palpable 2 cm solid mass in the left breast at 2 o'clock.")).isNotEmpty();
        // an infection of another organ, or a latent one, is no pneumonia; control: a chest infection
        assertThat(stated("Elderly man with a urinary tract infection and new confusion. Lungs clear.", PNEUMONIA)).isEmpty();
        assertThat(stated("Interferon test positive; latent infection suspected. Lungs clear.", PNEUMONIA)).isEmpty();
        assertThat(stated("Febrile toddler with an ear infection. Lungs clear.", PNEUMONIA)).isEmpty();
        assertThat(stated("Diabetic with a foot infection, sepsis screen. Lungs clear.", PNEUMONIA)).isEmpty();
        assertThat(has("Left lower lobe consolidation in keeping with infection.", PNEUMONIA, Assertion.PRESENT)).isTrue();
    }

    @Test
    void whatTheModalityDoesNotAssessIsNoFinding() {
        assertThat(stated("Effusions are not evaluated on this limited single view.", PLEURAL_EFFUSION)).isEmpty();
        // control: a stated effusion before a clause about what is not assessed
        assertThat(has("A small left effusion is seen; the right base is not evaluated.", PLEURAL_EFFUSION, Assertion.PRESENT))
                .isTrue();
    }

    @Test
    void aFindingNoLongerVisibleClearedOrInRemissionIsAbsent() {
        assertThat(stated("The lingular opacity of last month is not radiologically visible now.", LUNG_OPACITY)).isEmpty();
        assertThat(stated("Interval clearance of the basal consolidation.", CONSOLIDATION)).isEmpty();
        assertThat(stated("Follicular lymphoma, in complete remission per the oncology letter.", LYMPHOMA)).isEmpty();
        // control: still visible
        assertThat(has("The 6 mm nodule is still radiographically visible.", LUNG_NODULE, Assertion.PRESENT)).isTrue();
    }

    @Test
    void aFindingGoneOrCompletelyRegressedIsAbsent() {
        assertThat(stated("The small right pneumothorax is gone.", PNEUMOTHORAX)).isEmpty();
        assertThat(presentFindings("Complete regression of the hilar lymphadenopathy since June.")).isEmpty();
        // control: a partial regression leaves the finding present
        assertThat(presentFindings("Partial regression of the hilar lymphadenopathy since June.")).isNotEmpty();
    }

    @Test
    void theRequestersSuspicionIsTheQuestion() {
        assertThat(stated("The GP suspects a pneumothorax; the lung is fully expanded.", PNEUMOTHORAX)).isEmpty();
        // control: the radiologist's own suspicion stays a hedge
        assertThat(has("A small apical pneumothorax is suspected.", PNEUMOTHORAX, Assertion.POSSIBLE)).isTrue();
    }

    @Test
    void absentAfterTheFindingDeniesIt() {
        assertThat(has("Pleural fluid absent. Pneumothorax absent.", PNEUMOTHORAX, Assertion.ABSENT)).isTrue();
        assertThat(stated("Pleural effusion absent.", PLEURAL_EFFUSION)).isEmpty();
        // control: a finding after the denied one in the next clause
        assertThat(has("Effusion absent; small pneumothorax at the right apex.", PNEUMOTHORAX, Assertion.PRESENT)).isTrue();
    }

    @Test
    void aSuspicionOfAnEarlierStudyIsNoFindingOfThisOne() {
        assertThat(presentFindings("A renal stone was questioned on the prior CT; none is seen today.")).isEmpty();
        // control
        assertThat(presentFindings("A 4 mm stone lies in the lower pole of the right kidney.")).isNotEmpty();
    }

    @Test
    void breastAndDependentChangeMimicsAreNoFindings() {
        assertThat(presentFindings("The nodular opacity on the screening film corresponds to overlapping fibroglandular tissue."))
                .isEmpty();
        assertThat(presentFindings("Patchy ground-glass attenuation in both lower lobes represents dependent change.")).isEmpty();
        // control: the same appearance without an explanation
        assertThat(presentFindings("Patchy ground-glass opacity in both upper lobes.")).isNotEmpty();
    }

    @Test
    void aFindingWordCalledANormalVariantIsNoFinding() {
        assertThat(stated("Small cyst-like space between the leaves of the septum, a normal variant.", CYST)).isEmpty();
        // control
        assertThat(presentFindings("Simple cyst in the upper pole of the right kidney, 12 mm.")).isNotEmpty();
    }

    @Test
    void physiologicalIntracranialCalcificationIsNoFinding() {
        assertThat(stated("Calcification of the pineal gland and habenula. Falcine calcification.", CALCIFICATION)).isEmpty();
        assertThat(stated("Choroid plexus calcifications are symmetrical.", CALCIFICATION)).isEmpty();
        // control: calcification in the brain substance stays a finding
        assertThat(has("Dense calcification in the right frontal lobe.", CALCIFICATION, Assertion.PRESENT)).isTrue();
    }

    @Test
    void negativeStudiesUnlikelyDiagnosesAndSymptomsAreNoFindings() {
        assertThat(presentFindings("Negative ultrasound for appendicitis.")).isEmpty();
        assertThat(stated("Cholecystitis is thought to be unlikely.", CHOLECYSTITIS)).isEmpty();
        assertThat(stated("Her symptoms of cholecystitis are not explained by this study.", CHOLECYSTITIS)).isEmpty();
        // control
        assertThat(has("Acute cholecystitis with a distended gallbladder.", CHOLECYSTITIS, Assertion.PRESENT)).isTrue();
    }

    @Test
    void aCliniciansSurnameIsNoFinding() {
        assertThat(presentFindings("Verified by Prof. K. L. Mass.")).isEmpty();
        assertThat(presentFindings("Kidneys normal. Sonographer: Peter Stone.")).isEmpty();
        assertThat(presentFindings("Findings given to Sister Bleed by telephone.")).isEmpty();
        // controls: a finding word that is no surname, and one after a name's sentence
        assertThat(presentFindings("Stone in the lower pole of the left kidney. Discussed with Dr. Lee.")).isNotEmpty();
        assertThat(presentFindings("Discussed with Dr. Lee: Mass in the right upper lobe.")).isNotEmpty();
    }

    static final List<String> NORMAL_REPORTS = List.of(
            "XR CHEST\nClin: fever in a returning traveller\nFindings: Lungs clear. Heart normal. Effusion absent.\n"
                    + "Impression: Normal. Verified by Dr. J. Stone.",
            "US ABDOMEN\nProvided history: deranged liver tests\nFindings: Liver normal in size and echotexture. Fatty "
                    + "liver was suspected on the prior CT; the liver is normal today. Gallbladder normal.\nImpression: Normal.",
            "CT HEAD\nClinical presentation: collapse\nFindings: No haemorrhage or infarct. Pineal and choroid plexus "
                    + "calcification. Ventricles normal.\nImpression: No acute abnormality.",
            "XR CERVICAL SPINE\nIndication for exam: a 15-year-old with neck pain after rugby\nFindings: Alignment normal. "
                    + "No fracture.\nImpression: Normal.",
            "MAMMOGRAM\nFindings: The questioned density corresponds to normal fibroglandular tissue on spot views. No "
                    + "mass.\nImpression: BI-RADS 1.",
            "CT CHEST\nFindings: Basal ground-glass density represents dependent change, clearing prone. No nodule.\n"
                    + "Impression: Normal.",
            "XR CHEST\nHistory and indication: a 64-year-old smoker with COPD, breathless\nFindings: Lungs clear. No "
                    + "pneumothorax.\nImpression: No acute change. Malignancy is considered unlikely.",
            "CT ABDOMEN\nClinical background: Hodgkin lymphoma in complete remission\nFindings: No lymphadenopathy. Spleen "
                    + "normal.\nImpression: No recurrence.",
            "XR CHEST\nFindings: Interval clearance of the right basal consolidation. Lungs clear.\nImpression: Resolved.",
            "CT PULMONARY ANGIOGRAM\nFindings: Negative study for pulmonary embolism. Lungs clear.\nImpression: No PE.");

    @Test
    void normalReportsGiveNoPresentFinding() {
        for (String report : NORMAL_REPORTS) {
            assertThat(presentFindings(report)).as(report).isEmpty();
        }
    }
}
