package org.radbridge.nlp.context;

import org.junit.jupiter.api.Test;
import org.radbridge.nlp.FindingMention.Assertion;
import org.radbridge.nlp.NlpMentionsTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11, helper 11v: the label conventions of session 24 (notes/s24/conventions.md) as the NLP emits them, and one
 * test per class of error fixed on the development sets. The sentences are new wording, not copied from an evaluation
 * set.
 */
class Issue11vRulesTest extends NlpMentionsTest {

    @Test
    void softTissueSwellingIsTheClinicalFindingNotOedema() {
        String s = "Marked soft tissue swelling about the medial malleolus; the bones are intact.";
        assertThat(has(s, "298349001", Assertion.PRESENT)).isTrue();
        assertThat(of(s, "79654002")).isEmpty();
        // oedema named as such stays oedema (off a limb: since issue 11az the forearm names the MSK region, where
        // soft tissue oedema is a sign, not a finding, issue 11ah)
        assertThat(has("Subcutaneous soft tissue oedema of the abdominal wall.", "79654002", Assertion.PRESENT)).isTrue();
    }

    @Test
    void anAbscessIsTheDisorderOrItsSiteSpecificConcept() {
        String s = "An early abscess cannot be excluded.";
        assertThat(only(s, "128477000").assertion()).isEqualTo(Assertion.POSSIBLE);
        assertThat(of(s, "44132006")).isEmpty();
        assertThat(has("Hepatic abscess in segment 6 measuring 3 cm.", "27916005", Assertion.PRESENT)).isTrue();
        assertThat(has("CT ABDOMEN AND PELVIS\nNo drainable abscess.", "75100008", Assertion.ABSENT)).isTrue();
    }

    @Test
    void reactiveAirwayDiseaseHasNoLabel() {
        String s = "Central bronchial wall thickening, which could be bronchiolitis or reactive airways disease.";
        assertThat(of(s, "195967001")).isEmpty();
        assertThat(of("Known reactive airway disease.", "195967001")).isEmpty();
    }

    @Test
    void diverticulitisOfTheColonIsTheLargeIntestineConcept() {
        assertThat(has("Inflamed diverticulum of the descending colon with pericolic stranding: diverticulitis.", "4494009",
                Assertion.PRESENT)).isTrue();
        assertThat(has("Extensive sigmoid diverticular disease without diverticulitis.", "4494009", Assertion.ABSENT)).isTrue();
        // no site stated: the general concept
        assertThat(has("Features are not those of diverticulitis.", "307496006", Assertion.ABSENT)).isTrue();
    }

    @Test
    void volumeLossOfALungIsNotAtelectasis() {
        for (String s : new String[]{"Right upper lobe scarring with volume loss, stable.", "Volume loss of the left lung.",
                "CHEST RADIOGRAPH\nApical pleural thickening and volume loss on the right."}) {
            assertThat(of(s, "46621007")).as(s).isEmpty();
            assertThat(of(s, "13331008")).as(s).isEmpty();
        }
        // collapse said in words is atelectasis
        assertThat(has("Left lower lobe collapse with volume loss.", "46621007", Assertion.PRESENT)).isTrue();
        // volume loss of the brain is unchanged
        assertThat(has("CT HEAD\nMild global volume loss.", "418143002", Assertion.PRESENT)).isTrue();
    }

    @Test
    void anOrogastricTubeIsTheEntericTube() {
        assertThat(has("OG tube terminates in the gastric antrum.", "25062003", Assertion.PRESENT)).isTrue();
        assertThat(has("The orogastric tube courses into the stomach.", "25062003", Assertion.PRESENT)).isTrue();
    }

    @Test
    void suspicionOfMalignancyIsAPossibleNeoplasm() {
        String s = "Irregular 2 cm lesion in the tail of the pancreas, concerning for malignancy.";
        assertThat(has(s, "108369006", Assertion.POSSIBLE)).isTrue();
    }

    @Test
    void aNormalHeartStatementDeniesCardiomegaly() {
        assertThat(has("Cardiac silhouette is within normal limits.", "8186001", Assertion.ABSENT)).isTrue();
        assertThat(has("The heart is not enlarged.", "8186001", Assertion.ABSENT)).isTrue();
    }

    @Test
    void contrastOpacificationOfVesselsIsNoLungOpacity() {
        String s = "CT PULMONARY ANGIOGRAM\nSatisfactory contrast opacification of the main and segmental pulmonary arteries. "
                + "Adequate opacification of the pulmonary arterial tree. No filling defect.";
        assertThat(of(s, "274533004")).isEmpty();
        // opacification of the lung itself stays an opacity
        assertThat(has("Patchy opacification of the right lower lobe.", "274533004", Assertion.PRESENT)).isTrue();
    }

    @Test
    void aFindingNoLongerVisualisedIsAbsent() {
        String s = "The small left lower lobe nodule described on the previous study is no longer visualised.";
        assertThat(of(s, "786838002")).allMatch(m -> m.assertion() == Assertion.ABSENT);
        assertThat(has(s, "786838002", Assertion.ABSENT)).isTrue();
    }

    @Test
    void apicalCappingIsPleuralThickening() {
        assertThat(has("Mild left apical capping, stable.", "73725006", Assertion.PRESENT)).isTrue();
    }

    @Test
    void reticularShadowingIsALungOpacityAndCcfIsHeartFailure() {
        assertThat(has("Fine reticular shadowing at both bases.", "274533004", Assertion.PRESENT)).isTrue();
        assertThat(has("Upper lobe diversion and small effusions, in keeping with CCF.", "42343007", Assertion.PRESENT)).isTrue();
    }

    @Test
    void lowerCaseFindingsDictatedAfterTheIndicationLineAreFindings() {
        String s = "cxr ap\nind: fever, ? chest infection\nno focal consolidation. small left pleural effusion.\nimp: left effusion";
        assertThat(has(s, "95436008", Assertion.ABSENT)).isTrue();
        assertThat(has(s, "60046008", Assertion.PRESENT)).isTrue();
        // the request itself stays a question, not a finding
        assertThat(of(s, "233604007")).isEmpty();
    }

    @Test
    void theSpacesAndQuadrantsOfTheAbdomenMakeAnAbdominalAbscess() {
        assertThat(only("The collection in the left iliac fossa may be an early abscess.", "75100008").assertion())
                .isEqualTo(Assertion.POSSIBLE);
        assertThat(has("Loculated abscess in the left paracolic gutter.", "75100008", Assertion.PRESENT)).isTrue();
    }

    @Test
    void abdominalWallHerniasAndUrinaryTractCalculiHaveTheirCodes() {
        assertThat(has("A fat-containing paraumbilical hernia.", "128545000", Assertion.PRESENT)).isTrue();
        assertThat(has("No urinary tract calculi.", "95566004", Assertion.ABSENT)).isTrue();
    }

    @Test
    void aPerforationIsAnIntestinalPerforation() {
        assertThat(has("Ruptured appendix with a contained perforation.", "56905009", Assertion.PRESENT)).isTrue();
        String s = "Perforated appendicitis with a small phlegmon.";
        assertThat(has(s, "56905009", Assertion.PRESENT)).isTrue();
        assertThat(has(s, "74400008", Assertion.PRESENT)).isTrue();
        assertThat(has("Caecal wall thickening without perforation.", "56905009", Assertion.ABSENT)).isTrue();
    }

    @Test
    void whiteMatterAndDemyelinatingLesionsAreNoBrainLesionOfTheirOwn() {
        String s = "MRI HEAD\nScattered deep white matter lesions.";
        assertThat(has(s, "RID39467", Assertion.PRESENT)).isTrue();
        assertThat(of(s, "301766008")).isEmpty();
        String t = "Several juxtacortical demyelinating lesions.";
        assertThat(has(t, "24700007", Assertion.PRESENT)).isTrue();
        assertThat(of(t, "301766008")).isEmpty();
        // "the lesion" points back to a finding already given
        assertThat(of("Moderate oedema around the lesion.", "301766008")).isEmpty();
    }

    @Test
    void anInfarctInTheLungIsAPulmonaryInfarct() {
        String s = "CT PULMONARY ANGIOGRAM\nSegmental emboli on the right. Pleural-based wedge of consolidation in the right lower "
                + "lobe, likely a small infarct.";
        assertThat(has(s, "64662007", Assertion.POSSIBLE)).isTrue();
        assertThat(of(s, "432504007")).isEmpty();
        assertThat(has("CT HEAD\nOld right occipital infarct.", "432504007", Assertion.PRESENT)).isTrue();
    }

    @Test
    void infectiveLungChangeHaemarthrosisAndWedgeCompressionHaveTheirCodes() {
        assertThat(has("Left basal consolidation, probably infective.", "233604007", Assertion.POSSIBLE)).isTrue();
        assertThat(has("Depressed tibial plateau fracture with a lipohemarthrosis.", "387637008", Assertion.PRESENT)).isTrue();
        assertThat(has("Mild anterior wedge compression of L1, old.", "42942008", Assertion.PRESENT)).isTrue();
    }

    @Test
    void anIndeterminateNoduleIsThereAndAnUnassessableFindingIsNoFinding() {
        assertThat(has("Indeterminate 9 mm solid nodule in the lingula.", "786838002", Assertion.PRESENT)).isTrue();
        assertThat(of("Supine film: cardiomegaly cannot be reliably assessed.", "8186001")).isEmpty();
    }

    @Test
    void aFindingWhoseAlternativeHasNoLabelIsStillHedged() {
        String s = "Bilateral peribronchial cuffing, in keeping with a viral infection or reactive airway disease.";
        assertThat(has(s, "233604007", Assertion.POSSIBLE)).isTrue();
        assertThat(has(s, "233604007", Assertion.PRESENT)).isFalse();
        // a stated finding with no alternative stays present
        assertThat(has("Right basal consolidation in keeping with infection.", "233604007", Assertion.PRESENT)).isTrue();
    }

    @Test
    void commonDroppedLetterMisspellingsAreRead() {
        assertThat(has("No pnemothorax.", "36118008", Assertion.ABSENT)).isTrue();
        assertThat(has("Mild cardiomegly.", "8186001", Assertion.PRESENT)).isTrue();
    }

    @Test
    void aFindingNamedOnceAfterTwoJoinedSitesIsAtBoth() {
        // the ureteric one is urolithiasis, which the renal stone (a kind of it) stands for in the same sentence
        String s = "CT KUB: no renal or ureteric calculus on either side.";
        assertThat(has(s, "386103008", Assertion.ABSENT)).isTrue();
        assertThat(nlp.analyze("t", s).mentions()).allMatch(m -> m.assertion() == Assertion.ABSENT);
        // one site: one finding
        assertThat(of("A 4 mm ureteric calculus on the left.", "386103008")).isEmpty();
    }

    @Test
    void anAbdominalOrganSubHeadingNamesTheSiteOfItsText() {
        String s = "US ABDOMEN\nFINDINGS:\nLiver: Homogeneous echotexture. No focal lesion.\nSpleen: 9 cm.";
        assertThat(has(s, "300331000", Assertion.ABSENT)).isTrue();
        assertThat(of(s, "52988006")).isEmpty();
    }

    @Test
    void manyLungNodulesMakeAChestSentence() {
        assertThat(has("Numerous bilateral pulmonary nodules, in keeping with metastatic disease.", "94391008",
                Assertion.PRESENT)).isTrue();
    }

    @Test
    void aPleuralCatheterIsAChestTubeAndFibrocalcificLesionsAreFibrosis() {
        assertThat(has("Small-bore pigtail catheter within the left pleural space.", "RID5573", Assertion.PRESENT)).isTrue();
        assertThat(has("Fibrocalcific lesions at both apices, old healed infection.", "51615001", Assertion.PRESENT)).isTrue();
    }

    @Test
    void aTibialFractureIsALowerLimbFractureButAnAnkleFibulaFractureStaysAnAnkleFracture() {
        assertThat(has("Spiral fracture of the mid tibia.", "46866001", Assertion.PRESENT)).isTrue();
        assertThat(has("Depressed fracture of the medial tibial plateau.", "428257007", Assertion.PRESENT)).isTrue();
        assertThat(has("XR ANKLE\nMinimally displaced fracture of the distal fibula.", "16114001", Assertion.PRESENT)).isTrue();
    }

    @Test
    void aPostHedgeAfterACommaHedgesItsOwnClauseOnly() {
        String s = "Enlarged bilateral hilar lymph nodes, sarcoidosis a consideration.";
        assertThat(has(s, "233604007", Assertion.PRESENT)).isFalse();
        assertThat(only("Large anterior mediastinal mass, lymphoma or thymoma are considerations.", "94147001").assertion())
                .isEqualTo(Assertion.PRESENT);
        assertThat(has("Right basal opacity, infection cannot be excluded.", "274533004", Assertion.PRESENT)).isTrue();
        assertThat(has("Right basal opacity, infection cannot be excluded.", "233604007", Assertion.POSSIBLE)).isTrue();
        // without a comma the post hedge still reaches back
        assertThat(has("A small pneumothorax cannot be excluded.", "36118008", Assertion.POSSIBLE)).isTrue();
    }

    @Test
    void andWithAnArticleOpensANewItemThatAnEarlierHedgeDoesNotReach() {
        String s = "Left basal shadowing which may represent collapse, and a moderate left effusion.";
        assertThat(has(s, "60046008", Assertion.PRESENT)).isTrue();
        assertThat(has(s, "46621007", Assertion.POSSIBLE)).isTrue();
    }
}
