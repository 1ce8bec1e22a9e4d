package org.radbridge.nlp;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.radbridge.nlp.terms.RadiologyLexicon;
import org.radbridge.terminology.Terminology;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class RadiologyNlpTest {

    private static RadiologyNlp nlp;

    @BeforeAll
    static void setUp() {
        nlp = new RadiologyNlp();
    }

    @AfterAll
    static void tearDown() {
        nlp.close();
    }

    private static FindingMention only(String text, String code) {
        List<FindingMention> ms = nlp.analyze("t", text).mentions().stream().filter(m -> code.equals(m.conceptCode())).toList();
        assertThat(ms).as("%s in %s", code, text).hasSize(1);
        return ms.get(0);
    }

    static final String PTX = "36118008", EFFUSION = "60046008", NODULE = "27925004", LUNG_NODULE = "786838002",
            MASS = "4147007", CARDIOMEGALY = "8186001", EDEMA = "19242006", PE = "59282003", CARCINOMA = "1187425009";

    @Test
    void negationScopeCoversListsButNotAcrossTerminators() {
        assertThat(only("No pneumothorax or pleural effusion.", PTX).assertion()).isEqualTo(FindingMention.Assertion.ABSENT);
        assertThat(only("No pneumothorax or pleural effusion.", EFFUSION).assertion()).isEqualTo(FindingMention.Assertion.ABSENT);
        assertThat(only("No pneumothorax; small pleural effusion.", EFFUSION).assertion()).isEqualTo(FindingMention.Assertion.PRESENT);
        assertThat(only("No pleural effusion, but there is a small pneumothorax.", PTX).assertion()).isEqualTo(FindingMention.Assertion.PRESENT);
        assertThat(only("Cardiomegaly without pulmonary edema.", CARDIOMEGALY).assertion()).isEqualTo(FindingMention.Assertion.PRESENT);
        assertThat(only("Cardiomegaly without pulmonary edema.", EDEMA).assertion()).isEqualTo(FindingMention.Assertion.ABSENT);
        assertThat(only("Pneumothorax is not seen.", PTX).assertion()).isEqualTo(FindingMention.Assertion.ABSENT);
    }

    @Test
    void pseudoNegationDoesNotNegate() {
        assertThat(only("No change in the small left pleural effusion.", EFFUSION).assertion()).isEqualTo(FindingMention.Assertion.PRESENT);
        assertThat(only("Not only a pleural effusion but also a pneumothorax.", EFFUSION).assertion()).isEqualTo(FindingMention.Assertion.PRESENT);
        assertThat(only("No interval change in the 6 mm nodule.", LUNG_NODULE).assertion()).isEqualTo(FindingMention.Assertion.PRESENT);
    }

    @Test
    void uncertainty() {
        for (String s : List.of("Cannot exclude pulmonary embolism.", "Pulmonary embolism cannot be excluded.",
                "Findings may represent pulmonary embolism.", "Suspicious for pulmonary embolism.",
                "Likely pulmonary embolism.", "Pulmonary embolism is suspected.")) {
            assertThat(only(s, PE).assertion()).as(s).isEqualTo(FindingMention.Assertion.POSSIBLE);
        }
        // issue 11: a question is no finding of the report
        assertThat(nlp.analyze("q", "Evaluate for pulmonary embolism.").mentions()).isEmpty();
        assertThat(only("No evidence of pulmonary embolism.", PE).assertion()).isEqualTo(FindingMention.Assertion.ABSENT);
        assertThat(only("Findings consistent with pulmonary embolism.", PE).assertion()).isEqualTo(FindingMention.Assertion.PRESENT);
    }

    @Test
    void historyAndFamily() {
        FindingMention h = only("History of lung cancer.", CARCINOMA);
        assertThat(h.temporality()).isEqualTo(FindingMention.Temporality.HISTORICAL);
        assertThat(h.subject()).isEqualTo(FindingMention.Subject.PATIENT);
        assertThat(only("Status post resection of a carcinoma.", CARCINOMA).temporality()).isEqualTo(FindingMention.Temporality.HISTORICAL);
        assertThat(only("Prior pulmonary embolism.", PE).temporality()).isEqualTo(FindingMention.Temporality.HISTORICAL);
        FindingMention f = only("Family history of breast cancer.", CARCINOMA);
        assertThat(f.subject()).isEqualTo(FindingMention.Subject.FAMILY);
        assertThat(f.assertion()).isEqualTo(FindingMention.Assertion.PRESENT);
        assertThat(only("Mother had breast cancer.", CARCINOMA).subject()).isEqualTo(FindingMention.Subject.FAMILY);
        assertThat(only("Stable pulmonary embolism.", PE).temporality()).isEqualTo(FindingMention.Temporality.CURRENT);
    }

    @Test
    void laterality() {
        assertThat(only("Small left pleural effusion.", EFFUSION).laterality()).isEqualTo("left");
        assertThat(only("Pleural effusion on the right.", EFFUSION).laterality()).isEqualTo("right");
        assertThat(only("Bilateral pleural effusions.", EFFUSION).laterality()).isEqualTo("bilateral");
        assertThat(only("Pleural effusions, left greater than right.", EFFUSION).laterality()).isEqualTo("bilateral");
        // "left upper lobe" is a lung site: the nodule is a lung nodule (refinements)
        assertThat(only("Nodule in the left upper lobe.", "786838002").laterality()).isEqualTo("left");
        assertThat(only("Cardiomegaly.", CARDIOMEGALY).laterality()).isNull();
        List<FindingMention> two = nlp.analyze("t", "Small left pleural effusion and right pneumothorax.").mentions();
        assertThat(two).extracting(FindingMention::laterality).containsExactly("left", "right");
    }

    @Test
    void theSideBeforeTheNextFindingIsThatFindingsOwn() {
        List<FindingMention> withClause = nlp.analyze("t", "Moderate cardiomegaly with a small right effusion.").mentions();
        assertThat(withClause).extracting(FindingMention::conceptCode).containsExactly(CARDIOMEGALY, EFFUSION);
        assertThat(withClause).extracting(FindingMention::laterality).containsExactly(null, "right");
        List<FindingMention> andClause = nlp.analyze("t", "Pneumothorax at the left apex and right pleural effusion.").mentions();
        assertThat(andClause).extracting(FindingMention::laterality).containsExactly("left", "right");
        // "left and right" is one side phrase, not the clause of the next finding
        List<FindingMention> both = nlp.analyze("t", "Effusions in the left and right hemithorax with cardiomegaly.").mentions();
        assertThat(both).extracting(FindingMention::laterality).containsExactly("bilateral", null);
    }

    @Test
    void measurementsInMillimetresOnTheNearestFinding() {
        FindingMention m = only("There is a 3.2 x 1.5 cm mass in the left upper lobe.", "309529002");
        assertThat(m.dimensionsMm()).containsExactly(new BigDecimal("32"), new BigDecimal("15"));
        assertThat(m.measurementMm()).isEqualByComparingTo("32");
        // lone statements without a regional word: chest ones, so lung nodules (issue 11aq)
        assertThat(only("A 4 mm nodule.", LUNG_NODULE).dimensionsMm()).containsExactly(new BigDecimal("4"));
        assertThat(only("Nodule measuring 1.2cm.", LUNG_NODULE).dimensionsMm()).containsExactly(new BigDecimal("12"));
        assertThat(only("Nodule of 2.1 cm x 1.4 cm x 9 mm.", LUNG_NODULE).dimensionsMm())
                .containsExactly(new BigDecimal("21"), new BigDecimal("14"), new BigDecimal("9"));
        assertThat(only("A 6-mm nodule.", LUNG_NODULE).dimensionsMm()).containsExactly(new BigDecimal("6"));
        assertThat(only("A 0.5 cm nodule.", LUNG_NODULE).dimensionsMm()).containsExactly(new BigDecimal("5"));
        List<FindingMention> two = nlp.analyze("t", "A 5 mm nodule and a 2 cm mass.").mentions();
        assertThat(two).extracting(FindingMention::measurementMm).containsExactly(new BigDecimal("5"), new BigDecimal("20"));
        assertThat(only("Cardiomegaly.", CARDIOMEGALY).measurementMm()).isNull();
        String json = NlpJson.mention(m);
        assertThat(json).contains("\"measurement\":{\"value\":32,\"unit\":\"mm\"},\"dimensions\":[32,15]}");
    }

    @Test
    void sectionsOfAReport() {
        String report = "EXAMINATION: CT CHEST\nCLINICAL HISTORY: Evaluate for pulmonary embolism.\n"
                + "TECHNIQUE: Contrast enhanced CT.\nCOMPARISON: Prior CT with a nodule.\nFINDINGS:\n"
                + "No pulmonary embolism. Small right pleural effusion.\nIMPRESSION:\n1. Small right pleural effusion.\n"
                + "2. No pneumothorax.\n";
        NlpResult r = nlp.analyze("rep", report);
        assertThat(r.mentions()).extracting(FindingMention::section)
                .containsExactly("comparison", "findings", "findings", "impression", "impression");
        // the history's "Evaluate for pulmonary embolism" is a question (issue 11): no mention
        assertThat(r.mentions().get(1).assertion()).isEqualTo(FindingMention.Assertion.ABSENT);
        assertThat(r.mentions().get(4).assertion()).isEqualTo(FindingMention.Assertion.ABSENT);
        assertThat(r.impression()).startsWith("1. Small right pleural effusion.");
        for (FindingMention m : r.mentions()) {
            assertThat(report.substring(m.start(), m.end())).isEqualTo(m.text());
        }
        assertThat(nlp.analyze("x", "Cardiomegaly.").mentions().get(0).section()).isEqualTo("findings");
    }

    @Test
    void reportLevelCategories() {
        assertThat(Categories.biRads("IMPRESSION: Suspicious mass. BI-RADS 4A: suspicious.")).isEqualTo("4A");
        assertThat(Categories.biRads("ASSESSMENT: BI-RADS Category 2 - Benign.")).isEqualTo("2");
        assertThat(Categories.biRads("BIRADS: 0")).isEqualTo("0");
        assertThat(Categories.biRads("ACR BI-RADS® category 6")).isEqualTo("6");
        assertThat(Categories.biRads("No assessment given.")).isNull();
        assertThat(Categories.lungRads("Lung-RADS 4X.")).isEqualTo("4X");
        assertThat(Categories.lungRads("Lung-RADS category 2: benign appearance.")).isEqualTo("2");
        assertThat(Categories.lungRads("LungRADS 4B")).isEqualTo("4B");
        assertThat(Categories.lungRads("Lung-RADS v2022 3")).isEqualTo("3");
        assertThat(Categories.lungRads("Lung-RADS 1S")).isEqualTo("1S");
        NlpResult r = nlp.analyze("m", "FINDINGS: Breast mass.\nIMPRESSION: BI-RADS 5.");
        assertThat(r.biRads()).isEqualTo("5");
        assertThat(r.lungRads()).isNull();
    }

    @Test
    void abbreviationsAndRadlexOnlyConcepts() {
        assertThat(only("Small PTX.", PTX).text()).isEqualTo("PTX");
        assertThat(only("CHF.", "42343007").display()).isEqualTo("Congestive heart failure");
        FindingMention ggo = only("Bilateral GGO.", "RID28531");
        assertThat(ggo.conceptSystem()).isEqualTo("http://radlex.org");
        assertThat(ggo.snomedCode()).isNull();
        assertThat(only("Pleural effusion.", EFFUSION).radlexId()).isEqualTo("RID34539");
        assertThat(NlpJson.mention(only("No pneumothorax.", PTX))).isEqualTo(
                "{\"report\":\"t\",\"start\":3,\"end\":15,\"text\":\"pneumothorax\",\"concept\":{\"system\":"
                        + "\"http://snomed.info/sct\",\"code\":\"36118008\",\"display\":\"Pneumothorax\"},\"radlex\":\"RID5352\","
                        + "\"assertion\":\"absent\",\"temporality\":\"current\",\"subject\":\"patient\",\"section\":"
                        + "\"findings\",\"laterality\":null,\"measurement\":null,\"dimensions\":[]}");
        assertThat(nlp.analyze("t", "No mass effect.").mentions()).isEmpty();
        assertThat(only("Complete ACL tear.", "444470001").assertion()).isEqualTo(FindingMention.Assertion.PRESENT);
        assertThat(only("No SBO.", "281255004").assertion()).isEqualTo(FindingMention.Assertion.ABSENT);
        assertThat(only("Findings suggest ILD.", "233703007").assertion()).isEqualTo(FindingMention.Assertion.POSSIBLE);
        assertThat(only("Known DJD of the knee.", "396275006").radlexId()).isEqualTo("RID3555");
    }

    @Test
    void generalFindingAtASiteIsTheSiteSpecificConcept() {
        FindingMention liver = only("Hypodense lesion in the liver.", "300331000");
        assertThat(liver.display()).isEqualTo("Lesion of liver");
        assertThat(liver.bodySiteSnomed()).isEqualTo("10200004");
        assertThat(only("Oblique tear of the posterior horn of the medial meniscus.", "239720000").assertion())
                .isEqualTo(FindingMention.Assertion.PRESENT);
        assertThat(only("Intrasubstance signal in the lateral meniscus, possibly representing a small tear.", "239720000")
                .assertion()).isEqualTo(FindingMention.Assertion.POSSIBLE);
        // without a site the general concept stays
        assertThat(only("Small lesion, no change.", "52988006").bodySiteSnomed()).isNull();
    }

    @Test
    void onlyAnOrganHeadingsColonReadsAsABlank() {
        // a colon inside a time or a ratio, or one with no blank after it, is no heading; the length stays
        assertThat(RadiologyNlp.headingColonsAsBlanks("at 10:30, ratio 1:2. Liver: normal\nSpleen:\nnormal"))
                .isEqualTo("at 10:30, ratio 1:2. Liver  normal\nSpleen \nnormal");
        assertThat(RadiologyNlp.headingColonsAsBlanks("No colon here")).isEqualTo("No colon here");
    }

    @Test
    void bodySiteIsTheNearestAnatomyInTheClause() {
        FindingMention m = only("Cyst in the liver.", "85057007"); // refined at its site: Liver cyst (session 37)
        assertThat(m.bodySiteSnomed()).isEqualTo("10200004");
        assertThat(m.bodySiteDisplay()).isEqualTo("Liver");
    }

    @Test
    void emptyAndBlankInput() {
        assertThat(nlp.analyze("e", "").mentions()).isEmpty();
        assertThat(nlp.analyze("e", "   \n ").mentions()).isEmpty();
        assertThat(nlp.analyze("e", null).mentions()).isEmpty();
        assertThat(nlp.analyze("e", "Normal study.").mentions()).isEmpty();
    }

    @Test
    void oneMegabyteReportFinishes() {
        String para = "FINDINGS: There is a 4 mm nodule in the right upper lobe. No pneumothorax or pleural effusion. "
                + "Cardiomegaly without pulmonary edema. Cannot exclude pulmonary embolism.\n";
        StringBuilder sb = new StringBuilder(1 << 20);
        while (sb.length() < (1 << 20)) sb.append(para);
        long t0 = System.nanoTime();
        NlpResult r = nlp.analyze("big", sb.toString());
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf("1 MB report (%d chars): %d mentions in %.2f s%n", sb.length(), r.mentions().size(), s);
        assertThat(r.mentions().size()).isGreaterThan(35_000);
    }

    @Test
    void throughputOnSyntheticReports() {
        List<String> reports = syntheticReports(500, 42);
        double avg = reports.stream().mapToInt(String::length).average().orElse(0);
        for (int i = 0; i < 50; i++) nlp.analyze("w", reports.get(i));
        long mentions = 0;
        long t0 = System.nanoTime();
        for (String r : reports) mentions += nlp.analyze("r", r).mentions().size();
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf("RadiologyNlp throughput: %d reports (avg %.0f chars) in %.2f s = %.1f reports/s single thread, %d mentions%n",
                reports.size(), avg, s, reports.size() / s, mentions);
        assertThat(mentions).isPositive();
    }

    static List<String> syntheticReports(int n, long seed) {
        String[] findings = {
                "There is a small right pneumothorax measuring 1.2 cm at the apex.",
                "No pneumothorax or pleural effusion is identified.",
                "Cardiomegaly without pulmonary edema.",
                "Cannot exclude pulmonary embolism in the left lower lobe.",
                "Stable 6 mm nodule in the right upper lobe, unchanged from prior.",
                "Bilateral pleural effusions, left greater than right.",
                "The lungs are clear. The cardiomediastinal silhouette is within normal limits.",
                "History of lung cancer, status post resection.",
                "Mediastinal lymphadenopathy, suspicious for metastatic disease.",
                "A 3.2 x 1.5 cm mass in the left upper lobe.",
                "No change in the small left pleural effusion.",
                "Mild atherosclerotic calcifications of the aorta.",
                "Ground glass opacities in both lungs, may represent edema."
        };
        Random rnd = new Random(seed);
        List<String> out = new java.util.ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            StringBuilder sb = new StringBuilder(1700);
            sb.append("EXAMINATION: CT CHEST WITH CONTRAST\nCLINICAL HISTORY: Shortness of breath. Evaluate for pulmonary embolism.\n");
            sb.append("COMPARISON: CT from six months earlier.\nTECHNIQUE: Axial images with contrast.\nFINDINGS:\n");
            while (sb.length() < 1330) {
                sb.append(findings[rnd.nextInt(findings.length)]).append(rnd.nextInt(4) == 0 ? "\n" : " ");
            }
            sb.append("\nIMPRESSION:\n1. ").append(findings[rnd.nextInt(findings.length)])
                    .append("\n2. ").append(findings[rnd.nextInt(findings.length)]).append('\n');
            out.add(sb.toString());
        }
        return out;
    }

    @Test
    void terminologyFilesLoadAndHaveEnoughConcepts() throws Exception {
        Path dir = Path.of(System.getProperty("radbridge.home", ".."), "terminology", "codesystems");
        if (!Files.isDirectory(dir)) dir = Path.of("..", "terminology", "codesystems");
        // the whole directory still loads with the terminology module's loader (every row has a source)
        Terminology t = Terminology.load(dir);
        long radiology = t.all().stream().filter(c -> c.source().contains("DICOM PS3.16 CID")
                || c.source().contains("RSNA/RadLex") || c.source().contains("findingmodels")).count();
        assertThat(radiology).isGreaterThanOrEqualTo(150);
        RadiologyLexicon fromDir = RadiologyLexicon.fromDirectory(dir);
        RadiologyLexicon packaged = RadiologyLexicon.fromClasspath();
        assertThat(fromDir.concepts()).hasSameSizeAs(packaged.concepts());
        assertThat(packaged.bySnomed(EFFUSION).orElseThrow().radlexId()).isEqualTo("RID34539");
        assertThat(packaged.concepts().stream().filter(c -> !c.anatomy()).count()).isGreaterThanOrEqualTo(75);
        assertThat(packaged.terms(packaged.bySnomed(PTX).orElseThrow())).contains("ptx", "pneumothoraces");
    }
}
