package org.radbridge.nlp.context;

import org.junit.jupiter.api.Test;
import org.radbridge.nlp.FindingMention;
import org.radbridge.nlp.NlpMentionsTest;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** One test per issue-11 temporality / scope rule (triggers in triggers/context-triggers.tsv, sites in sites/*.tsv). */
class RadiologyScopeRulesTest extends NlpMentionsTest {

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
    void volumeLossCalledAppropriateForAgeIsCerebralAtrophy() {
        // issue 11bs: the writers of v9-v22 label age-appropriate volume loss cerebral atrophy present (it was masked as
        // normal for age before); foci "within normal limits for age" stay no finding (11av, Issue11avRulesTest)
        assertThat(only("Age-appropriate volume loss.", "418143002").assertion()).isEqualTo(FindingMention.Assertion.PRESENT);
        assertThat(only("Moderate cerebral atrophy.", "418143002").assertion()).isEqualTo(FindingMention.Assertion.PRESENT);
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
        assertThat(of("Heart size is normal. Degenerative changes.", "8847002")).hasSize(1);
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
            // one effusion; elevated fat pads are its radiographic sign, read as the same finding (issue 11cq)
            assertThat(of(t, "387637008").stream().filter(m -> !m.text().toLowerCase(java.util.Locale.ROOT).contains("fat pad")))
                    .as(t).hasSize(1);
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

    private static FindingMention.Assertion assertion(String text, String code) {
        return only(text, code).assertion();
    }

    @Test
    void differentialAfterACommaDoesNotHedgeTheFindingItExplains() {
        // issue 11d: "X, A versus B" - X is seen; only the alternatives A and B are possible
        assertThat(assertion("Patchy left basilar opacity, scarring versus pneumonia.", "274533004"))
                .isEqualTo(FindingMention.Assertion.PRESENT);
        assertThat(assertion("Patchy left basilar opacity, scarring versus pneumonia.", "233604007"))
                .isEqualTo(FindingMention.Assertion.POSSIBLE);
        // without the comma the cue still hedges the finding on each side
        assertThat(assertion("Right basilar atelectasis versus early pneumonia.", "46621007"))
                .isEqualTo(FindingMention.Assertion.POSSIBLE);
        assertThat(assertion("Right basilar atelectasis versus early pneumonia.", "233604007"))
                .isEqualTo(FindingMention.Assertion.POSSIBLE);
    }

    @Test
    void ratherThanSetsTheAlternativeAside() {
        // issue 11d: NegEx [PREN], NegBio / CheXpert "rather than XXX"
        assertThat(assertion("Linear density at the left base, favored to be scarring rather than pneumonia.", "233604007"))
                .isEqualTo(FindingMention.Assertion.ABSENT);
    }

    @Test
    void clinicalConcernIsTheQuestionNotAFinding() {
        assertThat(of("Study performed for clinical concern for pulmonary embolism.", "59282003")).isEmpty();
        assertThat(of("Clinical suspicion of aspiration pneumonia; lungs are clear.", "233604007")).isEmpty();
        // the radiologist's own concern stays a possible finding
        assertThat(assertion("Right lower lobe consolidation, concerning for pneumonia.", "233604007"))
                .isEqualTo(FindingMention.Assertion.POSSIBLE);
    }

    @Test
    void telegraphicQuestionHedges() {
        assertThat(assertion("Question small left pneumothorax.", "36118008")).isEqualTo(FindingMention.Assertion.POSSIBLE);
        assertThat(assertion("The nodule in question measures 6 mm.", "786838002")).isEqualTo(FindingMention.Assertion.PRESENT);
    }

    @Test
    void normalCardiomediastinalSilhouetteDeniesCardiomegaly() {
        for (String s : List.of("The cardiomediastinal silhouette is within normal limits for the portable technique.",
                "Stable normal cardiomediastinal contours.", "Cardiomediastinal silhouette and pulmonary vasculature are normal.",
                "Normal heart size and mediastinal contours.")) {
            assertThat(assertion(s, "8186001")).as(s).isEqualTo(FindingMention.Assertion.ABSENT);
        }
        assertThat(assertion("The cardiomediastinal silhouette is enlarged.", "8186001")).isEqualTo(FindingMention.Assertion.PRESENT);
    }

    @Test
    void coordinatedModifiersShareTheirHeadNoun() {
        // issue 11d: "no pleural or pericardial effusion" denies both effusions
        String s = "There is neither pleural nor pericardial effusion.";
        assertThat(assertion(s, "60046008")).isEqualTo(FindingMention.Assertion.ABSENT);
        assertThat(assertion(s, "373945007")).isEqualTo(FindingMention.Assertion.ABSENT);
        String list = "Negative for hilar, mediastinal, or axillary lymphadenopathy by size criteria.";
        for (String code : List.of("87500009", "52324001", "127189005")) {
            assertThat(assertion(list, code)).as(code).isEqualTo(FindingMention.Assertion.ABSENT);
        }
        String present = "Bulky hilar and mediastinal lymphadenopathy.";
        assertThat(assertion(present, "87500009")).isEqualTo(FindingMention.Assertion.PRESENT);
        assertThat(assertion(present, "52324001")).isEqualTo(FindingMention.Assertion.PRESENT);
        // a noun before the coordinator is a finding of its own, not a modifier of the next one
        assertThat(of("No pneumothorax or pleural effusion.", "36118008")).hasSize(1);
        assertThat(of("No pneumothorax or pleural effusion.", "60046008")).hasSize(1);
        assertThat(of("No consolidation or pleural thickening.", "60046008")).isEmpty();
    }

    @Test
    void sitesNextToTheFindingRefineItInTurn() {
        // issue 11d: the nearest site does not refine the finding, the next one in the same noun phrase does
        assertThat(of("A few calcified left hilar lymph nodes.", "191394000")).hasSize(1);
        assertThat(of("A few calcified left hilar lymph nodes.", "18115005")).isEmpty();
        // Enlarged at lymph node = Lymphadenopathy, then at the axilla / hilum the specific concept
        assertThat(of("Two enlarged right axillary lymph nodes.", "127189005")).hasSize(1);
        // (issue 11cj: on both sides the concept is Bilateral hilar adenopathy, a kind of Hilar lymphadenopathy 87500009)
        assertThat(of("Enlarged bilateral hilar lymph nodes.", "264508001")).hasSize(1);
        // a longer noun phrase still counts, a site across punctuation does not
        assertThat(of("Several enlarged right hilar and paratracheal lymph nodes.", "87500009")).hasSize(1);
        assertThat(of("Calcified aortic knob; hilar lymph nodes are normal.", "191394000")).isEmpty();
    }

    @Test
    void passiveHedgeEndsItsPredicateWhateverFollows() {
        // issue 11d: "is not excluded" / "is suspected" hedge the finding before them even when words follow
        assertThat(assertion("A small left pneumothorax is not excluded on this supine film.", "36118008"))
                .isEqualTo(FindingMention.Assertion.POSSIBLE);
        assertThat(assertion("Early pneumonia is suspected given the new opacity.", "233604007"))
                .isEqualTo(FindingMention.Assertion.POSSIBLE);
    }

    @Test
    void generalFindingBesideItsSpecificKindIsNotCountedTwice() {
        // issue 11d: the port's catheter is the central venous catheter, not a second device
        String s = "Left subclavian port, the catheter tip projecting over the right atrium.";
        assertThat(of(s, "52124006")).hasSize(1);
        assertThat(of(s, "19923001")).isEmpty();
        // a catheter of its own in another sentence stays
        assertThat(of("Right chest port. A catheter projects over the left hemipelvis.", "19923001")).hasSize(1);
    }

    @Test
    void chexpertCollapseAndCardiacShadowPhrases() {
        assertThat(assertion("Near complete collapse of the right lung with a large effusion.", "46621007"))
                .isEqualTo(FindingMention.Assertion.PRESENT);
        assertThat(assertion("The cardiac shadow is moderately enlarged.", "8186001")).isEqualTo(FindingMention.Assertion.PRESENT);
    }

    @Test
    void pyContextNegationUncertaintyAndFuturePhrases() {
        // issue 11d: pyConTextNLP lexical KB phrases the lists lacked
        assertThat(assertion("The tiny left apical pneumothorax is no longer noted.", "36118008")).isEqualTo(FindingMention.Assertion.ABSENT);
        assertThat(assertion("No convincing evidence of pneumonia on this exam.", "233604007")).isEqualTo(FindingMention.Assertion.ABSENT);
        assertThat(assertion("No sonographic evidence of cholecystitis.", "76581006")).isEqualTo(FindingMention.Assertion.ABSENT);
        assertThat(assertion("Edema is not likely given the normal vasculature.", "19242006")).isEqualTo(FindingMention.Assertion.ABSENT);
        assertThat(assertion("Lymphoma is in the differential for the mediastinal mass.", "1163043007")).isEqualTo(FindingMention.Assertion.POSSIBLE);
        // Aspiration pneumonia (422588002, a kind of Pneumonia) since issue 11u
        assertThat(assertion("Aspiration pneumonia is less likely.", "422588002")).isEqualTo(FindingMention.Assertion.POSSIBLE);
        assertThat(assertion("Differential would include sarcoidosis.", "31541009")).isEqualTo(FindingMention.Assertion.POSSIBLE);
        assertThat(of("Follow-up advised as the patient is at risk for pneumothorax after the biopsy.", "36118008")).isEmpty();
    }

    @Test
    void spiculatedMarginIsAnAttributeOfTheMassNotASecondFinding() {
        // issue 11d (decided): the BI-RADS margin describes the mass already reported; a second finding for it would
        // double the lesion count
        String s = "Round mass with spiculated margins at 10 o'clock in the right breast.";
        assertThat(of(s, "129788004")).hasSize(1);
        assertThat(of(s, "129742005")).isEmpty();
    }

    @Test
    void notDemonstratedNegatesButDisclaimersStayNoFinding() {
        // issue 11d: NegBio "XXX is not demonstrated/visualized" and other verbs of seeing
        assertThat(assertion("A pneumothorax is not demonstrated on the expiratory view.", "36118008")).isEqualTo(FindingMention.Assertion.ABSENT);
        assertThat(assertion("Free intraperitoneal air is not evident.", "RID4803")).isEqualTo(FindingMention.Assertion.ABSENT);
        assertThat(of("Small nondisplaced fractures are not always visible radiographically.", "125605004")).isEmpty();
    }

    @Test
    void tuberculosisOnAChestReportIsPulmonary() {
        String report = "FINDINGS: Clear lungs. Heart size normal.\nIMPRESSION: No radiographic evidence of active tuberculosis.";
        assertThat(only(report, "154283005").assertion()).isEqualTo(FindingMention.Assertion.ABSENT);
        assertThat(only("Cavitation in the left upper lobe, likely tuberculosis of the lung.", "154283005").assertion())
                .isEqualTo(FindingMention.Assertion.POSSIBLE);
    }

    @Test
    void titlesInsideAFlattenedReportStillEndTheHistory() {
        // issue 11d: a one-line report keeps its findings current, its indication historical
        String report = "INDICATION: Fever, history of pneumonia. FINDINGS: Left basilar consolidation. IMPRESSION: Left lower lobe pneumonia.";
        assertThat(of(report, "95436008")).allSatisfy(m -> assertThat(m.temporality()).isEqualTo(FindingMention.Temporality.CURRENT)).hasSize(1);
        assertThat(of(report, "233604007")).extracting(FindingMention::temporality)
                .containsExactlyInAnyOrder(FindingMention.Temporality.HISTORICAL, FindingMention.Temporality.CURRENT);
    }

    @Test
    void partialResolutionLeavesAResidual() {
        // issue 11d: "near / partial resolution" is a smaller finding still on the image; full resolution is absent
        assertThat(assertion("Near complete resolution of the right pneumothorax.", "36118008")).isEqualTo(FindingMention.Assertion.PRESENT);
        assertThat(assertion("The left effusion is not fully resolved.", "60046008")).isEqualTo(FindingMention.Assertion.PRESENT);
        assertThat(assertion("Resolution of the right pneumothorax.", "36118008")).isEqualTo(FindingMention.Assertion.ABSENT);
    }

    @Test
    void congestiveFailureIsHeartFailure() {
        assertThat(assertion("Enlarged heart, no radiographic sign of congestive failure.", "42343007")).isEqualTo(FindingMention.Assertion.ABSENT);
    }

    @Test
    void copulaHedgeEndingItsPredicateHedgesTheFindingBefore() {
        // issue 11d: "is likely present / at the base / on the left" hedges the finding before it
        assertThat(assertion("Trace right pleural effusion is likely present.", "60046008")).isEqualTo(FindingMention.Assertion.POSSIBLE);
        assertThat(assertion("A tiny pneumothorax is possible at the right apex.", "36118008")).isEqualTo(FindingMention.Assertion.POSSIBLE);
        // followed by what it names, it hedges that and leaves the seen finding present
        for (String s : List.of("The streaky left basilar opacity is likely atelectasis.",
                "Streaky left basilar opacity is likely due to atelectasis.",
                "Streaky left basilar opacities are probably related to atelectasis.")) {
            assertThat(assertion(s, "274533004")).as(s).isEqualTo(FindingMention.Assertion.PRESENT);
            assertThat(assertion(s, "46621007")).as(s).isEqualTo(FindingMention.Assertion.POSSIBLE);
        }
    }

    @Test
    void borderlineHeartSizeIsAPossibleCardiomegaly() {
        // issue 11d: CheXpert labeler uncertainty pattern "borderline heart size"
        for (String s : List.of("Borderline heart size, unchanged.", "The heart size is borderline.")) {
            assertThat(of(s, "8186001")).as(s).isNotEmpty()
                    .allSatisfy(m -> assertThat(m.assertion()).as(s).isEqualTo(FindingMention.Assertion.POSSIBLE));
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
        // issue 11bj: plural nodules are Multiple lung nodules (445249002, a kind of 786838002)
        assertThat(of("Chest CT is more sensitive for tiny pulmonary nodules.", "786838002")).isEmpty();
        assertThat(of("Chest CT is more sensitive for tiny pulmonary nodules.", "445249002")).isEmpty();
        // (issue 11bk: the plural "nodules" is Multiple lung nodules 445249002, a kind of Lung nodule)
        assertThat(nlp.analyze("t", "Chest CT is more sensitive for tiny pulmonary nodules.").mentions()).isEmpty();
        assertThat(of("Tiny pulmonary nodules.", "445249002")).hasSize(1);
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
