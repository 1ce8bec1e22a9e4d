package org.radbridge.nlp.context;

import org.junit.jupiter.api.Test;
import org.radbridge.nlp.FindingMention;
import org.radbridge.nlp.FindingMention.Assertion;
import org.radbridge.nlp.NlpMentionsTest;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11, helper 11p: one test per convention or class of wording fixed by data rows (reported-as concepts, cue,
 * synonym, statement and site rows). The sentences are new wording, not copied from an evaluation set.
 */
class Issue11pRulesTest extends NlpMentionsTest {

    private static final String ETT_PRESENT = "419991009";
    private static final String ETT_DEVICE = "26412008";


    @Test
    void endotrachealTubeMentionsAreTheFindingThatTheTubeIsPresent() {
        for (String s : List.of("The endotracheal tube tip projects 3.5 cm above the carina.", "ETT in satisfactory position.",
                "ET tube terminates at the level of the clavicular heads.", "Endotracheal tubes are seen in both films.")) {
            assertThat(has(s, ETT_PRESENT, Assertion.PRESENT)).as(s).isTrue();
            assertThat(of(s, ETT_DEVICE)).as(s).isEmpty();
        }
    }

    @Test
    void removedOrExtubatedMeansTheEndotrachealTubeIsAbsentNow() {
        for (String s : List.of("ET tube has since been removed.", "The patient has been extubated.",
                "Endotracheal tube was removed.", "Previously seen ETT is no longer present.")) {
            assertThat(of(s, ETT_PRESENT)).as(s).isNotEmpty().allMatch(m -> m.assertion() == Assertion.ABSENT);
        }
    }

    @Test
    void aTracheostomyIsNotAnEndotrachealTube() {
        for (String s : List.of("Tracheostomy tube in the midline, unchanged.", "Trach tube tip well above the carina.",
                "Status post tracheostomy.")) {
            assertThat(of(s, ETT_PRESENT)).as(s).isEmpty();
            assertThat(of(s, ETT_DEVICE)).as(s).isEmpty();
        }
    }

    @Test
    void ukChestWordingForOpacityCongestionAndFailure() {
        assertThat(has("Patchy alveolar shadowing at the left base.", "274533004", Assertion.PRESENT)).isTrue();
        assertThat(has("There is upper zone venous diversion.", "196115007", Assertion.PRESENT)).isTrue();
        assertThat(has("The picture suggests left heart failure.", "84114007", Assertion.POSSIBLE)).isTrue();
        // congestion alone is the pulmonary one; the liver's congestion is not
        assertThat(only("Vascular pattern may reflect fluid overload or congestion.", "196115007").assertion())
                .isEqualTo(Assertion.POSSIBLE);
        assertThat(of("Hepatomegaly with passive hepatic congestion.", "196115007")).isEmpty();
    }

    @Test
    void heartStatementsWithHilaSplitWordsAndTheRatioAsANumber() {
        for (String s : List.of("Heart, hila and mediastinum are unremarkable.", "Cardio-mediastinal silhouette within normal limits.",
                "The CTR is less than 0.50 on this PA film.")) {
            assertThat(of(s, "8186001")).as(s).isNotEmpty().allMatch(m -> m.assertion() == Assertion.ABSENT);
        }
    }

    @Test
    void hardToExcludeAndDifferentialArePossible() {
        assertThat(only("Right basal opacity; early consolidation is hard to exclude.", "95436008").assertion())
                .isEqualTo(Assertion.POSSIBLE);
        assertThat(only("Favour sarcoidosis; lymphoma is in the differential.", "1163043007").assertion())
                .isEqualTo(Assertion.POSSIBLE);
    }

    @Test
    void aorticWordingReachesTheThoracicAorta() {
        assertThat(has("The aortic arch is aneurysmal, 4.6 cm.", "433068007", Assertion.PRESENT)).isTrue();
        assertThat(has("Prominent ascending aorta, possibly an aneurysm.", "433068007", Assertion.POSSIBLE)).isTrue();
        assertThat(has("Ectasia of the descending thoracic aorta.", "26660001", Assertion.PRESENT)).isTrue();
        // calcification of the arch stays aortic atherosclerosis
        assertThat(has("Calcification of the aortic arch.", "81817003", Assertion.PRESENT)).isTrue();
    }

    @Test
    void ardsAndCysticFibrosisAreTheirOwnConcepts() {
        assertThat(has("Diffuse bilateral opacities compatible with adult respiratory distress syndrome.", "67782005",
                Assertion.PRESENT)).isTrue();
        String cf = "Known cystic fibrosis with upper lobe bronchiectasis.";
        assertThat(has(cf, "190905008", Assertion.PRESENT)).isTrue();
        assertThat(of(cf, "51615001")).as("no lung fibrosis from the disease's name").isEmpty();
        assertThat(only("No numothorax after the biopsy.", "36118008").assertion()).isEqualTo(Assertion.ABSENT);
    }

    @Test
    void theExamTitleNamesTheRegionOfBareFindings() {
        // a renal exam: bare stones and cysts are renal; an abdominal CT: a bare abscess is abdominal
        String renal = "US kidneys: Normal corticomedullary differentiation. No stones, cysts or hydronephrosis.";
        assertThat(has(renal, "386103008", Assertion.ABSENT)).isTrue();
        assertThat(has(renal, "722223000", Assertion.ABSENT)).isTrue();
        assertThat(has("CT abdomen and pelvis: Perforated appendix with an abscess in the right iliac fossa.", "75100008",
                Assertion.PRESENT)).isTrue();
        // a chest film: tuberculosis is pulmonary even where no lung word is written
        assertThat(has("Portable chest: Findings worrisome for reactivation tuberculosis.", "154283005", Assertion.POSSIBLE)).isTrue();
        // a title naming another region: the finding stays general (issue 11r: with no title, tuberculosis votes for
        // the chest itself, so a bare "tuberculosis cannot be excluded" is pulmonary)
        assertThat(has("Renal ultrasound: Echogenic kidneys; tuberculosis cannot be excluded.", "56717001", Assertion.POSSIBLE)).isTrue();
        assertThat(has("Tuberculosis cannot be excluded.", "154283005", Assertion.POSSIBLE)).isTrue();
    }

    @Test
    void discSpaceNarrowingAndLumbosacralDegenerationAreSpondylosis() {
        assertThat(has("Moderate disc space narrowing at C5-6 and C6-7.", "8847002", Assertion.PRESENT)).isTrue();
        assertThat(has("AP pelvis: mild degenerative change of the lumbosacral spine.", "8847002", Assertion.PRESENT)).isTrue();
        // joint space narrowing stays no finding of its own
        assertThat(of("Medial joint space narrowing.", "8847002")).isEmpty();
    }

    @Test
    void aQuestionAndAnswerHeaderAsksNothingOfTheImage() {
        String qa = "Portable chest Q: tube position? effusion? A: Left chest drain tip at the apex. Small residual effusion.";
        assertThat(of(qa, "60046008")).filteredOn(m -> m.temporality() == FindingMention.Temporality.CURRENT)
                .extracting(FindingMention::assertion).containsExactly(Assertion.PRESENT);
    }

    @Test
    void entericAndNasogastricTubesAreTheFeedingTube() {
        assertThat(has("Enteric tube tip projects over the gastric body.", "25062003", Assertion.PRESENT)).isTrue();
        assertThat(has("NG tube side port below the GE junction.", "25062003", Assertion.PRESENT)).isTrue();
        // and every enteric tube is a CheXpert support device (25062003 is in the label set)
        assertThat(chexpertLabel("NG tube side port below the GE junction.", "Support Devices")).isEqualTo(1);
        assertThat(chexpertLabel("PEG tube in the left upper quadrant.", "Support Devices")).isEqualTo(1);
    }

    @Test
    void aHydropneumothoraxIsAPneumothoraxAndAnEffusion() {
        String s = "Loculated right hydropneumothorax after drain removal.";
        assertThat(has(s, "36118008", Assertion.PRESENT)).isTrue();
        assertThat(has(s, "60046008", Assertion.PRESENT)).isTrue();
        assertThat(only("No residual hydropneumothorax.", "60046008").assertion()).isEqualTo(Assertion.ABSENT);
    }

    @Test
    void aQueryAfterStatedFindingsIsTheRadiologistsHedge() {
        String r = "PA chest. Left lower lobe collapse. ?Endobronchial lesion; bronchoscopy suggested.";
        assertThat(of(r, "301232003")).extracting(FindingMention::assertion).containsExactly(Assertion.POSSIBLE);
        // before any stated finding, or in the clinical details, the query is the requester's question
        assertThat(of("?pneumothorax. Lungs are fully expanded.", "36118008")).isEmpty();
        assertThat(of("Clinical details: fever. ?Empyema. Findings: small left effusion.", "58554001")).isEmpty();
    }
}
