package org.radbridge.nlp.context;

import org.junit.jupiter.api.Test;
import org.radbridge.nlp.FindingMention;
import org.radbridge.nlp.FindingMention.Assertion;
import org.radbridge.nlp.NlpMentionsTest;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11, helper 11bl: precision on normal reports. One test per class of text that gave a false-positive present
 * finding (generic statements, adverbs inside triggers, a ':' after a cue, relative clauses, post denials, quoted
 * outside readings, the clinician's concern, film disclaimers, template answers, order headings), then a set of normal
 * chest radiograph reports written for this test in the styles hospitals produce, none of which may give a present
 * finding. The wording is new, not copied from an evaluation set.
 */
class Issue11blRulesTest extends NlpMentionsTest {

    private static final String PNEUMONIA = "233604007";
    private static final String PLEURAL_EFFUSION = "60046008";
    private static final String PNEUMOTHORAX = "36118008";
    private static final String PULMONARY_EDEMA = "19242006";
    private static final String CARDIOMEGALY = "8186001";
    private static final String CONSOLIDATION = "95436008";
    private static final String LUNG_NODULE = "786838002";
    private static final String LUNG_MASS = "309529002";
    private static final String ATELECTASIS = "46621007";
    private static final String RIB_FRACTURE = "33737001";
    private static final String THORACOSTOMY_TUBE = "RID5573";
    private static final String NEOPLASM = "108369006";

    /** Present mentions about today's image of the patient (what the normal-report figure counts). */
    private static List<FindingMention> presentFindings(String report) {
        return nlp.analyze("n", report).mentions().stream()
                .filter(m -> m.assertion() == Assertion.PRESENT && m.temporality() == FindingMention.Temporality.CURRENT
                        && m.subject() == FindingMention.Subject.PATIENT)
                .toList();
    }

    @Test
    void aFindingAsTheSubjectOfAStatementInGeneralIsNoFinding() {
        assertThat(of("Pleural effusions usually layer posteriorly on a supine film.", PLEURAL_EFFUSION)).isEmpty();
        assertThat(of("Pneumonia may sometimes be invisible on the first radiograph.", PNEUMONIA)).isEmpty();
        assertThat(of("Mild pulmonary edema often lags behind the clinical picture.", PULMONARY_EDEMA)).isEmpty();
        // what a symptom seldom means names the disease in general
        assertThat(of("Cough alone is rarely a sign of neoplasm in a young adult.", NEOPLASM)).isEmpty();
        // a comment after a comma leaves the stated finding
        assertThat(only("Small bilateral effusions, typically seen with fluid overload.", PLEURAL_EFFUSION).assertion())
                .isEqualTo(Assertion.PRESENT);
        // an adverb of frequency further into the sentence is no generic statement about the finding
        assertThat(only("Right basal atelectasis, which we often see after abdominal surgery.", ATELECTASIS).assertion())
                .isEqualTo(Assertion.PRESENT);
    }

    @Test
    void anAdverbInsideALongerTriggerDoesNotBreakIt() {
        assertThat(only("The left apical pneumothorax is also no longer seen.", PNEUMOTHORAX).assertion())
                .isEqualTo(Assertion.ABSENT);
        assertThat(only("The small right effusion is still not visualized.", PLEURAL_EFFUSION).assertion())
                .isEqualTo(Assertion.ABSENT);
        assertThat(of("Subtle pneumonia can occasionally be radiographically occult.", PNEUMONIA)).isEmpty();
        // a two-word cue does not swallow the first word of a longer one ("is also negative for")
        assertThat(only("The expiratory view is also negative for pneumothorax.", PNEUMOTHORAX).assertion())
                .isEqualTo(Assertion.ABSENT);
    }

    @Test
    void aColonRightAfterACueOpensTheListItGoverns() {
        String s = "Negative for: consolidation, pneumothorax, effusion.";
        assertThat(only(s, CONSOLIDATION).assertion()).isEqualTo(Assertion.ABSENT);
        assertThat(only(s, PNEUMOTHORAX).assertion()).isEqualTo(Assertion.ABSENT);
        assertThat(only(s, PLEURAL_EFFUSION).assertion()).isEqualTo(Assertion.ABSENT);
        assertThat(has("Without: edema or effusion.", PULMONARY_EDEMA, Assertion.PRESENT)).isFalse();
        // a colon after other words still ends the scope
        assertThat(has("No change since Monday: small left effusion.", PLEURAL_EFFUSION, Assertion.PRESENT)).isTrue();
    }

    @Test
    void aRelativeClauseAfterACommaDeniesTheFindingBeforeIt() {
        assertThat(only("A small left effusion was reported last week, which is not seen today.", PLEURAL_EFFUSION)
                .assertion()).isEqualTo(Assertion.ABSENT);
        // the comparison form stays a new finding
        assertThat(only("Right basal atelectasis, which was not seen on the prior study.", ATELECTASIS).assertion())
                .isEqualTo(Assertion.PRESENT);
        // without the comma "that" opens a restrictive clause of another subject: the cue's scope still ends
        assertThat(only("Stable left lower lobe nodule. Opacity that is not seen on the lateral view.", LUNG_NODULE)
                .assertion()).isEqualTo(Assertion.PRESENT);
    }

    @Test
    void aFindingDeniedInAShortPredicateAfterIt() {
        assertThat(only("Pneumothorax has been excluded on the expiratory film.", PNEUMOTHORAX).assertion())
                .isEqualTo(Assertion.ABSENT);
        assertThat(only("Consolidation ruled out.", CONSOLIDATION).assertion()).isEqualTo(Assertion.ABSENT);
        assertThat(only("Pulmonary edema is not suspected.", PULMONARY_EDEMA).assertion()).isEqualTo(Assertion.ABSENT);
        assertThat(only("Cardiomegaly not confirmed on the PA view.", CARDIOMEGALY).assertion()).isEqualTo(Assertion.ABSENT);
        assertThat(only("Chest tube not present on this film.", THORACOSTOMY_TUBE).assertion()).isEqualTo(Assertion.ABSENT);
        // a negation about the earlier study leaves the finding new today
        assertThat(only("New 5 mm nodule in the lingula (previously not present).", LUNG_NODULE).assertion())
                .isEqualTo(Assertion.PRESENT);
        // a hedged exclusion stays a hedge
        assertThat(only("Early pneumonia is not entirely excluded.", PNEUMONIA).assertion()).isEqualTo(Assertion.POSSIBLE);
    }

    @Test
    void otherWordsOfDenial() {
        assertThat(only("The lung bases are devoid of consolidation.", CONSOLIDATION).assertion()).isEqualTo(Assertion.ABSENT);
        assertThat(only("The lungs lack any discrete nodule.", LUNG_NODULE).assertion()).isEqualTo(Assertion.ABSENT);
        assertThat(only("None of the usual features of pulmonary edema.", PULMONARY_EDEMA).assertion())
                .isEqualTo(Assertion.ABSENT);
        // "source of infection" names the clinical search for a septic focus, no finding at all (issue 11bj's
        // not-findings row, merged with this one): either way no pneumonia is read as present
        assertThat(of("No intrathoracic source of infection.", PNEUMONIA)).noneMatch(m -> m.assertion() == Assertion.PRESENT);
        assertThat(only("Low likelihood of pneumothorax on this film.", PNEUMOTHORAX).assertion()).isEqualTo(Assertion.ABSENT);
    }

    @Test
    void aFindingOfAnEarlierStudySaidToBeGoneNow() {
        assertThat(only("The earlier apical pneumothorax is now absent.", PNEUMOTHORAX).assertion()).isEqualTo(Assertion.ABSENT);
        assertThat(only("Effusion seen last Tuesday has now cleared.", PLEURAL_EFFUSION).assertion()).isEqualTo(Assertion.ABSENT);
        assertThat(only("The basal consolidation is gone.", CONSOLIDATION).assertion()).isEqualTo(Assertion.ABSENT);
    }

    @Test
    void aReadingQuotedFromAnotherReaderIsTheQuestionNotAFinding() {
        assertThat(of("The outside report mentioned a right hilar mass; the hila are normal.", LUNG_MASS)).isEmpty();
        assertThat(has("The ED physician called a left lower lobe pneumonia. Lungs clear.", PNEUMONIA, Assertion.PRESENT))
                .isFalse();
        assertThat(has("Referring hospital noted a tiny nodule in the right apex, not confirmed here.", LUNG_NODULE,
                Assertion.PRESENT)).isFalse();
    }

    @Test
    void theClinicianConcernAndPastTreatmentAreNoFindingsOfToday() {
        assertThat(has("Pneumothorax was the clinical concern. Lungs fully expanded.", PNEUMOTHORAX, Assertion.PRESENT)).isFalse();
        assertThat(has("The ordering provider had concern for aspiration pneumonia.", PNEUMONIA, Assertion.PRESENT)).isFalse();
        List<FindingMention> treated = of("The patient was treated for pneumonia in May. Lungs clear.", PNEUMONIA);
        assertThat(treated).hasSize(1);
        assertThat(treated.get(0).temporality()).isEqualTo(FindingMention.Temporality.HISTORICAL);
    }

    @Test
    void disclaimersAboutWhatTheFilmCanMiss() {
        assertThat(of("A tiny effusion could be missed on a supine film.", PLEURAL_EFFUSION)).isEmpty();
        assertThat(of("Subtle pneumonia may be obscured by the overlying breast tissue.", PNEUMONIA)).isEmpty();
        assertThat(of("Rib fractures not imaged on this chest view.", RIB_FRACTURE)).isEmpty();
        assertThat(of("Small pneumothoraces are difficult to see on a supine radiograph.", PNEUMOTHORAX)).isEmpty();
        assertThat(of("Aspiration pneumonia may take a day to become visible.", "422588002")).isEmpty();
    }

    @Test
    void shortTemplateAnswers() {
        assertThat(only("PTX: neg.", PNEUMOTHORAX).assertion()).isEqualTo(Assertion.ABSENT);
        assertThat(only("Edema: nl.", PULMONARY_EDEMA).assertion()).isEqualTo(Assertion.ABSENT);
        assertThat(only("Effusion = none noted.", PLEURAL_EFFUSION).assertion()).isEqualTo(Assertion.ABSENT);
        assertThat(only("Effusion = small left.", PLEURAL_EFFUSION).assertion()).isEqualTo(Assertion.PRESENT);
        assertThat(only("Consolidation? No.", CONSOLIDATION).assertion()).isEqualTo(Assertion.ABSENT);
        // a question answered by a statement of its own is a question (no finding); the statement has its own reading
        assertThat(of("Consolidation? No new opacity.", CONSOLIDATION)).isEmpty();
        // the query mark before a word after a stated finding stays a hedge of it
        assertThat(only("Right mid zone shadowing ? consolidation.", CONSOLIDATION).assertion()).isEqualTo(Assertion.POSSIBLE);
    }

    @Test
    void aListOfLabelsSharesTheTemplateValue() {
        String s = "Pneumothorax, effusion and consolidation: not identified.";
        assertThat(only(s, PNEUMOTHORAX).assertion()).isEqualTo(Assertion.ABSENT);
        assertThat(only(s, PLEURAL_EFFUSION).assertion()).isEqualTo(Assertion.ABSENT);
        assertThat(only(s, CONSOLIDATION).assertion()).isEqualTo(Assertion.ABSENT);
        // a denial that announces its list
        String announced = "The following are absent: edema, pneumothorax.";
        assertThat(only(announced, PULMONARY_EDEMA).assertion()).isEqualTo(Assertion.ABSENT);
        assertThat(only(announced, PNEUMOTHORAX).assertion()).isEqualTo(Assertion.ABSENT);
        // a finding stated before a sentence with its own colon keeps its reading
        assertThat(only("Small left effusion. Heart: normal.", PLEURAL_EFFUSION).assertion()).isEqualTo(Assertion.PRESENT);
    }

    @Test
    void whatTheMethodCanShowAndWhatThePatientReportsAreNoFindings() {
        assertThat(of("Sarcoidosis may have a normal film early on.", "24369008")).isEmpty();
        assertThat(of("Pneumonia cannot be diagnosed on this rotated, motion-degraded view.", PNEUMONIA)).isEmpty();
        List<FindingMention> told = of("She reports she had a pneumothorax as a teenager.", PNEUMOTHORAX);
        assertThat(told).hasSize(1);
        assertThat(told.get(0).temporality()).isEqualTo(FindingMention.Temporality.HISTORICAL);
        assertThat(has("Causes of the patient's symptoms include bronchitis and reflux.", "32398004", Assertion.PRESENT))
                .isFalse();
    }

    @Test
    void conditionalsCounterfactualsAndArgumentsAgainst() {
        assertThat(of("Should an effusion develop, ultrasound can mark a site for drainage.", PLEURAL_EFFUSION)).isEmpty();
        assertThat(of("Bibasal atelectasis would be expected after this operation.", ATELECTASIS)).isEmpty();
        // a comment after a comma leaves the stated finding
        assertThat(only("Bibasal atelectasis, as would be expected after this operation.", ATELECTASIS).assertion())
                .isEqualTo(Assertion.PRESENT);
        assertThat(of("Mild edema would not necessarily be visible on a portable film.", PULMONARY_EDEMA)).isEmpty();
        assertThat(only("The appearance argues against pulmonary edema.", PULMONARY_EDEMA).assertion())
                .isEqualTo(Assertion.ABSENT);
        assertThat(only("It is doubtful that there is a pneumothorax.", PNEUMOTHORAX).assertion()).isEqualTo(Assertion.ABSENT);
        assertThat(has("Acute bronchitis remains a clinical diagnosis.", "32398004", Assertion.PRESENT)).isFalse();
    }

    @Test
    void aFindingAskedAboutWithAQuestionMarkAfterIt() {
        assertThat(of("Fever and cough. Consolidation?\nFINDINGS: Lungs clear.", CONSOLIDATION)).isEmpty();
        assertThat(of("Is there a pneumothorax? The lungs are fully expanded.", PNEUMOTHORAX)).isEmpty();
        // after a finding the report states, the question hedges (UK usage, as the '?' before a word)
        assertThat(only("FINDINGS: Dense left basal opacity. Pneumonia?", PNEUMONIA).assertion()).isEqualTo(Assertion.POSSIBLE);
        // a denied finding stays denied
        assertThat(only("No pneumothorax? None seen.", PNEUMOTHORAX).assertion()).isEqualTo(Assertion.ABSENT);
    }

    @Test
    void correctionsTooSmallFindingsAndRemovedTubeTracts() {
        assertThat(has("ADDENDUM: The original report erroneously stated a right effusion; there is none.", PLEURAL_EFFUSION,
                Assertion.PRESENT)).isFalse();
        assertThat(of("The known 4 mm nodule is below the resolution of this radiograph.", LUNG_NODULE)).isEmpty();
        assertThat(of("Drain removed. The chest tube tract is clean.", THORACOSTOMY_TUBE)).isEmpty();
    }

    @Test
    void reasoningAboutADiseaseInGeneralAndLabelsAskedAtAView() {
        assertThat(of("No hilar enlargement, which would be typical of sarcoidosis.", "24369008")).isEmpty();
        assertThat(of("The pattern would be atypical for pulmonary edema.", PULMONARY_EDEMA)).isEmpty();
        assertThat(of("CT could look for a pulmonary nodule.", LUNG_NODULE)).isEmpty();
        assertThat(only("Pneumothorax on the lateral decubitus view: not seen.", PNEUMOTHORAX).assertion())
                .isEqualTo(Assertion.ABSENT);
        assertThat(only("Effusion at the left base: small.", PLEURAL_EFFUSION).assertion()).isEqualTo(Assertion.PRESENT);
    }

    @Test
    void orderHeadingsCarryTheRequest() {
        String report = "ORDER COMMENT: chest drain pulled this morning, assess for pneumothorax.\nFINDINGS: No pneumothorax. "
                + "Lungs expanded and clear.";
        assertThat(presentFindings(report)).isEmpty();
    }

    /** Normal chest radiograph reports written for this test; not one present finding may come out of them. */
    private static final List<String> NORMAL_REPORTS = List.of(
            "EXAM: XR CHEST PA AND LATERAL\nCLINICAL INDICATION: r/o pneumonia, cough for two weeks.\nCOMPARISON: None."
                    + "\nFINDINGS: The cardiomediastinal silhouette is within normal limits. No focal airspace disease. No "
                    + "pneumothorax or large effusion. Osseous structures intact.\nIMPRESSION: No acute cardiopulmonary process.",
            "CHEST, 2 VIEWS\nHISTORY: eval for PTX after a fall from a ladder.\nFINDINGS: Lungs clear bilaterally without "
                    + "evidence of pneumothorax, consolidation or pleural effusion. Heart size normal. No displaced rib "
                    + "fracture.\nIMPRESSION: No evidence of pneumothorax.",
            "Portable AP chest at 0540 hours.\nIndication: Line check. Right IJ central line removed since prior.\n"
                    + "Findings: Interval removal of the right internal jugular catheter. Lungs clear. No pneumothorax.\n"
                    + "Impression: No acute findings.",
            "FINDINGS:\nHeart: normal size.\nMediastinum: normal.\nLungs: clear, no infiltrate, mass or nodule.\nPleura: "
                    + "no effusion, no pneumothorax, no thickening.\nBones: intact, no lytic or blastic lesion.\nIMPRESSION: "
                    + "Normal chest.",
            "CHEST ONE VIEW\nINDICATION: Dyspnea. Evaluate for CHF.\nFINDINGS: No vascular congestion, interstitial edema "
                    + "or pleural effusion. Heart size within normal limits.\nIMPRESSION: No radiographic evidence of CHF.",
            "CHEST X-RAY\nCLINICAL QUESTION: Pneumonia?\nFINDINGS: No infiltrate. No effusion. Cardiac size normal.\n"
                    + "IMPRESSION: No radiographic evidence of pneumonia. If symptoms persist, a follow-up radiograph or CT "
                    + "could be considered.",
            "CHEST PA AND LATERAL\nIndication: Cough\nFindings: The lungs are clear. No nodules or masses. The mediastinum "
                    + "is not widened. The costophrenic angles are sharp.\nImpression: Normal chest. A normal radiograph does "
                    + "not exclude early pneumonia or small pulmonary nodules.",
            "CHEST 1 VIEW\nClinical information: Tachycardia and hypoxia, concern for pulmonary embolism.\nFindings: Clear "
                    + "lungs. No pleural effusion.\nImpression: No acute disease. Chest radiography is insensitive for "
                    + "pulmonary embolism; CT angiography is recommended if suspicion persists.",
            "CHEST\nHISTORY: Outside film read as right lower lobe pneumonia, second opinion.\nFINDINGS: On our review the "
                    + "lungs are clear; the opacity on the outside report is not seen and reflects overlapping soft tissue."
                    + "\nIMPRESSION: No pneumonia on our review.",
            "CHEST 2 VIEWS\nINDICATION: TB screening, PPD positive.\nFINDINGS: No cavitary lesion, hilar adenopathy or "
                    + "upper lobe infiltrate to suggest active tuberculosis. No effusion.\nIMPRESSION: No radiographic "
                    + "evidence of active TB.",
            "CHEST X-RAY, PORTABLE\nReason: post extubation\nFindings: ETT has been removed. NG tube removed. The lungs "
                    + "are clear. No pneumothorax or pleural effusion.\nImpression: Interval extubation. Clear lungs.",
            "CHEST: Lungs clear. Heart nl. No effusion, PTX, or infiltrate. Bones ok. IMP: NAD.",
            "CHEST 1V\nHistory: Follow up pneumonia.\nFindings: Complete resolution of the previously seen left lower "
                    + "lobe pneumonia. No effusion.\nImpression: Resolved pneumonia.",
            "CHEST PA AND LATERAL\nIndication: Prior pneumothorax, follow-up.\nFindings: The previously seen left "
                    + "pneumothorax has resolved. No new pneumothorax.\nImpression: Resolution of left pneumothorax.",
            "EXAMINATION: CHEST (PA AND LAT)\nINDICATION: ___ year old woman with cough // ? pna\nCOMPARISON: ___\n"
                    + "FINDINGS: Lungs clear without focal consolidation. No pleural effusion or pneumothorax is seen. "
                    + "Cardiac and mediastinal silhouettes unremarkable.\nIMPRESSION: No acute cardiopulmonary process.",
            "CHEST PA AND LATERAL\nThe heart is normal in size. The lungs are clear. No pneumothorax, pleural effusion, or "
                    + "focal airspace disease. There are no XXXX of a focal consolidation.\nIMPRESSION: No active disease.",
            "CHEST, 2 VIEWS\nINDICATION: Pain after a fall. Evaluate for rib fractures.\nFINDINGS: No displaced rib "
                    + "fracture. Nondisplaced rib fractures may not be visible on radiographs; a rib series could be "
                    + "obtained if clinically indicated. No pneumothorax.\nIMPRESSION: No acute abnormality.",
            "CHEST AP\nINDICATION: Sepsis, source unknown.\nFINDINGS: No focal consolidation to suggest pneumonia. No "
                    + "effusion.\nIMPRESSION: No radiographic evidence of an intrathoracic source of sepsis.",
            "CHEST, PORTABLE\nINDICATION: Status post pacemaker removal.\nFINDINGS: The pacemaker and leads have been "
                    + "removed. No pneumothorax.\nIMPRESSION: Interval removal of pacemaker.",
            "CHEST PA AND LATERAL\nFINDINGS: Heart size normal. Lungs clear. Azygos fissure, a normal variant. No "
                    + "effusion.\nIMPRESSION: No acute disease.",
            "Chest. Lungs are free of infiltrate. Devoid of effusion. Absence of pneumothorax. Heart normal.",
            "Chest. Findings negative for pneumonia. Pneumothorax excluded. Effusion ruled out. Heart normal.",
            "Chest. No definite consolidation. No convincing pneumothorax. No appreciable effusion. No gross cardiomegaly.",
            "Chest. Pneumonia is unlikely. Edema is not suspected. No findings to suggest edema. Low likelihood of "
                    + "pneumothorax.",
            "Chest. The lungs are clear. Pneumonia? No. Effusion? None.",
            "CHEST\nIMPRESSION: No acute cardiopulmonary abnormality. Aspiration pneumonia typically involves the "
                    + "dependent segments; none is seen.",
            "CHEST. FINDINGS: Lungs clear. IMPRESSION: No active disease. A small effusion could be obscured on this "
                    + "single AP view.",
            "CHEST. ORDER COMMENT: Please assess for pneumothorax, chest tube pulled today. FINDINGS: No pneumothorax. "
                    + "The chest tube has been removed. Lungs clear.",
            "CHEST. Negative for: PTX, effusion, consolidation.",
            "CHEST. PTX: neg. Effusion: neg. Infiltrate: neg. Cardiomegaly: neg.",
            "CHEST. Effusion = none. Pneumothorax = no.",
            "CHEST. The lungs lack any focal opacity. Effusion is not identified. Pneumothorax is not appreciated.",
            "CHEST. Lungs clear. None of the usual signs of heart failure are present.",
            "CHEST. Findings: Heart normal. Impression: No acute disease. Previously reported cardiomegaly is not "
                    + "confirmed; the heart is normal in size today.",
            "CHEST. Findings: The outside study showed a small left effusion, which is not seen on today's film.",
            "CHEST. Findings: Lungs clear. Impression: No pneumonia. Per the ED note, the patient was treated for "
                    + "pneumonia last month.",
            "CHEST. Findings: Normal heart size. Lungs clear without consolidation, mass or effusion. Impression: No "
                    + "active disease. Pneumonia was the clinical concern.",
            "CHEST 2 VIEWS HISTORY: 80F fall, hip fracture, pre-op. FINDINGS: Lungs clear. No pneumothorax.\n"
                    + "IMPRESSION: No acute cardiopulmonary abnormality. Hip fracture not imaged.",
            "CHEST. IMPRESSION: No acute findings. Formerly seen pleural effusion is gone. Previously seen pneumothorax "
                    + "is now absent. Effusion noted on prior has now cleared.",
            "CHEST. FINDINGS: No acute abnormality. Note: small pneumothoraces are difficult to see on supine films. "
                    + "Aspiration pneumonitis may take up to a day to become radiographically evident.",
            "CHEST. FINDINGS: Lungs clear. Outside report describing a left pleural effusion reviewed; no effusion on "
                    + "the current exam. Comment: the radiologist at the referring hospital suggested a nodule in the "
                    + "right upper lobe; this is the first costochondral junction.",
            "CHEST. There is no evidence of acute cardiopulmonary disease; pneumonia can occasionally be "
                    + "radiographically occult early in its course.",
            "CHEST. FINDINGS: Pneumothorax, effusion, consolidation: not seen. The following are not identified: "
                    + "nodule, mass.",
            "CHEST. IMPRESSION: Normal chest. Sarcoidosis can have a normal chest radiograph; patient states she had "
                    + "tuberculosis as a child. Differential diagnosis for the patient's symptoms includes asthma.",
            "CHEST. IMPRESSION: Normal chest. Should a pneumothorax develop, the patient should return. It is unlikely "
                    + "that the patient has pneumonia; findings argue against it. Early heart failure would not necessarily "
                    + "be visible. There is nothing to indicate pneumothorax.",
            "BREAST ULTRASOUND. Findings: Normal fibroglandular tissue, no solid or cystic mass. Impression: BI-RADS 1. "
                    + "Focal breast pain is rarely a sign of malignancy; continue routine screening.");

    @Test
    void normalReportsGiveNoPresentFinding() {
        assertThat(NORMAL_REPORTS).hasSizeGreaterThanOrEqualTo(30);
        for (String report : NORMAL_REPORTS) {
            assertThat(presentFindings(report)).as(report).isEmpty();
        }
    }
}
