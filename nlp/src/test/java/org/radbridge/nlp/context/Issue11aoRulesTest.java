package org.radbridge.nlp.context;

import org.junit.jupiter.api.Test;
import org.radbridge.nlp.FindingMention;
import org.radbridge.nlp.FindingMention.Assertion;
import org.radbridge.nlp.NlpMentionsTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11, helper 11ao: chest error classes shared by development sets v11, v12 and v15 (different writers). The
 * sentences are new wording, not copied from an evaluation set.
 */
class Issue11aoRulesTest extends NlpMentionsTest {

    private static final String HILAR_NODES = "87500009";
    private static final String MEDIASTINAL_NODES = "52324001";
    private static final String PARATRACHEAL_NODES = "23794001";
    private static final String AXILLARY_NODES = "127189005";
    private static final String MEDIASTINUM = "72410000";

    @Test
    void aQualifierBeforeTwoJoinedSitesNamesNodesAtBoth() {
        String both = "Bulky enlarged right hilar and AP window lymph nodes are new.";
        assertThat(only(both, HILAR_NODES).assertion()).isEqualTo(Assertion.PRESENT);
        FindingMention window = only(both, MEDIASTINAL_NODES);
        assertThat(window.assertion()).isEqualTo(Assertion.PRESENT);
        assertThat(window.bodySiteSnomed()).isEqualTo(MEDIASTINUM);
        // bracketed sizes between the sites do not cut the noun phrase
        String sized = "Enlarged subcarinal (2.2 cm) or right hilar (1.3 cm) nodes.";
        assertThat(of(sized, MEDIASTINAL_NODES)).hasSize(1);
        assertThat(of(sized, HILAR_NODES)).hasSize(1);
        // the order of the sites does not matter, and a negation covers both
        String none = "There are no enlarged aortopulmonary window or hilar nodes.";
        assertThat(only(none, MEDIASTINAL_NODES).assertion()).isEqualTo(Assertion.ABSENT);
        assertThat(only(none, HILAR_NODES).assertion()).isEqualTo(Assertion.ABSENT);
        assertThat(only("Enlarged left paratracheal and sub-carinal nodes.", PARATRACHEAL_NODES).assertion())
                .isEqualTo(Assertion.PRESENT);
        assertThat(only("Enlarged left paratracheal and sub-carinal nodes.", MEDIASTINAL_NODES).assertion())
                .isEqualTo(Assertion.PRESENT);
    }

    @Test
    void aSiteOutsideTheJoinedPairGetsNoNodes() {
        // a second finding with its own noun keeps its own site: the hilar nodes are not mediastinal nodes too
        String apart = "Enlarged left hilar nodes; a mediastinal mass is also seen.";
        assertThat(only(apart, HILAR_NODES).assertion()).isEqualTo(Assertion.PRESENT);
        assertThat(of(apart, MEDIASTINAL_NODES)).isEmpty();
        // sites not joined by and / or (a mass between them) are no coordination
        String mass = "Enlarged hilar lymph nodes with a subcarinal mass.";
        assertThat(of(mass, MEDIASTINAL_NODES)).isEmpty();
        // a second site joined with its own side is still a node site: axillary and hilar nodes both
        String sides = "Enlarged right axillary and left hilar nodes.";
        assertThat(only(sides, AXILLARY_NODES).assertion()).isEqualTo(Assertion.PRESENT);
        assertThat(only(sides, HILAR_NODES).assertion()).isEqualTo(Assertion.PRESENT);
    }

    private static final String PULMONARY_EMBOLISM = "59282003";
    private static final String PULMONARY_EDEMA = "19242006";
    private static final String LUNG_NODULE = "786838002";
    private static final String PULMONARY_GRANULOMA = "101401000119103";
    private static final String ABDOMEN_CT = "CT ABDOMEN AND PELVIS WITH CONTRAST\nFINDINGS: The kidneys enhance normally. ";

    @Test
    void chestWordsElsewhereInTheSentenceGiveAnUnsitedFindingTheChestDefault() {
        // on an abdominal exam the report's region is the abdomen; the sentence's own chest words speak for it
        assertThat(only(ABDOMEN_CT + "A small embolus is seen, the right hemithorax otherwise clear.",
                PULMONARY_EMBOLISM).assertion()).isEqualTo(Assertion.PRESENT);
        assertThat(only(ABDOMEN_CT + "Subtle edema, the mediastinum otherwise unremarkable.", PULMONARY_EDEMA)
                .assertion()).isEqualTo(Assertion.PRESENT);
    }

    @Test
    void noSiteIsInventedWithoutChestWordsOrWithWordsOfTwoRegions() {
        // the same findings alone: nothing in the sentence says chest, so the abdominal report keeps them general
        assertThat(of(ABDOMEN_CT + "A small embolus is seen.", PULMONARY_EMBOLISM)).isEmpty();
        assertThat(of(ABDOMEN_CT + "Subtle edema.", PULMONARY_EDEMA)).isEmpty();
        // a sentence naming an abdominal and a chest organ does not decide
        assertThat(of(ABDOMEN_CT + "Subtle edema, the liver and mediastinum otherwise unremarkable.", PULMONARY_EDEMA))
                .isEmpty();
        // a clause after ';' is another sentence, and the thyroid is no chest word
        assertThat(of(ABDOMEN_CT + "No nodule; the thyroid is normal.", LUNG_NODULE)).isEmpty();
        // breast words on a chest film do not move a finding out of the chest (only chest words speak for a sentence)
        assertThat(only("CHEST RADIOGRAPH\nFINDINGS: Heart size normal. A granuloma projects just above the left nipple.",
                PULMONARY_GRANULOMA).assertion()).isEqualTo(Assertion.PRESENT);
    }
}
