package org.radbridge.nlp.context;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.radbridge.nlp.FindingMention.Assertion;
import org.radbridge.nlp.NlpMentionsTest;

/**
 * Issue 11, helper 11cc: classes of error of the v25 development set: the purpose / referrer headings of fitness and
 * telehealth requests are the request, a chest drain the report asks for is not in the patient, a measured scoliotic
 * curve is scoliosis, fluid in the pleural spaces is an effusion, a big heart is cardiomegaly, a normal pulmonary
 * vasculature denies congestion, and the ICD classification is no defibrillator. The wording is new, not copied from
 * an evaluation set.
 */
class Issue11ccRulesTest extends NlpMentionsTest {

    private static final String EMPHYSEMA = "87433001";
    private static final String PNEUMOTHORAX = "36118008";
    private static final String CHEST_DRAIN = "RID5573";
    private static final String SCOLIOSIS = "298382003";
    private static final String FRACTURE = "125605004";
    private static final String CARDIOMEGALY = "8186001";
    private static final String PLEURAL_EFFUSION = "60046008";
    private static final String CONGESTION = "196115007";
    private static final String DEFIBRILLATOR = "443325000";
    private static final String PNEUMONIA = "233604007";

    @Test
    void thePurposeAndReferrerHeadingsAreTheRequestNotTheReading() {
        String fitness = "CHEST CT FOR FLYING FITNESS\nPurpose of examination: bulla seen on an old chest film, cleared to fly?\n"
                + "Findings: The lungs show no bullae. No pneumothorax.\nOpinion: Normal study.";
        assertThat(has(fitness, EMPHYSEMA, Assertion.PRESENT)).isFalse();
        assertThat(has(fitness, EMPHYSEMA, Assertion.ABSENT)).isTrue();
        String telehealth = "REMOTE CHEST FILM\nReferring clinician: stab wound, ?pneumothorax\nFindings: Lungs expanded, "
                + "no pneumothorax.";
        assertThat(has(telehealth, PNEUMOTHORAX, Assertion.PRESENT)).isFalse();
        assertThat(has(telehealth, PNEUMOTHORAX, Assertion.ABSENT)).isTrue();
        String summary = "CHEST X-RAY\nClinical summary: known emphysema, breathless\nFindings: Clear lungs.";
        assertThat(has(summary, EMPHYSEMA, Assertion.PRESENT)).isFalse();
        // a finding under the findings heading after the request is still read
        String seen = "CHEST X-RAY\nPurpose: pre-employment\nFindings: Small right pneumothorax.";
        assertThat(has(seen, PNEUMOTHORAX, Assertion.PRESENT)).isTrue();
    }

    @Test
    void aChestDrainTheReportAsksForIsNotInThePatient() {
        assertThat(of("Large right pneumothorax; transfer for a chest drain.", CHEST_DRAIN)).isEmpty();
        assertThat(has("Large right pneumothorax; transfer for a chest drain.", PNEUMOTHORAX, Assertion.PRESENT)).isTrue();
        assertThat(of("Tension pneumothorax, needs a chest drain urgently.", CHEST_DRAIN)).isEmpty();
        assertThat(of("Moderate pneumothorax; chest drain insertion is advised.", CHEST_DRAIN)).isEmpty();
        // a drain that is there stays a drain
        assertThat(has("Left chest drain in situ, tip at the apex.", CHEST_DRAIN, Assertion.PRESENT)).isTrue();
    }

    @Test
    void aMeasuredScolioticCurveIsScoliosis() {
        assertThat(only("Left thoracolumbar curve of 32 degrees, T10 to L3.", SCOLIOSIS).assertion())
                .isEqualTo(Assertion.PRESENT);
        assertThat(only("A compensatory thoracic curve measures 15 degrees.", SCOLIOSIS).assertion())
                .isEqualTo(Assertion.PRESENT);
        assertThat(only("Right main thoracic curvature, Cobb angle 41 degrees.", SCOLIOSIS).assertion())
                .isEqualTo(Assertion.PRESENT);
        // a curve that is not a spinal curve names no scoliosis
        assertThat(of("The distal radius fracture shows a gentle volar curve.", SCOLIOSIS)).isEmpty();
        assertThat(of("Normal cervical lordotic curve.", SCOLIOSIS)).isEmpty();
        assertThat(has("Normal cervical lordotic curve.", FRACTURE, Assertion.PRESENT)).isFalse();
    }

    @Test
    void fluidInThePleuralSpaceIsAPleuralEffusion() {
        assertThat(only("A little fluid in both pleural spaces.", PLEURAL_EFFUSION).assertion()).isEqualTo(Assertion.PRESENT);
        assertThat(only("No fluid within the pleural spaces on the decubitus view.", PLEURAL_EFFUSION).assertion())
                .isEqualTo(Assertion.ABSENT);
        // fluid elsewhere is no pleural effusion
        assertThat(of("Fluid in the pericardial space.", PLEURAL_EFFUSION)).isEmpty();
    }

    @Test
    void aBigHeartIsCardiomegaly() {
        assertThat(only("Heart looks big on this AP film.", CARDIOMEGALY).assertion()).isEqualTo(Assertion.PRESENT);
        assertThat(only("Big heart, clear lungs.", CARDIOMEGALY).assertion()).isEqualTo(Assertion.PRESENT);
        assertThat(has("The heart is not big.", CARDIOMEGALY, Assertion.PRESENT)).isFalse();
        assertThat(has("Big left pleural effusion.", CARDIOMEGALY, Assertion.PRESENT)).isFalse();
    }

    @Test
    void aNormalPulmonaryVasculatureDeniesVascularCongestion() {
        assertThat(only("On this film the pulmonary vasculature appears within normal limits.", CONGESTION).assertion())
                .isEqualTo(Assertion.ABSENT);
        assertThat(only("Normal pulmonary vasculature and clear lungs.", CONGESTION).assertion()).isEqualTo(Assertion.ABSENT);
        assertThat(has("The heart size and the pulmonary vasculature are within normal limits.", CARDIOMEGALY,
                Assertion.ABSENT)).isTrue();
        assertThat(has("The heart size and the pulmonary vasculature are within normal limits.", CONGESTION,
                Assertion.ABSENT)).isTrue();
        // an increased vasculature stays congestion present
        assertThat(only("The pulmonary vasculature is mildly engorged.", CONGESTION).assertion()).isEqualTo(Assertion.PRESENT);
    }

    @Test
    void theIcdClassificationIsNoDefibrillator() {
        assertThat(of("Left lower lobe pneumonia, coded ICD-10 J18.1 by the clerk.", DEFIBRILLATOR)).isEmpty();
        assertThat(has("Left lower lobe pneumonia, coded ICD-10 J18.1 by the clerk.", PNEUMONIA, Assertion.PRESENT)).isTrue();
        assertThat(of("Indication: chest pain (ICD 10 R07.9).", DEFIBRILLATOR)).isEmpty();
        // the device itself is still read
        assertThat(has("Dual-chamber ICD with leads in the right ventricle.", DEFIBRILLATOR, Assertion.PRESENT)).isTrue();
    }
}
