package org.radbridge.nlp.context;

import org.junit.jupiter.api.Test;
import org.radbridge.nlp.FindingMention;
import org.radbridge.nlp.FindingMention.Assertion;
import org.radbridge.nlp.NlpMentionsTest;

import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11, session 34 (11cx, round 2 of 11cw): more concepts the evaluation sets' gold named NOCODE, coded from the
 * SNOMEDCT_US rows of Apache cTAKES' sno_rx_16ab dictionary (terminology rows in the "issue 11cx" blocks). Each is
 * emitted with its assertion, at its site where a general finding names one, and a normal statement stays silent.
 */
class Issue11cxRulesTest extends NlpMentionsTest {

    private static final String MITRAL_ANNULAR_CALCIFICATION = "251002009";
    private static final String AORTIC_VALVE_CALCIFICATION = "250978003";
    private static final String TENDON_RUPTURE = "415749005";
    private static final String ESOPHAGEAL_DILATATION = "78974003";
    private static final String ACHALASIA = "45564002";
    private static final String BOWEL_ISCHEMIA = "82196007";
    private static final String NERVE_ROOT_COMPRESSION = "111236008";
    private static final String LOOSE_BODIES = "2775001";
    private static final String FLAIL_CHEST = "78011002";
    private static final String AMYLOID_ANGIOPATHY = "230724001";
    private static final String RENAL_ATROPHY = "197659005";
    private static final String PANCREATIC_ATROPHY = "88281007";
    private static final String ATROPHY = "13331008";
    private static final String DILATATION = "25322007";

    private static Set<String> codes(String text) {
        return nlp.analyze("t", text).mentions().stream().map(FindingMention::conceptCode).collect(Collectors.toSet());
    }

    @Test
    void chestWordings() {
        assertThat(only("Lateral view: a dense band of mitral annular calcification.", MITRAL_ANNULAR_CALCIFICATION)
                .assertion()).isEqualTo(Assertion.PRESENT);
        assertThat(only("CT CHEST\nHeavily calcified aortic valve; consider echocardiography.", AORTIC_VALVE_CALCIFICATION)
                .assertion()).isEqualTo(Assertion.PRESENT);
        assertThat(only("Segmental fractures of the left fourth to seventh ribs with a flail segment.", FLAIL_CHEST)
                .assertion()).isEqualTo(Assertion.PRESENT);
        assertThat(only("Several rib fractures on the right, no flail segment.", FLAIL_CHEST).assertion())
                .isEqualTo(Assertion.ABSENT);
        assertThat(only("The oesophagus is patulous and contains debris.", ESOPHAGEAL_DILATATION).assertion())
                .isEqualTo(Assertion.PRESENT);
        assertThat(only("Air-fluid level in a widened oesophagus behind the heart, possibly achalasia.", ACHALASIA)
                .assertion()).isEqualTo(Assertion.POSSIBLE);
    }

    @Test
    void abdomenAndNeuro() {
        assertThat(only("CT ABDOMEN\nHypoenhancing small bowel loops in the right lower quadrant, suspicious for bowel "
                + "ischaemia.", BOWEL_ISCHEMIA).assertion()).isEqualTo(Assertion.POSSIBLE);
        assertThat(only("CT ABDOMEN\nThe bowel enhances normally with no evidence of intestinal ischemia.", BOWEL_ISCHEMIA)
                .assertion()).isEqualTo(Assertion.ABSENT);
        assertThat(only("MRI BRAIN\nInnumerable lobar microhaemorrhages suggest cerebral amyloid angiopathy.",
                AMYLOID_ANGIOPATHY).assertion()).isNotEqualTo(Assertion.ABSENT);
        assertThat(only("MRI LUMBAR SPINE\nAt L5-S1 a right paracentral protrusion with nerve root "
                + "impingement.", NERVE_ROOT_COMPRESSION).assertion()).isEqualTo(Assertion.PRESENT);
        assertThat(only("MRI LUMBAR SPINE\nNo nerve root compression at any level.", NERVE_ROOT_COMPRESSION).assertion())
                .isEqualTo(Assertion.ABSENT);
    }

    @Test
    void musculoskeletal() {
        assertThat(only("MRI ANKLE\nFull-thickness tendon tear of the peroneus brevis with retraction.", TENDON_RUPTURE)
                .assertion()).isEqualTo(Assertion.PRESENT);
        assertThat(only("MRI ELBOW\nThe common extensor origin is intact without tendon tear.", TENDON_RUPTURE).assertion())
                .isEqualTo(Assertion.ABSENT);
        assertThat(only("MRI KNEE\nTwo small intra-articular loose bodies in the posterior recess.", LOOSE_BODIES)
                .assertion()).isEqualTo(Assertion.PRESENT);
    }

    @Test
    void atrophyAndDilatationAtTheirSite() {
        // atrophy of the kidney or pancreas, and a dilated oesophagus, are the site's concept, not the morphology alone
        assertThat(codes("RENAL ULTRASOUND\nThe left kidney is small and atrophic, measuring 7.2 cm."))
                .contains(RENAL_ATROPHY).doesNotContain(ATROPHY);
        assertThat(codes("CT ABDOMEN\nFatty atrophy of the pancreas.")).contains(PANCREATIC_ATROPHY).doesNotContain(ATROPHY);
        assertThat(codes("CT CHEST\nThe esophagus is dilated to 4 cm.")).contains(ESOPHAGEAL_DILATATION)
                .doesNotContain(DILATATION);
    }

    @Test
    void normalStatementsStaySilent() {
        assertThat(codes("The heart valves are unremarkable. Both kidneys are normal in size and echotexture."))
                .doesNotContain(MITRAL_ANNULAR_CALCIFICATION, AORTIC_VALVE_CALCIFICATION, RENAL_ATROPHY);
        assertThat(codes("MRI SHOULDER\nThe rotator cuff tendons are intact.")).doesNotContain(TENDON_RUPTURE);
        assertThat(codes("Normal caliber esophagus.")).doesNotContain(ESOPHAGEAL_DILATATION, ACHALASIA);
    }
}
