package org.radbridge.nlp.context;

import org.junit.jupiter.api.Test;
import org.radbridge.nlp.FindingMention.Assertion;
import org.radbridge.nlp.NlpMentionsTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11, helper 11be: chest radiograph and chest CT rules for false-positive present findings on normal reports
 * (clinic request headings, clinicians' reads superseded by the radiologist's, cleared findings, positional
 * appearances) and device wording of dialysis / CF clinic films, one test per class fixed by data rows. The sentences
 * are new wording, not copied from an evaluation set.
 */
class Issue11beRulesTest extends NlpMentionsTest {

    private static final String TUBERCULOSIS = "154283005";
    private static final String BRONCHIECTASIS = "12295008";
    private static final String PNEUMONIA = "233604007";
    private static final String CONSOLIDATION = "95436008";
    private static final String SCOLIOSIS = "298382003";
    private static final String CVC = "52124006";
    private static final String CATHETER = "19923001";
    private static final String EFFUSION = "60046008";
    private static final String LUNG_OPACITY = "274533004";
    private static final String CARDIOMEGALY = "8186001";
    private static final String LYMPHADENOPATHY = "30746006";
    private static final String NECROSIS = "6574001";
    private static final String HILAR_ADENOPATHY = "87500009";
    private static final String EMBOLISM = "59282003";

    @Test
    void theClinicHeadingNamesTheReasonForTheFilmNotAFinding() {
        String report = "CHEST RADIOGRAPH\nClinic: Chest clinic for tuberculosis, six-month review.\n"
                + "Findings: Clear lungs. No effusion.\nImpression: Normal film.";
        assertThat(has(report, TUBERCULOSIS, Assertion.PRESENT)).isFalse();
        String ct = "CT THORAX\nCLINIC: Referred by the bronchiectasis service, recurrent infections.\n"
                + "FINDINGS: Airways are of normal calibre.\nIMPRESSION: No airway disease.";
        assertThat(has(ct, BRONCHIECTASIS, Assertion.PRESENT)).isFalse();
        // a finding in the findings section of the same report stays present
        String seen = "CHEST RADIOGRAPH\nClinic: TB clinic.\nFindings: Dilated thick-walled bronchi in the left lower lobe, "
                + "in keeping with bronchiectasis.";
        assertThat(has(seen, BRONCHIECTASIS, Assertion.PRESENT)).isTrue();
    }

    @Test
    void theEmergencyDoctorsReadIsSupersededByTheRadiologistsFinalReport() {
        String report = "CHEST AP\nED read: left basal pneumonia.\nRadiologist final: Clear lungs; the left base is "
                + "obscured by overlying soft tissue only. No pneumonia.";
        assertThat(has(report, PNEUMONIA, Assertion.PRESENT)).isFalse();
        String wet = "PORTABLE CHEST\nWet read by the ED: right upper lobe pneumonia.\nFinal: The right upper lobe is clear. "
                + "No pneumonia.";
        assertThat(has(wet, PNEUMONIA, Assertion.PRESENT)).isFalse();
        // without a final report the emergency read is all the text says
        assertThat(has("CHEST AP\nFindings: Left basal pneumonia.", PNEUMONIA, Assertion.PRESENT)).isTrue();
    }

    @Test
    void aFindingThatHasCompletelyClearedIsAbsent() {
        assertThat(only("The lingular consolidation seen last month has completely cleared.", CONSOLIDATION).assertion())
                .isEqualTo(Assertion.ABSENT);
        assertThat(only("The left pleural effusion has fully resolved.", EFFUSION).assertion()).isEqualTo(Assertion.ABSENT);
        // a partial clearing keeps the residual on today's film
        assertThat(has("The basal consolidation has partially cleared.", CONSOLIDATION, Assertion.ABSENT)).isFalse();
    }

    @Test
    void aCurveTheReportCallsPositionalIsNoScoliosis() {
        assertThat(has("Slight levoconvex curve of the thoracic spine is positional.", SCOLIOSIS, Assertion.PRESENT)).isFalse();
        assertThat(only("Mild dextroconvex thoracic scoliosis.", SCOLIOSIS).assertion()).isEqualTo(Assertion.PRESENT);
    }

    @Test
    void apheresisDialysisAndImplantedAccessDevicesAreCentralVenousCatheters() {
        assertThat(only("Left subclavian apheresis catheter, tip in the superior vena cava.", CVC).assertion())
                .isEqualTo(Assertion.PRESENT);
        assertThat(of("Left subclavian apheresis catheter, tip in the superior vena cava.", CATHETER)).isEmpty();
        assertThat(only("A totally implantable venous access device projects over the right chest.", CVC).assertion())
                .isEqualTo(Assertion.PRESENT);
        assertThat(only("Right internal jugular Permcath in good position.", CVC).assertion()).isEqualTo(Assertion.PRESENT);
        assertThat(only("Tunnelled haemodialysis catheter via the right IJ vein.", CVC).assertion()).isEqualTo(Assertion.PRESENT);
    }

    @Test
    void contrastInThePulmonaryTrunkIsNoLungOpacity() {
        assertThat(of("Good opacification of the pulmonary trunk for this indication.", LUNG_OPACITY)).isEmpty();
        assertThat(only("Patchy opacification of the left lower lobe.", LUNG_OPACITY).assertion()).isEqualTo(Assertion.PRESENT);
    }

    @Test
    void aStudyNondiagnosticForAFindingDidNotSeeIt() {
        assertThat(of("The examination is nondiagnostic for pulmonary embolism owing to a mistimed bolus.", EMBOLISM)).isEmpty();
        assertThat(of("Non-diagnostic for embolism beyond the lobar arteries.", EMBOLISM)).isEmpty();
        assertThat(only("Filling defect in a right lower lobe segmental artery consistent with pulmonary embolism.", EMBOLISM)
                .assertion()).isEqualTo(Assertion.PRESENT);
    }

    @Test
    void postTuberculousLungDiseaseIsOldTuberculosis() {
        assertThat(only("Left upper zone volume loss and scarring from post-TB lung disease.", TUBERCULOSIS).assertion())
                .isEqualTo(Assertion.PRESENT);
        assertThat(has("Fibrotic bands at both apices, post TB, unchanged.", TUBERCULOSIS, Assertion.PRESENT)).isTrue();
    }

    @Test
    void necroticNodesAreEnlargedNodesNotNecrosis() {
        String s = "Necrotic nodes in the left supraclavicular fossa.";
        assertThat(of(s, NECROSIS)).isEmpty();
        assertThat(of("Several necrotic lymph nodes with enhancing rims.", NECROSIS)).isEmpty();
        assertThat(only("Several necrotic lymph nodes with enhancing rims.", LYMPHADENOPATHY).assertion())
                .isEqualTo(Assertion.PRESENT);
    }

    @Test
    void cardiacSizeAndConfigurationNormalDeniesCardiomegaly() {
        assertThat(only("Cardiac size and shape are within normal limits.", CARDIOMEGALY).assertion()).isEqualTo(Assertion.ABSENT);
        assertThat(only("Heart size and configuration normal.", CARDIOMEGALY).assertion()).isEqualTo(Assertion.ABSENT);
    }

    @Test
    void noNodesDeniesEnlargedNodes() {
        assertThat(only("Clear lung fields and no hilar nodes.", HILAR_ADENOPATHY).assertion()).isEqualTo(Assertion.ABSENT);
        assertThat(only("No lymph nodes and no effusion.", LYMPHADENOPATHY).assertion()).isEqualTo(Assertion.ABSENT);
        assertThat(only("Heart and lungs are within normal limits.", CARDIOMEGALY).assertion()).isEqualTo(Assertion.ABSENT);
    }

    @Test
    void ptbIsPulmonaryTuberculosisAndANearlyCompleteClearingLeavesAResidual() {
        assertThat(only("No radiological sign of active PTB.", TUBERCULOSIS).assertion()).isEqualTo(Assertion.ABSENT);
        assertThat(only("The right basal consolidation has nearly completely resolved.", CONSOLIDATION).assertion())
                .isEqualTo(Assertion.PRESENT);
    }
}
