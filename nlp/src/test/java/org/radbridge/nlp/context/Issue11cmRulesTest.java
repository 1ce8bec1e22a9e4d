package org.radbridge.nlp.context;

import org.junit.jupiter.api.Test;
import org.radbridge.nlp.FindingMention.Assertion;
import org.radbridge.nlp.NlpMentionsTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11cm: classes of errors of the v27 development set fixed by data rows: a look-alike warning ("should not be
 * confused with"), a modality's limits with "insensitive to", a plural finding "better evaluated with" another test, a
 * curve that "appears positional", a heart-failure clinic's congestion grade 0, heart size in Dutch / German /
 * Portuguese-trained English, "may correspond to" as a hedge, laminar atelectasis, a diagnosis offered as a
 * reading ("enters the differential", "could explain this", "is equivocal"), orotracheal tubes and feeding probes,
 * spondyloarthrosis and a cyst's aspiration offered as a procedure. The sentences are new wording, not copied from an
 * evaluation set.
 */
class Issue11cmRulesTest extends NlpMentionsTest {

    private static final String FRACTURE = "125605004";
    private static final String CONTUSION = "125667009";
    private static final String HIATAL_HERNIA = "84089009";
    private static final String SCOLIOSIS = "298382003";
    private static final String CONGESTION = "196115007";
    private static final String CARDIOMEGALY = "8186001";
    private static final String PNEUMONIA = "233604007";
    private static final String ENDOTRACHEAL_TUBE = "419991009";
    private static final String FEEDING_TUBE = "25062003";
    private static final String SPONDYLOSIS = "8847002";
    private static final String ASPIRATION = "68052005";
    private static final String PLATE_ATELECTASIS = "40779009";
    private static final String PULMONARY_SARCOIDOSIS = "24369008";
    private static final String PULMONARY_EDEMA = "19242006";
    private static final String CHEST_TUBE = "RID5573";
    private static final String INFILTRATE = "409609008";
    private static final String PLEURAL_EFFUSION = "60046008";
    private static final String PNEUMOTHORAX = "36118008";
    private static final String RENAL_VEIN_THROMBOSIS = "15842009";
    private static final String SUBDURAL_HEMATOMA = "RID4706";
    private static final String ELONGATED_AORTA = "15690004";
    private static final String OSTEOPHYTE = "235231000119100";

    @Test
    void aLookAlikeWarningIsNoFinding() {
        assertThat(has("The nutrient canal of the tibia must not be confused with a fracture line.", FRACTURE,
                Assertion.PRESENT)).isFalse();
        assertThat(has("An accessory ossicle at the ankle should not be confused with a fracture.", FRACTURE,
                Assertion.PRESENT)).isFalse();
        // a fracture the film shows stays present
        assertThat(has("Acute displaced fracture.", FRACTURE, Assertion.PRESENT)).isTrue();
    }

    @Test
    void aModalityInsensitiveToAFindingIsADisclaimer() {
        assertThat(has("Plain films are insensitive to early contusions of the lung.", CONTUSION, Assertion.PRESENT))
                .isFalse();
        assertThat(has("Plain films are insensitive to early contusions of the lung.", CONTUSION, Assertion.POSSIBLE))
                .isFalse();
        assertThat(has("Patchy contusion in the left lower lobe.", CONTUSION, Assertion.PRESENT)).isTrue();
    }

    @Test
    void pluralFindingsBetterShownByAnotherTestAreGeneral() {
        assertThat(has("Sliding hernias of the hiatus are better assessed with a barium swallow.", HIATAL_HERNIA,
                Assertion.PRESENT)).isFalse();
        assertThat(has("Large hiatal hernia behind the heart.", HIATAL_HERNIA, Assertion.PRESENT)).isTrue();
    }

    @Test
    void aCurveThatLooksPositionalIsNoScoliosis() {
        assertThat(has("Slight levoconvex scoliosis of the lumbar spine appears positional.", SCOLIOSIS,
                Assertion.PRESENT)).isFalse();
        assertThat(has("Moderate levoconvex scoliosis of the lumbar spine.", SCOLIOSIS, Assertion.PRESENT)).isTrue();
    }

    @Test
    void congestionGradeZeroDeniesCongestion() {
        assertThat(has("Congestion grade 0, the upper zone vessels are not distended.", CONGESTION, Assertion.PRESENT))
                .isFalse();
        assertThat(has("Congestion grade 0, the upper zone vessels are not distended.", CONGESTION, Assertion.ABSENT))
                .isTrue();
        assertThat(has("Grade of congestion: 0.", CONGESTION, Assertion.ABSENT)).isTrue();
        // a grade above nil stays congestion
        assertThat(has("Congestion grade 2 with upper lobe diversion.", CONGESTION, Assertion.PRESENT)).isTrue();
    }

    @Test
    void heartSizeInTranslatedWording() {
        assertThat(has("Cor of normal size.", CARDIOMEGALY, Assertion.ABSENT)).isTrue();
        assertThat(has("The cardiac area is preserved.", CARDIOMEGALY, Assertion.ABSENT)).isTrue();
        assertThat(has("Cardiothoracic index within the normal range.", CARDIOMEGALY, Assertion.ABSENT)).isTrue();
        assertThat(has("Heart with normal dimensions.", CARDIOMEGALY, Assertion.ABSENT)).isTrue();
        assertThat(has("Marked increase of the cardiac area.", CARDIOMEGALY, Assertion.PRESENT)).isTrue();
        assertThat(has("Marked increase of the cardiac area.", CARDIOMEGALY, Assertion.ABSENT)).isFalse();
    }

    @Test
    void mayCorrespondToHedges() {
        assertThat(has("Patchy opacity at the left base which could correspond to pneumonia.", PNEUMONIA,
                Assertion.POSSIBLE)).isTrue();
        assertThat(has("Patchy opacity at the left base which could correspond to pneumonia.", PNEUMONIA,
                Assertion.PRESENT)).isFalse();
        assertThat(has("Patchy opacity at the left base in keeping with pneumonia.", PNEUMONIA, Assertion.PRESENT))
                .isTrue();
    }

    @Test
    void orotrachealTubesAndFeedingProbes() {
        assertThat(has("The orotracheal tube ends 5 cm above the carina.", ENDOTRACHEAL_TUBE, Assertion.PRESENT))
                .isTrue();
        assertThat(has("Nasogastric probe coiled in the stomach.", FEEDING_TUBE, Assertion.PRESENT)).isTrue();
        assertThat(has("The orotracheal tube has been removed.", ENDOTRACHEAL_TUBE, Assertion.PRESENT)).isFalse();
    }

    @Test
    void spondyloarthrosisIsSpondylosis() {
        assertThat(has("Marked spondyloarthrosis of the lower cervical spine.", SPONDYLOSIS, Assertion.PRESENT))
                .isTrue();
        assertThat(has("No spondylarthrosis.", SPONDYLOSIS, Assertion.ABSENT)).isTrue();
    }

    @Test
    void aCystsAspirationOfferedIsAProcedure() {
        assertThat(has("Benign cyst; aspiration can be offered for comfort.", ASPIRATION, Assertion.PRESENT)).isFalse();
        assertThat(has("Benign cyst; aspiration is not needed.", ASPIRATION, Assertion.ABSENT)).isFalse();
        // aspiration into the lung stays a finding
        assertThat(has("Aspiration of gastric contents into the right lower lobe.", ASPIRATION,
                Assertion.PRESENT)).isTrue();
    }

    @Test
    void laminarAtelectasisIsPlateAtelectasis() {
        assertThat(has("Laminar atelectases at both bases.", PLATE_ATELECTASIS, Assertion.PRESENT)).isTrue();
        assertThat(has("No laminar atelectasis.", PLATE_ATELECTASIS, Assertion.ABSENT)).isTrue();
    }

    @Test
    void aDiagnosisOfferedAsAReadingIsPossible() {
        assertThat(has("Enlarged hilar nodes; sarcoidosis enters the differential.", PULMONARY_SARCOIDOSIS,
                Assertion.POSSIBLE)).isTrue();
        assertThat(has("Enlarged hilar nodes; sarcoidosis is the first consideration.", PULMONARY_SARCOIDOSIS,
                Assertion.PRESENT)).isFalse();
        assertThat(has("Basal opacities; aspiration could explain this.", ASPIRATION, Assertion.POSSIBLE)).isTrue();
        assertThat(has("Cardiomegaly; interstitial oedema is equivocal.", PULMONARY_EDEMA, Assertion.POSSIBLE))
                .isTrue();
        // a stated diagnosis stays present
        assertThat(has("Enlarged hilar nodes in keeping with sarcoidosis.", PULMONARY_SARCOIDOSIS,
                Assertion.PRESENT)).isTrue();
        assertThat(has("Florid interstitial oedema.", PULMONARY_EDEMA, Assertion.PRESENT)).isTrue();
    }

    @Test
    void thoracicDrainsAndInfiltrativeAbnormalitiesInDutchEnglish() {
        assertThat(has("Thoracic drain on the right with its tip at the apex.", CHEST_TUBE, Assertion.PRESENT))
                .isTrue();
        assertThat(has("Both thorax drains have been removed.", CHEST_TUBE, Assertion.PRESENT)).isFalse();
        assertThat(has("No infiltrative abnormalities at the bases.", INFILTRATE, Assertion.ABSENT)).isTrue();
        assertThat(has("Infiltrative abnormality in the right upper field.", INFILTRATE, Assertion.PRESENT)).isTrue();
    }

    @Test
    void noLongerCharacterizedIsGone() {
        assertThat(has("The left pleural effusion is no longer characterized.", PLEURAL_EFFUSION, Assertion.ABSENT))
                .isTrue();
        assertThat(has("The left pleural effusion is no longer characterized.", PLEURAL_EFFUSION,
                Assertion.PRESENT)).isFalse();
        assertThat(has("The left pleural effusion is better characterized today.", PLEURAL_EFFUSION,
                Assertion.PRESENT)).isTrue();
    }

    @Test
    void aFractureClinicIsAService() {
        assertThat(has("Follow-up film for the fracture clinic, left wrist.", FRACTURE, Assertion.PRESENT)).isFalse();
        assertThat(has("Follow-up film for the fracture clinic; the fracture line is still visible.", FRACTURE,
                Assertion.PRESENT)).isTrue();
    }

    @Test
    void pneumoIsShorthandForPneumothorax() {
        assertThat(has("No pneumo after the biopsy.", PNEUMOTHORAX, Assertion.ABSENT)).isTrue();
        assertThat(has("Small apical pneumo on the left.", PNEUMOTHORAX, Assertion.PRESENT)).isTrue();
        assertThat(has("No pneumoperitoneum.", PNEUMOTHORAX, Assertion.ABSENT)).isFalse();
    }

    @Test
    void patentRenalVeinsDenyThrombosis() {
        assertThat(has("Both renal veins are patent with normal flow.", RENAL_VEIN_THROMBOSIS, Assertion.ABSENT))
                .isTrue();
        assertThat(has("Thrombus distending the left renal vein.", RENAL_VEIN_THROMBOSIS, Assertion.ABSENT)).isFalse();
    }

    @Test
    void aFindingSaidToBeRareInGeneralIsNoFinding() {
        assertThat(has("A late subdural haematoma is rare after such a fall but can occur.", SUBDURAL_HEMATOMA,
                Assertion.PRESENT)).isFalse();
        assertThat(has("A late subdural haematoma is rare after such a fall but can occur.", SUBDURAL_HEMATOMA,
                Assertion.POSSIBLE)).isFalse();
        assertThat(has("Thin right subdural haematoma along the convexity.", SUBDURAL_HEMATOMA, Assertion.PRESENT))
                .isTrue();
    }

    @Test
    void anAortaElongatedAndSpondylophytesInGermanEnglish() {
        assertThat(has("Thoracic aorta moderately elongated, otherwise normal mediastinum.", ELONGATED_AORTA,
                Assertion.PRESENT)).isTrue();
        assertThat(has("The aorta is not elongated.", ELONGATED_AORTA, Assertion.PRESENT)).isFalse();
        assertThat(has("Anterior spondylophytes at several thoracic levels.", OSTEOPHYTE, Assertion.PRESENT)).isTrue();
        assertThat(has("No spondylophytes.", OSTEOPHYTE, Assertion.PRESENT)).isFalse();
    }
}
