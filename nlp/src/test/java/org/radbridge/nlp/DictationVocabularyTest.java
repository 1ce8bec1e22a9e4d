package org.radbridge.nlp;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Session 11f vocabulary: the word-level misspelling list (terms/misspellings.tsv), report wording added to the
 * synonyms, and the site refinements added to the terminology (finding + anatomy -> site-specific SNOMED CT concept).
 */
class DictationVocabularyTest extends NlpMentionsTest {

    @Test
    void misspelledWordsInsideTermsAreFound() {
        assertThat(only("Left pneumothoarx is smaller.", "36118008").assertion()).isEqualTo(FindingMention.Assertion.PRESENT);
        assertThat(only("No plueral effusion.", "60046008").assertion()).isEqualTo(FindingMention.Assertion.ABSENT);
        assertThat(only("Small left plural effusion.", "60046008").assertion()).isEqualTo(FindingMention.Assertion.PRESENT);
        assertThat(only("Bibasilar atelectesis.", "46621007").assertion())
                .isEqualTo(FindingMention.Assertion.PRESENT);
        assertThat(only("Stable cardiomeagly.", "8186001").assertion()).isEqualTo(FindingMention.Assertion.PRESENT);
        assertThat(only("Mild interstitial oedema.", "19242006").assertion()).isEqualTo(FindingMention.Assertion.PRESENT);
        // a misspelling is only added inside terms: the English word 'plural' alone is no finding
        assertThat(nlp.analyze("t", "Plural forms are used in this sentence.").mentions()).isEmpty();
    }

    @Test
    void vertebralHeightLossIsACompressionFractureButDiscHeightLossIsNot() {
        assertThat(only("Mild loss of height of the T12 vertebral body.", "42942008").assertion())
                .isEqualTo(FindingMention.Assertion.PRESENT);
        assertThat(of("Loss of height of the intervertebral disc at L5-S1.", "42942008")).isEmpty();
    }

    @Test
    void unfoldedAortaIsTheTortuousAortaConceptAndAnEctaticOneIsDilated() {
        assertThat(only("Unfolded thoracic aorta.", "15690004").assertion()).isEqualTo(FindingMention.Assertion.PRESENT);
        // issue 11o: ectasia is dilatation (v6-v8 gold), not tortuosity
        assertThat(only("The descending aorta is ectatic.", "26660001").assertion()).isEqualTo(FindingMention.Assertion.PRESENT);
        assertThat(of("The descending aorta is ectatic.", "15690004")).isEmpty();
    }

    @Test
    void arthroplastyComponentsAreAProsthesis() {
        assertThat(only("The acetabular component is well seated.", "53350007").assertion())
                .isEqualTo(FindingMention.Assertion.PRESENT);
    }

    @Test
    void generalFindingsTakeTheirSiteSpecificConcept() {
        // lymphadenopathy / calcification at the hilum
        assertThat(of("Left hilar adenopathy is suspected.", "87500009")).hasSize(1);
        assertThat(of("Calcified left hilar lymph nodes from prior granulomatous infection.", "191394000")).hasSize(1);
        // metastasis in bone and lung
        assertThat(of("Sclerotic focus in the L3 vertebral body, possibly a metastasis.", "94222008")).hasSize(1);
        assertThat(of("CHEST 2 VIEWS\nFINDINGS: Several round nodules in both lungs, suggestive of metastatic disease.", "94391008"))
                .hasSize(1);
        // tuberculosis and sarcoidosis on a chest report without a site in the sentence
        assertThat(of("CHEST PA AND LATERAL\nFINDINGS: Right upper lobe cavity; reactivation of tuberculosis is a concern.",
                "154283005")).hasSize(1);
        assertThat(of("CHEST PA AND LATERAL\nFINDINGS: Mediastinal adenopathy and perilymphatic nodules, stage 2 sarcoidosis likely.",
                "24369008")).hasSize(1);
        // calculi by organ; metatarsal fracture
        assertThat(of("Two small stones within the urinary bladder.", "95566004")).hasSize(1);
        assertThat(of("Transverse fracture of the third metatarsal shaft.", "46866001")).hasSize(1);
        // old TB written as an abbreviation
        assertThat(only("CHEST 1 VIEW\nFINDINGS: Biapical pleural scarring from old TB.", "154283005").chronicity()).isEqualTo("chronic");
    }

    @Test
    void countWordsMakeSeveralLungNodules() {
        assertThat(of("Numerous tiny pulmonary nodules in both lungs.", "445249002")).hasSize(1);
        assertThat(of("A few scattered nodules in the left lung.", "445249002")).hasSize(1);
        // one nodule, or a count word in another clause, stays a lung nodule
        assertThat(of("Solitary 7 mm nodule in the left lung.", "786838002")).hasSize(1);
        assertThat(of("Multiple old rib fractures; nodule in the left lung.", "445249002")).isEmpty();
    }
}
