package org.radbridge.nlp.context;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.radbridge.nlp.FindingMention;
import org.radbridge.nlp.RadiologyNlp;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** One test per issue-11 temporality / scope rule (triggers in triggers/context-triggers.tsv, sites in sites/*.tsv). */
class RadiologyScopeRulesTest {

    private static RadiologyNlp nlp;

    @BeforeAll
    static void setUp() {
        nlp = new RadiologyNlp();
    }

    @AfterAll
    static void tearDown() {
        nlp.close();
    }

    private static List<FindingMention> of(String text, String code) {
        return nlp.analyze("t", text).mentions().stream().filter(m -> code.equals(m.conceptCode())).toList();
    }

    private static FindingMention only(String text, String code) {
        List<FindingMention> l = of(text, code);
        assertThat(l).as(text + " -> " + nlp.analyze("t", text).mentions()).hasSize(1);
        return l.get(0);
    }

    @Test
    void oldHealedChronicSequelaeArePresentWithChronicity() {
        for (String s : List.of("Old healed left rib fractures.", "Healed right rib fracture.", "Remote left rib fractures.",
                "Chronic left rib fracture deformities.")) {
            FindingMention m = only(s, "33737001");
            assertThat(m.assertion()).as(s).isEqualTo(FindingMention.Assertion.PRESENT);
            assertThat(m.temporality()).as(s).isEqualTo(FindingMention.Temporality.CURRENT);
            assertThat(m.chronicity()).as(s).isEqualTo("chronic");
        }
        FindingMention g = only("Sequelae of prior granulomatous disease.", "101401000119103");
        assertThat(g.temporality()).isEqualTo(FindingMention.Temporality.CURRENT);
        assertThat(g.chronicity()).isEqualTo("chronic");
        assertThat(only("Acute displaced left rib fracture.", "33737001").chronicity()).isNull();
    }

    @Test
    void historicalIsForHistorySectionAndResectedFindings() {
        assertThat(only("INDICATION: History of pneumonia.\nFINDINGS: Clear lungs.", "233604007").temporality())
                .isEqualTo(FindingMention.Temporality.HISTORICAL);
        assertThat(only("CLINICAL HISTORY: Pneumothorax.\nFINDINGS: Clear lungs.", "36118008").temporality())
                .isEqualTo(FindingMention.Temporality.HISTORICAL);
        assertThat(only("Status post resection of a carcinoma of the left lung.", "1187425009").temporality())
                .isEqualTo(FindingMention.Temporality.HISTORICAL);
    }

    @Test
    void hedgeInsideANegatedListStaysNegated() {
        String s = "No focal consolidation, suspicious opacity, pneumothorax or definite effusion.";
        assertThat(only(s, "95436008").assertion()).isEqualTo(FindingMention.Assertion.ABSENT);
        assertThat(only(s, "274533004").assertion()).isEqualTo(FindingMention.Assertion.ABSENT);
        assertThat(only(s, "36118008").assertion()).isEqualTo(FindingMention.Assertion.ABSENT);
        assertThat(only(s, "60046008").assertion()).isEqualTo(FindingMention.Assertion.ABSENT);
        // a hedge after the clause ends is not inside the list
        assertThat(only("No pneumothorax, but possible small pleural effusion.", "60046008").assertion())
                .isEqualTo(FindingMention.Assertion.POSSIBLE);
    }

    @Test
    void resolutionMeansAbsent() {
        for (String s : List.of("Interval resolution of the left pleural effusion.", "The left pleural effusion has resolved.",
                "Left pleural effusion is no longer seen.", "Pleural effusion, resolved.", "IMPRESSION: Resolved effusion.",
                "Resolved left pleural effusion.")) {
            assertThat(only(s, "60046008").assertion()).as(s).isEqualTo(FindingMention.Assertion.ABSENT);
        }
        // "resolved" before a finding reaches only the next few words, not a later finding of the clause
        assertThat(only("Resolved right lower lobe pneumonia with residual scarring.", "12402003").assertion())
                .isEqualTo(FindingMention.Assertion.PRESENT);
    }

    @Test
    void findingsExplainedAsAMimicAreNoFindings() {
        for (String s : List.of("Nodular density at the left base likely represents a nipple shadow.",
                "Apparent opacity at the right base is likely due to overlying breast tissue.",
                "Linear density over the left apex is consistent with a skin fold.")) {
            assertThat(nlp.analyze("t", s).mentions()).as(s).isEmpty();
        }
        // the mimic must explain the finding: a neighbouring soft tissue finding or a denied mimic does not drop it
        assertThat(only("Small left effusion and overlying soft tissue swelling.", "60046008").assertion())
                .isEqualTo(FindingMention.Assertion.PRESENT);
        assertThat(only("Right lower lobe nodule, not a nipple shadow.", "786838002").assertion())
                .isEqualTo(FindingMention.Assertion.PRESENT);
    }

    @Test
    void normalForAgeIsNoFinding() {
        assertThat(nlp.analyze("t", "Age-appropriate volume loss.").mentions()).isEmpty();
        assertThat(only("Moderate cerebral atrophy.", "13331008").assertion()).isEqualTo(FindingMention.Assertion.PRESENT);
    }

    @Test
    void questionsHypothesesAndDisclaimersAreNoFindings() {
        for (String s : List.of("Evaluate for pneumothorax.", "Rule out pneumonia.", "Nondisplaced rib fractures may not be demonstrated.",
                "If symptoms persist, CT could exclude pneumonia.", "Assess for pleural effusion.")) {
            assertThat(nlp.analyze("t", s).mentions()).as(s).isEmpty();
        }
    }

    @Test
    void hedgesArePossible() {
        assertThat(only("Atelectasis would be a consideration.", "46621007").assertion()).isEqualTo(FindingMention.Assertion.POSSIBLE);
        assertThat(only("Pneumonia would be a consideration.", "233604007").assertion()).isEqualTo(FindingMention.Assertion.POSSIBLE);
        assertThat(only("Findings may represent atelectasis.", "46621007").assertion()).isEqualTo(FindingMention.Assertion.POSSIBLE);
        assertThat(only("This could reflect atelectasis.", "46621007").assertion()).isEqualTo(FindingMention.Assertion.POSSIBLE);
        assertThat(only("Borderline cardiomegaly.", "8186001").assertion()).isEqualTo(FindingMention.Assertion.POSSIBLE);
    }

    @Test
    void clearOfAirspaceDiseaseIsAbsent() {
        assertThat(only("The lungs are clear of airspace disease.", "274533004").assertion()).isEqualTo(FindingMention.Assertion.ABSENT);
        assertThat(only("Lungs are free of focal airspace disease.", "274533004").assertion()).isEqualTo(FindingMention.Assertion.ABSENT);
    }

    @Test
    void reportRegionGivesGeneralFindingsTheirSite() {
        // chest report: a nodule without a site is a lung nodule (innumerable ones: Multiple lung nodules, a kind of
        // lung nodule), edema along the fissure is pulmonary edema
        assertThat(only("FINDINGS: Innumerable small nodules. No pleural effusion.", "445249002").assertion())
                .isEqualTo(FindingMention.Assertion.PRESENT);
        assertThat(of("Mild edema along the minor fissure.", "19242006")).hasSize(1);
        assertThat(of("Heart size is normal. Degenerative changes.", "75320002")).hasSize(1);
        assertThat(of("Lungs are clear. Small hernia.", "84089009")).hasSize(1);
        // no chest context: the general concept stays
        assertThat(of("Soft tissue nodule.", "27925004")).hasSize(1);
        // a site in the clause wins over the region
        assertThat(of("No pneumothorax. Nodule in the thyroid.", "237495005")).hasSize(1);
    }

    @Test
    void effusionAtAJointIsNeverPleural() {
        for (String s : List.of("EXAM: XR KNEE 3 VIEWS\nFINDINGS: Small joint effusion. No acute fracture.",
                "EXAM: XR KNEE\nFINDINGS: Moderate suprapatellar effusion.", "EXAM: XR HIP\nFINDINGS: Small hip effusion.",
                "EXAM: MRI SHOULDER\nFINDINGS: Small glenohumeral joint effusion.",
                "EXAM: XR ELBOW\nFINDINGS: Elbow joint effusion with elevated fat pads.",
                "EXAM: XR KNEE\nFINDINGS: Tricompartmental degenerative changes of the knee. Small effusion.")) {
            String t = s.replace("\\n", "\n");
            assertThat(of(t, "60046008")).as(t).isEmpty();
            assertThat(of(t, "387637008")).as(t).hasSize(1);
        }
        // one joint name is enough against the bare effusion's chest vote
        assertThat(of("EXAM: XR KNEE\nFINDINGS: Small effusion.", "387637008")).hasSize(1);
        assertThat(of("EXAM: XR SHOULDER\nFINDINGS: No effusion.", "387637008")).hasSize(1);
        // an explicitly pleural effusion on a knee report stays pleural
        assertThat(of("EXAM: XR KNEE\nFINDINGS: Tricompartmental degenerative changes of the knee. Incidental small right pleural"
                + " effusion.", "60046008")).hasSize(1);
        // a chest report keeps the bare effusion pleural
        assertThat(of("FINDINGS: Small left effusion. Heart size is normal.", "60046008")).hasSize(1);
        // MSK region: soft tissue swelling of a knee is not pulmonary edema
        assertThat(of("EXAM: XR KNEE\nFINDINGS: Soft tissue swelling about the knee. Small joint effusion.", "19242006")).isEmpty();
    }

    @Test
    void disclaimersAboutRadiographsAreNoFinding() {
        for (String s : List.of("Nondisplaced rib fractures may not be visible on radiographs.",
                "Rib fractures may not be apparent on radiographs.", "Nondisplaced fractures are often radiographically occult.",
                "Small pneumothoraces may not be detected on a supine radiograph.")) {
            assertThat(nlp.analyze("t", s).mentions()).as(s).isEmpty();
        }
        // cannot be excluded stays uncertain (CheXpert)
        assertThat(only("Pneumothorax cannot be excluded on this examination.", "36118008").assertion())
                .isEqualTo(FindingMention.Assertion.POSSIBLE);
        assertThat(only("Acute rib fracture is visible on the right.", "33737001").assertion()).isEqualTo(FindingMention.Assertion.PRESENT);
    }

    @Test
    void mimicNamedBeforeTheFindingIsNoFinding() {
        for (String s : List.of("Skin fold mimics a pneumothorax.", "Skin fold simulating pneumothorax on the right.",
                "Skin fold could mimic a pneumothorax.", "Pseudo-pneumothorax from a skin fold.")) {
            assertThat(of(s, "36118008")).as(s).isEmpty();
        }
        assertThat(only("Small right apical pneumothorax.", "36118008").assertion()).isEqualTo(FindingMention.Assertion.PRESENT);
    }

    @Test
    void pluralAndTotalFormsAreFound() {
        for (String s : List.of("Bilateral hip arthroplasties.", "Bilateral total knee arthroplasties.", "Right total knee arthroplasty.",
                "Status post left total shoulder arthroplasty.")) {
            assertThat(of(s, "53350007")).as(s).hasSize(1);
        }
        assertThat(of("Bilateral pleural effusions.", "60046008")).hasSize(1);
        assertThat(org.radbridge.nlp.terms.RadiologyLexicon.plural("arthroplasty")).isEqualTo("arthroplasties");
        assertThat(org.radbridge.nlp.terms.RadiologyLexicon.plural("stenosis")).isEqualTo("stenoses");
        assertThat(org.radbridge.nlp.terms.RadiologyLexicon.plural("enlarged")).isNull();
        assertThat(org.radbridge.nlp.terms.RadiologyLexicon.plural("granulomas")).isNull();
        assertThat(of("Age-appropriate cerebral volume loss.", "13331008")).isEmpty();
    }

    @Test
    void chestTubeIsTheRadlexThoracostomyTube() {
        for (String s : List.of("Right chest tube in place.", "Left basilar chest tube is unchanged in position.",
                "A left-sided thoracostomy tube terminates at the apex.", "Right intercostal drain in situ.",
                "Bilateral chest tubes.")) {
            assertThat(only(s, "RID5573").assertion()).as(s).isEqualTo(FindingMention.Assertion.PRESENT);
        }
        assertThat(only("No chest tube.", "RID5573").assertion()).isEqualTo(FindingMention.Assertion.ABSENT);
        // the removal is a procedure: no device, and the pneumothorax next to it stays present
        assertThat(of("Tiny residual left apical pneumothorax after chest tube removal.", "RID5573")).isEmpty();
        assertThat(only("Tiny residual left apical pneumothorax after chest tube removal.", "36118008").assertion())
                .isEqualTo(FindingMention.Assertion.PRESENT);
        for (String s : List.of("Interval removal of the right chest tube.", "The left chest tube has been removed.")) {
            assertThat(of(s, "RID5573")).as(s).allSatisfy(m ->
                    assertThat(m.assertion()).as(s).isEqualTo(FindingMention.Assertion.ABSENT));
        }
    }

    // --- session 11f: hedge, resolution, chronicity and disclaimer cues (context-triggers.tsv) ---

    @Test
    void negatedExclusionFollowedByWordsIsStillAHedgeOnWhatPrecedes() {
        assertThat(only("Small right pneumothorax is not excluded given the supine technique.", "36118008").assertion())
                .isEqualTo(FindingMention.Assertion.POSSIBLE);
        assertThat(only("Early pneumonia not ruled out in this patient.", "233604007").assertion())
                .isEqualTo(FindingMention.Assertion.POSSIBLE);
    }

    @Test
    void considerAndRaisingThePossibilityAreHedges() {
        assertThat(only("Reticular opacities; consider pulmonary fibrosis.", "51615001").assertion())
                .isEqualTo(FindingMention.Assertion.POSSIBLE);
        assertThat(only("Enlarged ventricles, which raises the possibility of hydrocephalus.", "230745008").assertion())
                .isEqualTo(FindingMention.Assertion.POSSIBLE);
    }

    @Test
    void partialResolutionAndResolvingStayPresent() {
        for (String s : List.of("Nearly complete resolution of the left basilar consolidation.",
                "Left basilar consolidation has improved but is not fully resolved.", "Resolving left basilar consolidation.")) {
            assertThat(only(s, "95436008").assertion()).as(s).isEqualTo(FindingMention.Assertion.PRESENT);
        }
        assertThat(only("Complete resolution of the left basilar consolidation.", "95436008").assertion())
                .isEqualTo(FindingMention.Assertion.ABSENT);
    }

    @Test
    void findingThatResolvesOnAFurtherViewIsAbsent() {
        assertThat(only("The focal asymmetry in the left breast disperses on spot compression views.", "129789007").assertion())
                .isEqualTo(FindingMention.Assertion.ABSENT);
    }

    @Test
    void versusHedgesOnlyTheFindingRightBeforeIt() {
        String s = "Streaky left basilar opacity, atelectasis versus aspiration pneumonia.";
        assertThat(only(s, "274533004").assertion()).isEqualTo(FindingMention.Assertion.PRESENT);
        assertThat(only(s, "46621007").assertion()).isEqualTo(FindingMention.Assertion.POSSIBLE);
    }

    @Test
    void priorAsTheEarlierStudyIsNoHistory() {
        FindingMention m = only("Patchy bilateral opacities, increased compared to prior, could reflect pulmonary edema.", "19242006");
        assertThat(m.temporality()).isEqualTo(FindingMention.Temporality.CURRENT);
        assertThat(m.assertion()).isEqualTo(FindingMention.Assertion.POSSIBLE);
    }

    @Test
    void causeOfAResidualIsPresentAndChronic() {
        FindingMention m = only("Deformity of the left clavicle related to prior fracture.", "58150001");
        assertThat(m.temporality()).isEqualTo(FindingMention.Temporality.CURRENT);
        assertThat(m.chronicity()).isEqualTo("chronic");
    }

    @Test
    void clinicalBackgroundSentenceIsHistoryButKnownFindingInTheReadingIsPresent() {
        assertThat(only("Patient with known COPD now with fever.", "13645005").temporality())
                .isEqualTo(FindingMention.Temporality.HISTORICAL);
        assertThat(only("Hyperexpanded lungs compatible with known COPD.", "13645005").temporality())
                .isEqualTo(FindingMention.Temporality.CURRENT);
    }

    @Test
    void screeningDisclaimerIsNoFinding() {
        assertThat(of("Screening mammography can miss some breast cancers.", "1187425009")).isEmpty();
        assertThat(of("A normal mammogram should not delay biopsy of a palpable mass.", "4147007")).isEmpty();
        assertThat(of("A normal mammogram should not delay biopsy of a palpable mass.", "129788004")).isEmpty();
    }

    @Test
    void headinglessFindingsAfterAnIndicationLineAreCurrent() {
        String r = "XR CHEST PA/LAT\nREASON FOR EXAM: Pneumothorax last week.\nSmall residual left apical pneumothorax.\n"
                + "IMPRESSION: Improving.";
        List<FindingMention> ptx = of(r, "36118008");
        assertThat(ptx).extracting(FindingMention::temporality)
                .containsExactly(FindingMention.Temporality.HISTORICAL, FindingMention.Temporality.CURRENT);
    }

    @Test
    void findingSaidNotToBeVisibleTodayIsAbsentButTheDisclaimerStaysNothing() {
        assertThat(only("The known left lower lobe nodule is not visible on this radiograph.", "786838002").assertion())
                .isEqualTo(FindingMention.Assertion.ABSENT);
        assertThat(of("Subtle rib fractures may not be visible on a single view.", "33737001")).isEmpty();
        assertThat(of("Chest CT is more sensitive for tiny pulmonary nodules.", "786838002")).isEmpty();
        assertThat(of("Tiny pulmonary nodules.", "786838002")).hasSize(1);
    }

    @Test
    void copulaHedgeFollowedByAPlaceOrReasonHedgesTheFindingBeforeIt() {
        assertThat(only("Superimposed pneumonia is possible at the left base.", "233604007").assertion())
                .isEqualTo(FindingMention.Assertion.POSSIBLE);
        assertThat(only("A small effusion is likely given the blunted angle.", "60046008").assertion())
                .isEqualTo(FindingMention.Assertion.POSSIBLE);
        // followed by a finding, the copula hedge still hedges that finding, not the observed one before it
        String s = "The right basilar opacity is likely atelectasis.";
        assertThat(only(s, "274533004").assertion()).isEqualTo(FindingMention.Assertion.PRESENT);
        assertThat(only(s, "46621007").assertion()).isEqualTo(FindingMention.Assertion.POSSIBLE);
    }

    @Test
    void oneWordHedgeClosingItsClauseHedgesTheFindingBeforeIt() {
        assertThat(only("Left lower lobe consolidation, probably.", "95436008").assertion())
                .isEqualTo(FindingMention.Assertion.POSSIBLE);
        assertThat(only("Small right effusion likely; no pneumothorax.", "60046008").assertion())
                .isEqualTo(FindingMention.Assertion.POSSIBLE);
        // before a finding it still hedges that finding only
        String s = "Patchy opacity, likely pneumonia.";
        assertThat(only(s, "274533004").assertion()).isEqualTo(FindingMention.Assertion.PRESENT);
        assertThat(only(s, "233604007").assertion()).isEqualTo(FindingMention.Assertion.POSSIBLE);
    }
}
