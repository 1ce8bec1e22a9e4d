package org.radbridge.nlp.context;

import org.junit.jupiter.api.Test;
import org.radbridge.nlp.FindingMention;
import org.radbridge.nlp.FindingMention.Assertion;
import org.radbridge.nlp.NlpMentionsTest;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11, helper 11bt: more classes of text that gave false-positive present findings on normal chest radiograph
 * reports (pseudolesions put down to ribs, cartilage, technique or projection; "appears enlarged but is normal"; the
 * clinician's worry; a tracheostomy decannulated; operations still to come; a disease's behaviour in general; the
 * radiograph's limits; ranked costal cartilage calcification, attempted lines and leg oedema; background and referral
 * headings; ILO 0/0; everyday denials; a post denial heading a list after a ':'; a tube pulled; the background inside
 * a findings sentence, a history cue in an introductory phrase; the clinician's diagnosis), each with a control that keeps a stated finding, then normal reports written for this test. The
 * wording is new, not copied from an evaluation set nor from the helper's own evaluation reports.
 */
class Issue11btRulesTest extends NlpMentionsTest {

    private static final String PNEUMONIA = "233604007";
    private static final String PLEURAL_EFFUSION = "60046008";
    private static final String PNEUMOTHORAX = "36118008";
    private static final String PULMONARY_EDEMA = "19242006";
    private static final String CARDIOMEGALY = "8186001";
    private static final String LUNG_NODULE = "786838002";
    private static final String LUNG_OPACITY = "274533004";
    private static final String CALCIFICATION = "18115005";
    private static final String TRACHEOSTOMY_TUBE = "129121000";
    private static final String INFILTRATE = "409609008";
    private static final String TUBERCULOSIS = "154283005";
    private static final String ASTHMA = "195967001";
    private static final String COPD = "13645005";
    private static final String CONSOLIDATION = "95436008";
    private static final String CHEST_TUBE = "RID5573";

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
    void aPseudolesionPutDownToRibsOrCostalCartilageIsNoFinding() {
        assertThat(stated("The apical nodule queried by the GP corresponds to the overlap of the clavicle and the first rib.",
                LUNG_NODULE)).isEmpty();
        assertThat(stated("Faint opacity at the right base is related to the overlapping anterior ribs.", LUNG_OPACITY)).isEmpty();
        assertThat(stated("The rounded density in the left upper zone reflects the calcified costal cartilage.",
                LUNG_NODULE)).isEmpty();
        // a nodule the sentence only places near a rib stays a finding
        assertThat(has("CHEST PA\nFindings: A 7 mm nodule projects just below the right fourth anterior rib.", LUNG_NODULE,
                Assertion.PRESENT))
                .isTrue();
        // a lesion arising from the cartilage is a finding, not a mimic ('from' is not a mimic verb for anatomy)
        assertThat(presentFindings("CHEST CT\nFindings: A chondroid mass arises from the left fifth costal cartilage."))
                .isNotEmpty();
    }

    @Test
    void anAppearancePutDownToTechniqueProjectionOrRotationIsNoFinding() {
        assertThat(stated("The cardiac silhouette looks enlarged, attributable to the AP projection.", CARDIOMEGALY)).isEmpty();
        assertThat(stated("Hazy density over both lower zones is attributed to soft tissue.", LUNG_OPACITY)).isEmpty();
        assertThat(stated("Apparent opacity at the right hilum is due to patient rotation.", LUNG_OPACITY)).isEmpty();
        // a finding the projection merely exaggerates stays
        assertThat(has("Moderate cardiomegaly; the portable film exaggerates it slightly.", CARDIOMEGALY, Assertion.PRESENT))
                .isTrue();
        // soft tissue after a causal verb is a cause, not an explanation of the appearance
        assertThat(presentFindings("LEFT FOREARM\nFindings: Soft tissue swelling due to soft tissue infection.")).isNotEmpty();
    }

    @Test
    void anAppearanceTheSentenceThenCallsNormalIsNoFinding() {
        assertThat(has("On the supine film the heart looks enlarged but is probably normal in size.", CARDIOMEGALY,
                Assertion.PRESENT)).isFalse();
        assertThat(has("The heart is enlarged but is stable compared with March.", CARDIOMEGALY, Assertion.PRESENT)).isTrue();
    }

    @Test
    void theCliniciansWorryOrQueryIsTheQuestion() {
        assertThat(stated("The ward doctor said she was concerned about a pneumothorax after the drain came out.",
                PNEUMOTHORAX)).isEmpty();
        assertThat(stated("The effusion query raised by the surgical team is answered on the lateral view.",
                PLEURAL_EFFUSION)).isEmpty();
        // the radiologist's own concern stays a hedge
        assertThat(stated("We are concerned about an early right lower lobe pneumonia.", PNEUMONIA)).isNotEmpty();
    }

    @Test
    void aDecannulatedTracheostomyIsGone() {
        assertThat(has("Tracheostomy decannulated ten days ago; stoma healing.", TRACHEOSTOMY_TUBE, Assertion.PRESENT)).isFalse();
        assertThat(has("Tracheostomy tube in good position.", TRACHEOSTOMY_TUBE, Assertion.PRESENT)).isTrue();
    }

    @Test
    void anOperationStillToComeNamesItsIndicationNotTodaysImage() {
        assertThat(presentFindings("CHEST PA\nFindings: Lungs clear. Heart normal.\nNote: hiatal hernia repair is scheduled "
                + "for next month.")).isEmpty();
        assertThat(presentFindings("CHEST PA\nFindings: Large hiatal hernia behind the heart.")).isNotEmpty();
    }

    @Test
    void howADiseaseBehavesInGeneralIsNoFinding() {
        assertThat(stated("Eosinophilic infiltrates may come and go within days.", INFILTRATE)).isEmpty();
        assertThat(has("Patchy infiltrates in both lower zones.", INFILTRATE, Assertion.PRESENT)).isTrue();
    }

    @Test
    void theLimitsOfTheRadiographAreADisclaimer() {
        assertThat(stated("A plain film cannot rule out early tuberculosis.", TUBERCULOSIS)).isEmpty();
        assertThat(stated("Asthma is not excluded by a normal chest radiograph.", ASTHMA)).isEmpty();
        assertThat(stated("Spirometry may be more informative regarding COPD.", COPD)).isEmpty();
        // the singular hedge about what this film shows stays possible
        assertThat(only("Apical scarring; active tuberculosis cannot be excluded radiographically.", TUBERCULOSIS)
                .assertion()).isEqualTo(Assertion.POSSIBLE);
    }

    @Test
    void normalThingsThatLookLikeFindingsAreNotFindings() {
        assertThat(stated("Calcification of the lower costal cartilages, as expected at this age.", CALCIFICATION)).isEmpty();
        assertThat(presentFindings("CHEST AP\nIndication: failed PICC placement in the left arm.\nFindings: No pneumothorax."))
                .isEmpty();
        assertThat(stated("Bilateral ankle oedema. No pulmonary oedema.", PULMONARY_EDEMA)).isEmpty();
        assertThat(has("Mild interstitial pulmonary oedema.", PULMONARY_EDEMA, Assertion.PRESENT)).isTrue();
        // a breast prosthesis is a breast implant (no finding on a chest film); a joint prosthesis stays
        assertThat(presentFindings("CHEST PA\nFindings: Left breast prosthesis after reconstruction. Lungs clear."))
                .isEmpty();
        assertThat(presentFindings("CHEST PA\nFindings: Right shoulder prosthesis. Lungs clear.")).isNotEmpty();
    }

    @Test
    void backgroundAndReferralHeadingsAreHistory() {
        assertThat(presentFindings("CHEST PA\nComorbidities: asthma, reflux.\nFindings: Lungs clear.")).isEmpty();
        assertThat(presentFindings("CHEST 2 VIEWS\nProblem list: COPD, hypertension.\nFindings: Normal chest.")).isEmpty();
        assertThat(presentFindings("CHEST PA\nWorking diagnosis: pneumonia.\nFindings: No consolidation.")).isEmpty();
        assertThat(presentFindings("CHEST PA\nPlanned surgery: repair of umbilical hernia.\nFindings: Clear lungs.")).isEmpty();
        assertThat(presentFindings("CHEST X-RAY\nKnown case of asthma on inhalers, breathless.\nFindings: Lungs clear."))
                .isEmpty();
        // the findings after a background heading are still read
        assertThat(has("CHEST PA\nBackground: hypertension.\nFindings: Small left pleural effusion.", PLEURAL_EFFUSION,
                Assertion.PRESENT)).isTrue();
    }

    @Test
    void anIloProfusionOfZeroIsAbsent() {
        assertThat(has("ILO READING\nSmall opacities: profusion 0/0.\nLarge opacities: none.", LUNG_OPACITY,
                Assertion.PRESENT)).isFalse();
    }

    @Test
    void everydayDenialsDenyTheFinding() {
        // (issue 11cc: "fluid in the pleural space" is itself an effusion mention now, so both mentions are absent)
        assertThat(of("There isn't any fluid in the pleural space; pleural effusion is absent.", PLEURAL_EFFUSION))
                .isNotEmpty().allMatch(m -> m.assertion() == Assertion.ABSENT);
        assertThat(only("There isn't a pneumothorax on the expiratory film.", PNEUMOTHORAX).assertion())
                .isEqualTo(Assertion.ABSENT);
        assertThat(only("Both bases are free from consolidation.", CONSOLIDATION).assertion()).isEqualTo(Assertion.ABSENT);
        assertThat(only("A pneumothorax is not discernible on the supine view.", PNEUMOTHORAX).assertion())
                .isEqualTo(Assertion.ABSENT);
        assertThat(only("Pulmonary oedema is not demonstrable today.", PULMONARY_EDEMA).assertion())
                .isEqualTo(Assertion.ABSENT);
    }

    @Test
    void aPostDenialOpeningItsClauseWithAColonHeadsTheListAfterIt() {
        String s = "Excluded: pneumothorax, pleural effusion and consolidation.";
        assertThat(only(s, PNEUMOTHORAX).assertion()).isEqualTo(Assertion.ABSENT);
        assertThat(only(s, PLEURAL_EFFUSION).assertion()).isEqualTo(Assertion.ABSENT);
        assertThat(only(s, CONSOLIDATION).assertion()).isEqualTo(Assertion.ABSENT);
        // after a finding the same word keeps its own scope: what follows its colon is stated
        String t = "Pneumothorax excluded: a small left effusion remains.";
        assertThat(only(t, PNEUMOTHORAX).assertion()).isEqualTo(Assertion.ABSENT);
        assertThat(only(t, PLEURAL_EFFUSION).assertion()).isEqualTo(Assertion.PRESENT);
    }

    @Test
    void aTubePulledIsRemovedButPulledBackIsStillThere() {
        assertThat(has("The left chest tube was pulled this morning.", CHEST_TUBE, Assertion.PRESENT)).isFalse();
        assertThat(has("The left chest tube was pulled back by 3 cm.", CHEST_TUBE, Assertion.PRESENT)).isTrue();
    }

    @Test
    void theBackgroundToldInsideAFindingsSentenceIsHistory() {
        assertThat(has("For a patient with COPD of this severity, the lung volumes are surprisingly normal.", COPD,
                Assertion.PRESENT)).isFalse();
        assertThat(has("The patient is known to have asthma; the lungs are clear.", ASTHMA, Assertion.PRESENT)).isFalse();
        assertThat(has("She has had tuberculosis twice; the apices are clear.", TUBERCULOSIS, Assertion.PRESENT)).isFalse();
        // "in this patient with" alone may name the disease the image shows; with "known" it is the background
        assertThat(has("In this patient with known asthma, the lungs are clear.", ASTHMA, Assertion.PRESENT)).isFalse();
    }

    @Test
    void aHistoryCueInAnIntroductoryPhraseEndsAtItsComma() {
        String s = "CHEST PA\nFindings: In a patient with a cough, a left lower lobe consolidation is present.";
        assertThat(of(s, CONSOLIDATION)).singleElement().satisfies(m -> {
            assertThat(m.assertion()).isEqualTo(Assertion.PRESENT);
            assertThat(m.temporality()).isEqualTo(FindingMention.Temporality.CURRENT);
        });
        // an item of the history's own list after the comma is still history
        String t = "CHEST PA\nFindings: Given a history of asthma, COPD and pneumonia, the lungs are clear.";
        assertThat(has(t, COPD, Assertion.PRESENT)).isFalse();
        assertThat(has(t, PNEUMONIA, Assertion.PRESENT)).isFalse();
        // a history list without an introducer runs on past its commas as before
        assertThat(has("History of asthma, COPD, pneumonia.", PNEUMONIA, Assertion.PRESENT)).isFalse();
    }

    @Test
    void theCliniciansDiagnosisOrSuspicionIsTheQuestion() {
        assertThat(stated("Despite the clinical diagnosis of pneumonia, both lungs are clear.", PNEUMONIA)).isEmpty();
        assertThat(stated("COPD is the working diagnosis; the lungs look normal.", COPD)).isEmpty();
        assertThat(stated("A pleural effusion was suspected clinically but is not present.", PLEURAL_EFFUSION)).isEmpty();
        assertThat(only("The absence of any new nodule is reassuring.", LUNG_NODULE).assertion()).isEqualTo(Assertion.ABSENT);
    }

    /** Normal (and near-normal) chest radiograph reports in voices the evaluation sets and the earlier lists lack. */
    private static final List<String> NORMAL_REPORTS = List.of(
            "CHEST PA\nPurpose: Medical fitness for employment abroad.\nBoth lung fields are clear. Cardiac size is normal. "
                    + "Costophrenic angles are free.\nImpression: No abnormality seen.",
            "CHEST X-RAY PA VIEW\nClinical notes: Pre-university medicals, Enugu.\nThe lung fields show normal translucency. "
                    + "The heart is not enlarged. Both domes of the diaphragm are smooth.\nConclusion: Normal chest.",
            "CHEST PA\nPre-departure health check, seafarer.\nLungs are clear. Heart is not enlarged. Diaphragm and sulci are "
                    + "intact.\nIMPRESSION: Normal chest findings.",
            "TELERADIOLOGY PRELIMINARY\nChest single view, 03:40. Lungs clear, no PTX, heart nl.\nFinal report to follow from "
                    + "the day radiologist.",
            "MOBILE X-RAY, CARE HOME\nResident with a chesty cough.\nNo focal consolidation. No effusion. Heart normal for an AP "
                    + "film.\nImpression: No pneumonia seen.",
            "CHEST PA AND LATERAL\nComorbidities: type 2 diabetes, gout, obstructive sleep apnoea.\nFindings: Normal heart and "
                    + "lungs.\nImpression: Normal.",
            "CHEST 2V\nProblem list: heart failure (compensated), atrial fibrillation.\nFindings: Normal heart size. No "
                    + "congestion. No effusion.\nImpression: Compensated; no failure on the film.",
            "CHEST PA\nWorking diagnosis: chest infection.\nFindings: Lungs clear. No effusion.\nImpression: No radiographic "
                    + "chest infection.",
            "CHEST PA\nPlanned procedure: laparoscopic repair of a paraumbilical hernia.\nFindings: Lungs clear. Heart normal.\n"
                    + "Impression: Fit for anaesthesia from a radiographic standpoint.",
            "CHEST AP\nFindings: The heart appears enlarged, attributable to the AP projection and a poor inspiration. Lungs "
                    + "clear. No effusion.\nImpression: No acute abnormality.",
            "CHEST PA\nFindings: The opacity the outside reader questioned at the right apex is due to the overlapping first "
                    + "rib and costal cartilage. No nodule. Lungs clear.\nImpression: No pulmonary nodule.",
            "CHEST PA\nFindings: Calcification of the first costal cartilages. Lungs clear. Heart normal.\nImpression: Normal.",
            "CHEST PORTABLE\nIndication: Check after an unsuccessful central line attempt on the right.\nFindings: No line is "
                    + "seen. No pneumothorax. Lungs clear.\nImpression: No complication.",
            "CHEST 2V\nIndication: Ankle edema and breathlessness, ?cardiac.\nFindings: Heart normal in size. No pulmonary "
                    + "venous congestion. No effusion.\nImpression: Normal chest radiograph.",
            "CHEST PA\nFindings: Clear lungs. Normal heart.\nImpression: Normal.\nADDENDUM: The GP was worried about a "
                    + "pneumothorax after acupuncture; there is none.",
            "PORTABLE CHEST\nIndication: Resident with a tracheostomy decannulated last week.\nFindings: Lungs clear. No "
                    + "effusion.\nImpression: No acute findings.",
            "CHEST X-RAY\nClinical: Known case of bronchial asthma, acute wheeze.\nFindings: Lungs clear. No pneumothorax.\n"
                    + "Impression: No complication of asthma.",
            "ILO CLASSIFICATION READ\nSmall opacities: profusion 0/0. Large opacities: none. Pleural plaques: none.\n"
                    + "Conclusion: No pneumoconiosis.",
            "CHEST PA\nFindings: Lungs clear.\nImpression: Normal. Sarcoidosis is not excluded by a normal chest radiograph; "
                    + "CT is the investigation of choice for suspected sarcoidosis.",
            "CHEST 2V\nReason for referral: weight loss, ?malignancy.\nFindings: No mass. No adenopathy. No effusion.\n"
                    + "Impression: Normal.",
            "CHEST PA AND LATERAL\nBackground: childhood asthma, now asymptomatic. Pre-employment.\nFindings: Lungs clear. "
                    + "Heart normal.\nImpression: Normal chest.",
            "CHEST AP SUPINE\nFindings: The mediastinum looks wide because of rotation but is normal in width on correction. "
                    + "Lungs clear. No pneumothorax.\nImpression: No acute abnormality.",
            "CHEST PA\nPresenting complaint: pleuritic chest pain and fever.\nFindings: No consolidation, effusion or "
                    + "pneumothorax.\nImpression: Normal chest radiograph.",
            "CHEST PA\nFindings: The heart is normal. Lungs clear. Basal density is attributed to soft tissue of the "
                    + "breasts.\nImpression: Normal.",
            "CHEST 2 VIEWS\nRisk factors: smoker, asbestos exposure.\nFindings: No pleural plaques. No mass. Lungs clear.\n"
                    + "Impression: Normal.",
            "CHEST PA\nCardiology clinic: dilated cardiomyopathy on echo, well.\nFindings: Heart size normal on the film. "
                    + "Lungs clear.\nImpression: Normal radiograph.",
            "CHEST X-RAY\nDiagnosis on referral: pneumonia.\nFindings: No consolidation. No effusion.\nImpression: No "
                    + "pneumonia.",
            "CHEST PA\nFindings: Lungs clear. Heart normal.\nImpression: Normal. Note: hip fracture fixation is planned for "
                    + "tomorrow.",
            "CHEST PA\nFindings: Lungs clear.\nImpression: Normal. Transient viral infiltrates can come and go, so repeat "
                    + "the film if symptoms continue.",
            "CHEST 2V\nFindings: No consolidation. No effusion. Heart normal.\nImpression: Normal. A plain film cannot rule "
                    + "out early interstitial lung disease; HRCT is the examination of choice.",
            "CHEST PA\nFindings: There isn't any consolidation and there aren't any effusions. Heart normal.\nImpression: "
                    + "Normal.",
            "CHEST PORTABLE\nFindings: The right chest drain was pulled yesterday. No pneumothorax is demonstrable. Lungs "
                    + "clear.\nImpression: No acute abnormality.",
            "CHEST PA\nFindings: Absent: pneumothorax, pleural fluid, focal consolidation.\nImpression: "
                    + "Normal chest.");

    @Test
    void normalReportsGiveNoPresentFinding() {
        assertThat(NORMAL_REPORTS).hasSizeGreaterThanOrEqualTo(30);
        for (String report : NORMAL_REPORTS) {
            assertThat(presentFindings(report)).as(report).isEmpty();
        }
    }

    /** Lead, session 31: the background cue "the patient's known" must not reach a known disease the finding is put down to. */
    @Test
    void aFindingPutDownToThePatientsKnownDiseaseKeepsThatDiseasePresent() {
        String fibrosis = "51615001";
        assertThat(stated("Coarse reticulation at both bases, in keeping with the patient's known pulmonary fibrosis.", fibrosis))
                .extracting(FindingMention::assertion).containsExactly(Assertion.PRESENT);
        assertThat(stated("Hyperlucent upper zones due to this patient's known emphysema.", "87433001"))
                .extracting(FindingMention::assertion).containsExactly(Assertion.PRESENT);
        // control: told as the background, the known disease stays history
        assertThat(stated("The patient's known pulmonary fibrosis was the reason for referral. Lungs are clear.", fibrosis)).isEmpty();
    }
}
