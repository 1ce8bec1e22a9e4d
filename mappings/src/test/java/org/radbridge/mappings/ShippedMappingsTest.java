package org.radbridge.mappings;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.radbridge.terminology.Terminology;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The mapping files as shipped: they validate, every rule is exercised, and the generator's study descriptions map. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ShippedMappingsTest {
    private Path home;
    private MappingSet mappings;

    @BeforeAll
    void load() throws Exception {
        home = Path.of(System.getProperty("radbridge.home", ".."));
        Terminology terminology = Terminology.load(home.resolve("terminology/codesystems"));
        MappingSet.Validation v = MappingSet.validate(home.resolve("mappings"), terminology);
        assertThat(v.errors()).isEmpty();
        mappings = v.mappings();
    }

    @Test
    void everyRuleFiresOnItsExampleAfterTheEarlierRules() {
        List<Rule> rules = mappings.rules("procedure");
        assertThat(rules).isNotEmpty();
        for (int i = 0; i < rules.size(); i++) {
            String s = rules.get(i).example();
            for (int j = 0; j < i; j++) s = rules.get(j).apply(s);
            assertThat(rules.get(i).matches(s)).as("rule %s on '%s'", rules.get(i).where(), s).isTrue();
            assertThat(rules.get(i).apply(s)).as("rule %s changes '%s'", rules.get(i).where(), s).isNotEqualTo(s);
        }
    }

    /** Every description the synthetic PACS generator writes, with the key the rules make of it and the LOINC code. */
    @Test
    void theGeneratorsStudyDescriptionsNormaliseAndMap() throws Exception {
        Map<String, String[]> expected = new LinkedHashMap<>();
        expected.put("CT CHEST W/O CONTRAST", new String[] {"CT CHEST WO", "29252-4"});
        expected.put("CT THORAX NATIVE", new String[] {"CT CHEST WO", "29252-4"});
        expected.put("CT CHEST WITH CONTRAST", new String[] {"CT CHEST W", "24628-0"});
        expected.put("CT CHEST LOW DOSE SCREENING", new String[] {"CT CHEST LOW DOSE SCREENING", "29252-4"});
        expected.put("CT ABD/PELVIS W CONTRAST", new String[] {"CT ABDOMEN PELVIS W", "36813-4"});
        expected.put("CT A/P W/ IV CONTRAST", new String[] {"CT ABDOMEN PELVIS W", "36813-4"});
        expected.put("CT ABDOMEN PELVIS WO", new String[] {"CT ABDOMEN PELVIS WO", "36952-0"});
        expected.put("CT HEAD W/O CONTRAST", new String[] {"CT HEAD WO", "30799-1"});
        expected.put("CT BRAIN NATIVE", new String[] {"CT BRAIN WO", "30799-1"});
        expected.put("MRI BRAIN W/WO", new String[] {"MR BRAIN WWO", "24587-8"});
        expected.put("MR BRAIN WITHOUT CONTRAST", new String[] {"MR BRAIN WO", "30657-1"});
        expected.put("MR HEAD W AND WO CONTRAST", new String[] {"MR HEAD WWO", "24587-8"});
        expected.put("MR KNEE LT", new String[] {"MR KNEE LEFT", "36508-0"});
        expected.put("MR KNEE RT", new String[] {"MR KNEE RIGHT", "36510-6"});
        expected.put("MRI LEFT KNEE WO CONTRAST", new String[] {"MR KNEE LEFT WO", "36508-0"});
        expected.put("MRI RIGHT KNEE WO CONTRAST", new String[] {"MR KNEE RIGHT WO", "36510-6"});
        expected.put("MR ABDOMEN W/WO (LIVER)", new String[] {"MR ABDOMEN WWO", "24557-1"});
        expected.put("XR CHEST 2V", new String[] {"XR CHEST 2 VIEWS", "36643-5"});
        expected.put("CHEST PA AND LAT", new String[] {"XR CHEST 2 VIEWS", "36643-5"});
        expected.put("XR CHEST 1 VIEW PORTABLE", new String[] {"XR CHEST 1 VIEW PORTABLE", "36589-0"});
        expected.put("XR KNEE 3V LT", new String[] {"XR KNEE 3 VIEWS LEFT", "30788-4"});
        expected.put("XR KNEE 3V RT", new String[] {"XR KNEE 3 VIEWS RIGHT", "30788-4"});
        expected.put("KNEE LEFT 2 VIEWS", new String[] {"XR KNEE LEFT 2 VIEWS", "26395-4"});
        expected.put("KNEE RIGHT 2 VIEWS", new String[] {"XR KNEE RIGHT 2 VIEWS", "26396-2"});
        expected.put("US ABDOMEN COMPLETE", new String[] {"US ABDOMEN COMPLETE", "24558-9"});
        expected.put("US ABD LTD RUQ", new String[] {"US ABDOMEN LIMITED RUQ", "24532-4"});
        expected.put("US THYROID", new String[] {"US THYROID", "25010-0"});
        expected.put("US SOFT TISSUE HEAD/NECK (THYROID)", new String[] {"US SOFT TISSUE HEAD/NECK (THYROID)", "25010-0"});

        // the table covers every description in the generator's exams.csv
        List<String> generated = new ArrayList<>();
        for (String line : Files.readAllLines(home.resolve("bench/src/main/resources/generate/exams.csv"))) {
            if (line.startsWith("#") || line.startsWith("modality,")) continue;
            String d = line.split(",")[1];
            for (String[] side : new String[][] {{"LT", "LEFT", "L"}, {"RT", "RIGHT", "R"}}) {
                generated.add(d.replace("{LT}", side[0]).replace("{LEFT}", side[1]).replace("{L}", side[2]));
            }
        }
        assertThat(expected.keySet()).containsAll(generated);

        expected.forEach((description, want) -> {
            MappingSet.Resolution r = mappings.resolve("procedure", description, null);
            assertThat(r.key()).as(description).isEqualTo(want[0]);
            if (want[1] == null) assertThat(r.mapped()).as(description).isFalse();
            else assertThat(r.target().code()).as(description).isEqualTo(want[1]);
        });
    }

    @Test
    void theOtherFieldsMap() {
        assertThat(mappings.lookup("modality", "ct")).get().extracting(MappingTarget::code).isEqualTo("CT");
        assertThat(mappings.lookup("body_part", "CHEST")).get().extracting(MappingTarget::code).isEqualTo("816094009");
        assertThat(mappings.lookup("gender", "F")).get().extracting(MappingTarget::conceptId).isEqualTo(8532);
        assertThat(mappings.lookup("report_status", "preliminary")).get().extracting(MappingTarget::code).isEqualTo("preliminary");
        assertThat(mappings.lookup("device", "SIEMENS^SOMATOM Force")).get().extracting(MappingTarget::code).isEqualTo("SIEMENS-SOMATOM-FORCE");
        assertThat(mappings.lookup("finding", "Pneumothorax")).get().extracting(MappingTarget::code).isEqualTo("36118008");
        // procedure codes beyond the generator's descriptions, reached through the rules
        assertThat(mappings.resolve("procedure", "CT HEAD W/ CONTRAST", null).target().code()).isEqualTo("24727-0");
        assertThat(mappings.resolve("procedure", "MR BRAIN WITH CONTRAST", null).target().code()).isEqualTo("24589-4");
        assertThat(mappings.resolve("procedure", "CT ABDOMEN W/O CONTRAST", null).target().code()).isEqualTo("36424-0");
    }

    /** finding.csv is the NLP terminology seen as a mapping: every finding concept, its synonyms and abbreviations. */
    @Test
    void findingTermsFollowTheNlpTerminology() throws Exception {
        assertThat(mappings.lookup("finding", "PTX")).get().extracting(MappingTarget::code).isEqualTo("36118008");
        assertThat(mappings.lookup("finding", "ground glass opacities")).get().extracting(MappingTarget::code).isEqualTo("RID28531");
        assertThat(mappings.lookup("finding", "consolidation")).get().extracting(MappingTarget::code).isEqualTo("95436008");
        // a RadLex term linked to SNOMED CT by the crosswalk maps to the SNOMED CT code
        assertThat(mappings.lookup("finding", "enlarged spleen")).get().extracting(MappingTarget::code).isEqualTo("16294009");
        java.util.Set<String> anatomy = new java.util.HashSet<>();
        java.util.List<String[]> findings = new java.util.ArrayList<>();
        try (var r = Files.newBufferedReader(home.resolve("terminology/codesystems/radiology-findings.csv"))) {
            for (var row : org.radbridge.terminology.CsvReader.read(r).rows()) {
                String key = row.get("vocabulary_id") + "|" + row.get("concept_code");
                if (row.get("domain_id").equals("Spec Anatomic Site") || row.get("concept_class_id").equals("Qualifier Value")) anatomy.add(key);
                else findings.add(new String[]{row.get("vocabulary_id"), row.get("concept_code"), row.get("concept_name")});
            }
        }
        assertThat(findings).hasSizeGreaterThan(150);
        for (String[] f : findings) {
            assertThat(mappings.lookup("finding", f[2])).as("finding.csv row for %s %s", f[1], f[2]).isPresent();
        }
        assertThat(mappings.lookup("finding", "liver")).as("anatomy is not a finding").isEmpty();
    }

    /** The worked example of mappings/README.md, step 3b, done to a copy of the shipped files. */
    @Test
    void theReadmeWorkedExampleWorks(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        try (var s = Files.list(home.resolve("mappings"))) {
            for (Path p : s.filter(p -> p.toString().endsWith(".csv")).toList()) Files.copy(p, dir.resolve(p.getFileName()));
        }
        Path rules = dir.resolve("study-description-rules.csv");
        String text = Files.readString(rules)
                .replace("50,\\b(W/O|WITHOUT|NATIVE|NON-CONTRAST)\\b,", "50,\\b(W/O|WITHOUT|NATIVE|NATIV|NON-CONTRAST)\\b,")
                + "25,^MRT\\b,MR,MRT SCHAEDEL NATIV,German MRT = MR\n"
                + "35,\\bSCHAEDEL\\b,BRAIN,MR SCHAEDEL NATIV,German Schaedel (skull) examinations are brain MR\n";
        assertThat(text).contains("NATIVE|NATIV|");
        Files.writeString(rules, text);
        MappingSet.Validation v = MappingSet.validate(dir, Terminology.load(home.resolve("terminology/codesystems")));
        assertThat(v.errors()).isEmpty();
        MappingSet.Resolution r = v.mappings().resolve("procedure", "MRT SCHAEDEL NATIV", null);
        assertThat(r.key()).isEqualTo("MR BRAIN WO");
        assertThat(r.target().code()).isEqualTo("30657-1");
        assertThat(mappings.resolve("procedure", "MRT SCHAEDEL NATIV", null).mapped()).isFalse();
    }

    /**
     * The BodyPartExamined defined terms seen most in practice (PS3.16 Annex L) all map to a SNOMED CT
     * code of the terminology, and every anatomy row names the published copy of Annex L it came from.
     */
    @Test
    void bodyPartExaminedCoversTheCommonDefinedTerms() throws Exception {
        List<String> common = List.of("ABDOMEN", "ABDOMENPELVIS", "ADRENAL", "ANKLE", "AORTA", "ARM", "AXILLA", "BACK", "BLADDER",
                "BRAIN", "BREAST", "BRONCHUS", "BUTTOCK", "CALCANEUS", "CALF", "CAROTID", "CEREBELLUM", "CERVIX", "CHEST",
                "CHESTABDOMEN", "CHESTABDPELVIS", "CLAVICLE", "COCCYX", "COLON", "CORONARYARTERY", "CSPINE", "CTSPINE", "DUODENUM",
                "ELBOW", "ESOPHAGUS", "EXTREMITY", "EYE", "FACE", "FEMUR", "FINGER", "FOOT", "FOREARM", "GALLBLADDER", "HAND",
                "HEAD", "HEADNECK", "HEART", "HIP", "HUMERUS", "JAW", "KIDNEY", "KNEE", "LIVER", "LSPINE", "LSSPINE", "LUNG",
                "MEDIASTINUM", "NECK", "ORBIT", "PANCREAS", "PELVIS", "PROSTATE", "RIB", "SSPINE",
                "SHOULDER", "SKULL", "SPINE", "SPLEEN", "STERNUM", "STOMACH", "THIGH", "THYROID", "TIBIA", "TLSPINE", "TOE",
                "TSPINE", "UTERUS", "WHOLEBODY", "WRIST");
        assertThat(common).hasSizeGreaterThanOrEqualTo(60);
        for (String term : common) {
            MappingTarget t = mappings.lookup("body_part", term).orElseThrow(() -> new AssertionError(term + " is not mapped"));
            assertThat(t.vocabularyId()).as(term).isEqualTo("SNOMED");
            assertThat(t.code()).as(term).matches("[0-9]{6,18}");
        }
        Map<String, String> sourceByCode = new LinkedHashMap<>();
        try (var r = Files.newBufferedReader(home.resolve("terminology/codesystems/snomed-anatomy.csv"))) {
            for (var row : org.radbridge.terminology.CsvReader.read(r).rows()) sourceByCode.put(row.get("concept_code"), row.get("source"));
        }
        for (MappingSet.Entry e : mappings.entries("body_part")) {
            assertThat(sourceByCode.get(e.target().code())).as(e.where()).contains("PS3.16 Annex L").contains(" " + e.sourceCode());
        }
    }
}
