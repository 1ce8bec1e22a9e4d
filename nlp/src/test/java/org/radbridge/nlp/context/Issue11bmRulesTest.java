package org.radbridge.nlp.context;

import org.junit.jupiter.api.Test;
import org.radbridge.nlp.FindingMention.Assertion;
import org.radbridge.nlp.NlpMentionsTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11, helper 11bm: report-level misses, where only the whole report (its exam title, the region its sentences
 * name) decides what a finding in one sentence is. The wording is new, not copied from an evaluation set.
 */
class Issue11bmRulesTest extends NlpMentionsTest {

    private static final String ANEURYSM = "85659009";
    private static final String HEMORRHAGE = "50960005";
    private static final String INTRACRANIAL_HEMORRHAGE = "1386000";
    private static final String ABDOMINAL_AORTIC_ANEURYSM = "233985008";
    private static final String THORACIC_AORTIC_ANEURYSM = "433068007";
    private static final String RENAL_ARTERY_ANEURYSM = "36184004";

    @Test
    void anUnsitedAneurysmOnAnAbdominalReportIsAbdominalAortic() {
        String screening = "CT ABDOMEN AND PELVIS WITHOUT CONTRAST History: flank pain. Findings: The infrarenal aorta"
                + " is 2.3 cm across. No aneurysm. Kidneys without calculi.";
        assertThat(only(screening, ABDOMINAL_AORTIC_ANEURYSM).assertion()).isEqualTo(Assertion.ABSENT);
        assertThat(of(screening, ANEURYSM)).isEmpty();
        String afterRepair = "CT ABDOMEN WITH CONTRAST History: aortic stent graft last spring. Findings: The graft is"
                + " patent. The aneurysm sac is 5.0 cm, unchanged. No fluid collection.";
        assertThat(only(afterRepair, ABDOMINAL_AORTIC_ANEURYSM).assertion()).isEqualTo(Assertion.PRESENT);
        // a named artery keeps its own site
        String renal = "CT ABDOMEN AND PELVIS WITH CONTRAST Findings: A 1.4 cm aneurysm of the left renal artery."
                + " Normal calibre abdominal aorta.";
        assertThat(has(renal, ABDOMINAL_AORTIC_ANEURYSM, Assertion.PRESENT)).isFalse();
        assertThat(has(renal, ANEURYSM, Assertion.PRESENT)).isTrue();
        assertThat(only("CT ABDOMEN Findings: Left renal artery aneurysm of 9 mm.", RENAL_ARTERY_ANEURYSM).assertion())
                .isEqualTo(Assertion.PRESENT);
        String splenic = "US ABDOMEN Findings: There is a 1.1 cm aneurysm of the splenic artery at the hilum.";
        assertThat(has(splenic, ABDOMINAL_AORTIC_ANEURYSM, Assertion.PRESENT)).isFalse();
        assertThat(has(splenic, ANEURYSM, Assertion.PRESENT)).isTrue();
        // on a chest report the same words stay thoracic (issue 11ak)
        assertThat(has("CT CHEST WITH CONTRAST Findings: Normal calibre of the aorta. No dissection or aneurysm.",
                THORACIC_AORTIC_ANEURYSM, Assertion.ABSENT)).isTrue();
    }

    @Test
    void anAngiographicOrStrokeProtocolHeadExamIsABrainExam() {
        String angio = "CTA HEAD AND NECK WITH CONTRAST History: sudden aphasia. Findings: Plain images: no"
                + " hemorrhage. The basilar artery is patent. Carotid bifurcations are normal.";
        assertThat(only(angio, INTRACRANIAL_HEMORRHAGE).assertion()).isEqualTo(Assertion.ABSENT);
        assertThat(of(angio, HEMORRHAGE)).isEmpty();
        String stroke = "CODE STROKE PROTOCOL Findings: No haemorrhage. Perfusion maps are symmetric.";
        assertThat(only(stroke, INTRACRANIAL_HEMORRHAGE).assertion()).isEqualTo(Assertion.ABSENT);
    }
}
