package org.radbridge.nlp.context;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.radbridge.nlp.FindingMention.Assertion;
import org.radbridge.nlp.NlpMentionsTest;

/**
 * Issue 11, class 1 (most specific site): calcification, atheroma and dilatation of the aorta are the clinical findings
 * at the aorta (81817003 Atherosclerosis of aorta, 26660001 Dilatation of aorta, both cited from the HL7 IPS free set),
 * not the morphologies Arteriosclerosis / Dilatation. New wording, not copied from an evaluation set.
 */
class AorticFindingsTest extends NlpMentionsTest {
    private static final String AORTIC_ATHEROSCLEROSIS = "81817003";
    private static final String ARTERIOSCLEROSIS = "28960008";
    private static final String AORTIC_DILATATION = "26660001";

    @Test
    void aorticCalcificationIsAtherosclerosisOfTheAorta() {
        for (String s : List.of("Atherosclerotic calcification of the aortic arch is noted.", "Calcified aortic knuckle.",
                "Moderate atheromatous change in the abdominal aorta.", "There is aortic atherosclerosis.")) {
            assertThat(has(s, AORTIC_ATHEROSCLEROSIS, Assertion.PRESENT)).as(s).isTrue();
            assertThat(of(s, ARTERIOSCLEROSIS)).as(s).isEmpty();
        }
    }

    @Test
    void calcificationElsewhereIsNotTheAorta() {
        assertThat(of("Vascular calcification in both femoral arteries.", AORTIC_ATHEROSCLEROSIS)).isEmpty();
        assertThat(of("No aortic calcification.", AORTIC_ATHEROSCLEROSIS)).isNotEmpty()
                .allMatch(m -> m.assertion() == Assertion.ABSENT);
    }

    @Test
    void aDilatedAortaIsDilatationOfTheAorta() {
        assertThat(has("The ascending aorta is dilated to 4.3 cm.", AORTIC_DILATATION, Assertion.PRESENT)).isTrue();
        assertThat(has("Aortic dilatation, unchanged since 2021.", AORTIC_DILATATION, Assertion.PRESENT)).isTrue();
        assertThat(of("Dilated small bowel loops.", AORTIC_DILATATION)).isEmpty();
    }
}
