package org.radbridge.nlp.context;

import org.junit.jupiter.api.Test;
import org.radbridge.nlp.FindingMention.Assertion;
import org.radbridge.nlp.NlpMentionsTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11, helper 11az: wording of real reports and figure captions that the written sets rarely use. A tumour named
 * by its histology (schwannoma, osteochondroma, paraganglioma ...) is a Neoplasm; "neoplastic process", "malignant
 * process" and a "metastatic deposit" are the neoplasm and the metastasis; an intensifying adverb inside an exclusion
 * hedge ("cannot be definitively excluded") keeps the hedge; the temporal bone, middle ear, mastoid air cells and nasal
 * cavity are face anatomy, so their opacification is no lung opacity and a mass there is no brain lesion. The sentences
 * are new wording, not copied from an evaluation set.
 */
class Issue11azRulesTest extends NlpMentionsTest {

    private static final String NEOPLASM = "108369006";
    private static final String CARCINOMA = "1187425009";
    private static final String METASTASIS = "128462008";
    private static final String BONE_METASTASIS = "94222008";
    private static final String FRACTURE = "125605004";
    private static final String APPENDICITIS = "74400008";
    private static final String LUNG_OPACITY = "274533004";
    private static final String MASS = "4147007";
    private static final String BRAIN_LESION = "301766008";

    @Test
    void aTumourNamedByItsHistologyIsANeoplasm() {
        assertThat(has("Sagittal MRI: a dumbbell-shaped schwannoma widening the left neural foramen at C5-6.",
                NEOPLASM, Assertion.PRESENT)).isTrue();
        assertThat(has("Lateral radiograph: a pedunculated osteochondroma arising from the distal femoral metaphysis.",
                NEOPLASM, Assertion.PRESENT)).isTrue();
        assertThat(has("Coronal T1 image: bilateral vestibular schwannomas at the internal auditory canals.",
                NEOPLASM, Assertion.PRESENT)).isTrue();
        assertThat(has("MRI pelvis: no features to suggest a paraganglioma.", NEOPLASM, Assertion.ABSENT)).isTrue();
        // a carcinoma named by its site is the carcinoma
        assertThat(has("CT abdomen: a cholangiocarcinoma with intrahepatic ductal dilatation.", CARCINOMA,
                Assertion.PRESENT)).isTrue();
    }

    @Test
    void neoplasticAndMalignantProcessesAreTheNeoplasm() {
        assertThat(has("Findings are in keeping with a neoplastic process centred on the sacrum.", NEOPLASM,
                Assertion.PRESENT)).isTrue();
        assertThat(has("A malignant process in the left adrenal gland cannot be excluded.", NEOPLASM,
                Assertion.POSSIBLE)).isTrue();
    }

    @Test
    void aMetastaticDepositOrSpreadIsAMetastasis() {
        // at a bone it is the bone metastasis, a kind of Metastasis
        assertThat(has("A metastatic deposit in the left iliac bone.", BONE_METASTASIS, Assertion.PRESENT)).isTrue();
        assertThat(only("No metastatic deposit is identified in the liver.", METASTASIS).assertion())
                .isEqualTo(Assertion.ABSENT);
        assertThat(only("Bone scan: metastatic spread to the thoracic spine.", BONE_METASTASIS).assertion())
                .isEqualTo(Assertion.PRESENT);
    }

    @Test
    void anIntensifierInsideAnExclusionHedgeKeepsTheHedge() {
        assertThat(only("An underlying neoplasm cannot be definitively ruled out.", NEOPLASM).assertion())
                .isEqualTo(Assertion.POSSIBLE);
        assertThat(only("A subtle fracture of the scaphoid cannot be totally excluded on these views.", FRACTURE)
                .assertion()).isEqualTo(Assertion.POSSIBLE);
        assertThat(only("Early appendicitis would be difficult to entirely exclude.", APPENDICITIS).assertion())
                .isEqualTo(Assertion.POSSIBLE);
        ConText ctx = ConText.fromClasspath();
        assertThat(ctx.sentence("a small collection is difficult to completely exclude").triggers())
                .extracting(ConText.Trigger::category).contains(ConText.Category.UNC_POST);
        assertThat(ctx.sentence("we cannot fully exclude a small collection").triggers())
                .extracting(ConText.Trigger::category).contains(ConText.Category.UNC_PRE);
        // without the hedge the finding stays present
        assertThat(only("A subtle fracture of the scaphoid waist.", FRACTURE).assertion()).isEqualTo(Assertion.PRESENT);
    }

    @Test
    void opacificationOfTheMastoidOrMiddleEarIsNoLungOpacity() {
        assertThat(of("CT TEMPORAL BONES: Complete opacification of the right mastoid air cells and middle ear cavity.",
                LUNG_OPACITY)).isEmpty();
        assertThat(of("CT HEAD: No intracranial hemorrhage. Opacity of the right mastoid air cells.", LUNG_OPACITY))
                .isEmpty();
        // on a chest film an opacity stays the lung's
        assertThat(has("CHEST X-RAY: Patchy opacity at the right lung base.", LUNG_OPACITY, Assertion.PRESENT)).isTrue();
    }

    @Test
    void aMassAtTheMastoidIsNoBrainLesion() {
        String mastoid = "CT HEAD: The brain parenchyma is normal. An expansile mass in the right mastoid.";
        assertThat(of(mastoid, BRAIN_LESION)).isEmpty();
        assertThat(has(mastoid, MASS, Assertion.PRESENT)).isTrue();
        // a bare mass on a head exam is still the brain's
        assertThat(has("CT HEAD: Large right frontal mass with surrounding edema.", BRAIN_LESION, Assertion.PRESENT))
                .isTrue();
    }

    private static final String PULMONARY_INFILTRATE = "409609008";
    private static final String MAMMARY_DUCT_ECTASIA = "22049009";
    private static final String LUNG_MASS = "309529002";
    private static final String PULMONARY_EDEMA = "19242006";

    @Test
    void aTumourInfiltratingTissueOffTheLungIsNoPulmonaryInfiltrate() {
        assertThat(of("CT abdomen: pancreatic head carcinoma with soft tissue infiltration around the superior mesenteric "
                + "artery.", PULMONARY_INFILTRATE)).isEmpty();
        assertThat(of("Right thigh MRI: a soft tissue mass with infiltration of the adjacent vastus lateralis muscle.",
                PULMONARY_INFILTRATE)).isEmpty();
        // at a stated lung site, and on a chest film, it stays
        assertThat(has("CT abdomen: the lung bases show a patchy infiltrate in the right lower lobe.",
                PULMONARY_INFILTRATE, Assertion.PRESENT)).isTrue();
        assertThat(has("CHEST X-RAY: New left basilar infiltrate.", PULMONARY_INFILTRATE, Assertion.PRESENT)).isTrue();
    }

    @Test
    void pancreaticDuctEctasiaIsNoMammaryDuctEctasia() {
        assertThat(of("MRCP: side-duct ectasia of the main pancreatic duct.", MAMMARY_DUCT_ECTASIA)).isEmpty();
        assertThat(has("Left breast ultrasound: duct ectasia in the retroareolar region.", MAMMARY_DUCT_ECTASIA,
                Assertion.PRESENT)).isTrue();
    }

    @Test
    void limbsAndHollowOrgansNameTheirRegion() {
        // a mass of a limb or of the pelvis is no lung mass
        assertThat(of("Sagittal MRI of the left thigh: a lobulated heterogeneous mass in the adductor compartment.",
                LUNG_MASS)).isEmpty();
        assertThat(has("Sagittal MRI of the left thigh: a lobulated heterogeneous mass in the adductor compartment.",
                MASS, Assertion.PRESENT)).isTrue();
        assertThat(of("Ultrasound of the right forearm: a well-circumscribed mass deep to the flexor muscles.", LUNG_MASS))
                .isEmpty();
        assertThat(of("Pelvic MRI: a 6 cm solid mass abutting the posterior wall of the uterus.", LUNG_MASS)).isEmpty();
        // soft tissue oedema of a limb segment follows the MSK convention (issue 11ah: a sign, not a finding)
        assertThat(of("Subcutaneous soft tissue oedema of the upper arm.", "79654002")).isEmpty();
        // oedema of a limb is no pulmonary oedema
        assertThat(of("Axial STIR of the calf: diffuse subcutaneous edema without a collection.", PULMONARY_EDEMA))
                .isEmpty();
        // a lone mass with no regional word still takes the chest default
        assertThat(has("Frontal radiograph: a 4 cm mass projecting over the right hilum.", LUNG_MASS, Assertion.PRESENT))
                .isTrue();
    }

    private static final String HYDRONEPHROSIS = "43064006";
    private static final String ASCITES = "389026000";
    private static final String JOINT_EFFUSION = "387637008";
    private static final String ABSCESS = "128477000";
    private static final String CROHN = "34000006";

    @Test
    void aDashedTemplateLineTakesItsAnswer() {
        assertThat(only("Renal ultrasound. Hydronephrosis - absent. Calculi - none.", HYDRONEPHROSIS).assertion())
                .isEqualTo(Assertion.ABSENT);
        assertThat(only("Pelvis: free fluid \u2013 none.", ASCITES).assertion()).isEqualTo(Assertion.ABSENT);
        assertThat(only("Right kidney. Hydronephrosis - possible.", HYDRONEPHROSIS).assertion())
                .isEqualTo(Assertion.POSSIBLE);
        // a dash that joins two statements is no template: the answer words must be the whole value
        assertThat(only("Moderate hydronephrosis - no ureteric stone seen.", HYDRONEPHROSIS).assertion())
                .isEqualTo(Assertion.PRESENT);
    }

    @Test
    void aDashSetOffByBlanksEndsTheNegationScope() {
        String text = "No fracture - moderate joint effusion of the knee.";
        assertThat(only(text, JOINT_EFFUSION).assertion()).isEqualTo(Assertion.PRESENT);
        assertThat(only(text, FRACTURE).assertion()).isEqualTo(Assertion.ABSENT);
        // a hyphen inside a word does not
        assertThat(only("No large-volume joint effusion of the knee.", JOINT_EFFUSION).assertion())
                .isEqualTo(Assertion.ABSENT);
    }

    @Test
    void whatAFindingCannotBeToldFromIsPossible() {
        String text = "The collection cannot be distinguished from an abscess on this study.";
        assertThat(only(text, ABSCESS).assertion()).isEqualTo(Assertion.POSSIBLE);
        assertThat(only("Terminal ileal thickening indistinguishable from Crohn disease.", CROHN).assertion())
                .isEqualTo(Assertion.POSSIBLE);
        // what the image shows stays present
        assertThat(has("A complex renal cyst indistinguishable from an abscess.", "722223000", Assertion.PRESENT)).isTrue();
    }
}
