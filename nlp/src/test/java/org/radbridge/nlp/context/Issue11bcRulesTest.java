package org.radbridge.nlp.context;

import org.junit.jupiter.api.Test;
import org.radbridge.nlp.FindingMention.Assertion;
import org.radbridge.nlp.NlpMentionsTest;
import org.radbridge.nlp.Sections;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11, helper 11bc: non-chest rules fixed class by class from the development errors of blind set v19 (abdomen,
 * neuro, MSK, breast). The sentences are new wording, not copied from an evaluation set.
 */
class Issue11bcRulesTest extends NlpMentionsTest {

    private static final String ARTERIAL_STENOSIS = "726490008";

    @Test
    void stenosisOfANamedArteryIsArterialStenosis() {
        assertThat(has("Doppler: renal artery stenosis on the left is likely.", ARTERIAL_STENOSIS, Assertion.POSSIBLE)).isTrue();
        assertThat(has("Severe stenosis at the origin of the superior mesenteric artery.", ARTERIAL_STENOSIS, Assertion.PRESENT)).isTrue();
        assertThat(has("No hepatic artery stenosis; normal resistive indices.", ARTERIAL_STENOSIS, Assertion.ABSENT)).isTrue();
        // the general concept is not reported beside its site-specific one
        assertThat(of("Doppler: renal artery stenosis on the left is likely.", "44241007")).isEmpty();
    }

    @Test
    void theTibialPlateauIsTheSiteNotTheTibia() {
        // "tibial plateau" and its own word "tibial" both start at the same word: the longer, more specific site wins
        String s = "Depressed fracture of the tibial plateau with a lipohaemarthrosis.";
        assertThat(has(s, "428257007", Assertion.PRESENT)).isTrue();
        assertThat(of(s, "46866001")).isEmpty();
        // a tibial shaft fracture stays a fracture of the lower limb
        assertThat(has("Spiral fracture of the tibial shaft.", "46866001", Assertion.PRESENT)).isTrue();
    }

    @Test
    void anOrganSubHeadingRightAfterATitleNamesTheSite() {
        String report = "RENAL AND PANCREAS ULTRASOUND\nFindings: Pancreas: No cyst. Normal duct.";
        assertThat(has(report, "31258000", Assertion.ABSENT)).isTrue();
        // the sub-heading keeps the section it stands in: after "Impression:" it is still the impression
        String text = "Impression: Spleen: Mildly enlarged.";
        List<Sections.Section> sections = new Sections().split(text);
        assertThat(Sections.at(sections, text.indexOf("Mildly"))).isEqualTo(Sections.IMPRESSION);
        assertThat(Sections.sectionAt(sections, text.indexOf("Mildly")).contentStart())
                .isEqualTo(text.indexOf("Spleen:") + "Spleen:".length());
    }

    @Test
    void aPluralNotExcludedOnRadiographsIsADisclaimer() {
        assertThat(of("Occult carpal fractures are not excluded on initial radiographs.", "125605004")).isEmpty();
        assertThat(of("LEFT FOOT, 3 VIEWS\nStress fractures are not excluded on plain films; MRI would be more sensitive.",
                "125605004")).isEmpty();
        // the singular about this patient stays a hedge
        assertThat(has("A scaphoid waist fracture is not excluded on this view.", "125605004", Assertion.POSSIBLE)).isTrue();
    }

    @Test
    void tendinopathyIsTendinosis() {
        assertThat(has("Insertional tendinopathy of the Achilles tendon without a tear.", "724152009", Assertion.PRESENT)).isTrue();
        assertThat(has("SHOULDER, 2 VIEWS\nNo calcific tendinopathy of the rotator cuff.", "724152009", Assertion.ABSENT)).isTrue();
    }

    @Test
    void theScarSiteIsAPlaceNotAScar() {
        String s = "Stable focal asymmetry at the lumpectomy scar site, unchanged since the last mammogram.";
        assertThat(of(s, "12402003")).isEmpty();
        assertThat(has(s, "129789007", Assertion.PRESENT)).isTrue();
    }

    @Test
    void anExamTitleMayNameTheBodyPartBeforeTheModality() {
        // "Cervical spine MRI:" names the spine region: a narrowed canal is spinal stenosis
        String s = "Cervical spine MRI: C6-7 disc osteophyte complex with moderate canal narrowing.";
        assertThat(has(s, "76107001", Assertion.PRESENT)).isTrue();
        assertThat(of(s, "44241007")).isEmpty();
    }

    @Test
    void aFindingBeforeTwoJoinedSitesIsDeniedAtBoth() {
        String s = "PELVIS AND LEFT HIP\nNo displaced fracture of the proximal femur or pelvic ring.";
        assertThat(has(s, "71620000", Assertion.ABSENT)).isTrue();
        assertThat(has(s, "77493009", Assertion.ABSENT)).isTrue();
        // a second finding between the sites is no coordination: the hip is not said to be fractured
        assertThat(of("Fracture of the femoral shaft and dislocation of the hip.", "77493009")).isEmpty();
    }

    @Test
    void aNormalCalibreAortaNamedWithTheIvcDeniesAnAneurysm() {
        assertThat(has("The abdominal aorta and the IVC are of normal calibre.", "233985008", Assertion.ABSENT)).isTrue();
    }

    @Test
    void freeExtraluminalGasIsPneumoperitoneumButALoculeIsNot() {
        assertThat(has("CT ABDOMEN\nNo free extraluminal gas.", "RID4803", Assertion.ABSENT)).isTrue();
        // a contained gas locule next to an inflamed colon is read as a perforation by the writers, not free air
        assertThat(of("CT ABDOMEN\nTiny extraluminal gas locule beside the descending colon.", "RID4803")).isEmpty();
    }
}
