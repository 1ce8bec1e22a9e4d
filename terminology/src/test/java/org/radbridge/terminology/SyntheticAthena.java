package org.radbridge.terminology;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes a synthetic vocabulary download in the layout of OHDSI Athena: tab-separated files with a
 * lower-case header row, no quoting (names carry '"', '\' and commas as they are), empty fields for
 * nulls, dates as YYYYMMDD. Concept ids start at {@code firstId}; the first two concepts carry codes
 * the shipped terminology subsets hold (LOINC 29252-4, SNOMED 816094009), so that the import links
 * site concepts to them. Deterministic for given sizes. The names are synthetic, not OHDSI content.
 */
final class SyntheticAthena {
    record Sizes(long concepts, int relationshipsPerConcept, long synonyms, long ancestors) {}

    private static final String[][] VOCABULARIES = {
        {"SNOMED", "Condition", "Clinical Finding"}, {"SNOMED", "Spec Anatomic Site", "Body Structure"},
        {"SNOMED", "Procedure", "Procedure"}, {"RxNorm", "Drug", "Clinical Drug"}, {"LOINC", "Measurement", "Lab Test"},
        {"ICD10CM", "Condition", "4-char billing code"}, {"NDC", "Drug", "11-digit NDC"}, {"SNOMED", "Observation", "Observable Entity"},
        {"RxNorm", "Drug", "Ingredient"}, {"LOINC", "Procedure", "Clinical Observation"}};

    private SyntheticAthena() {}

    static void write(Path dir, long firstId, Sizes sizes) throws IOException {
        Files.createDirectories(dir);
        long n = sizes.concepts();
        try (BufferedWriter w = writer(dir, "CONCEPT.csv")) {
            w.write("concept_id\tconcept_name\tdomain_id\tvocabulary_id\tconcept_class_id\tstandard_concept\tconcept_code\t"
                    + "valid_start_date\tvalid_end_date\tinvalid_reason\n");
            w.write((firstId) + "\tCT Chest WO contrast (synthetic)\tProcedure\tLOINC\tClinical Observation\tS\t29252-4\t19700101\t20991231\t\n");
            w.write((firstId + 1) + "\tChest (synthetic)\tSpec Anatomic Site\tSNOMED\tBody Structure\tS\t816094009\t19700101\t20991231\t\n");
            for (long i = 2; i < n; i++) {
                String[] v = VOCABULARIES[(int) (i % VOCABULARIES.length)];
                String standard = i % 20 == 3 ? "C" : i % 3 == 1 ? "" : "S";
                boolean retired = standard.isEmpty() && i % 7 == 0;
                w.write(Long.toString(firstId + i));
                w.write('\t');
                w.write("Synthetic \"" + v[0] + "\" concept " + i + ", O'Brien \\ form " + (i % 97) + " [" + v[2] + "]");
                w.write('\t');
                w.write(v[1] + '\t' + v[0] + '\t' + v[2] + '\t' + standard + '\t' + code(v[0], i) + '\t');
                w.write(retired ? "19700101\t20200131\tD\n" : "19700101\t20991231\t\n");
            }
        }
        try (BufferedWriter w = writer(dir, "CONCEPT_RELATIONSHIP.csv")) {
            w.write("concept_id_1\tconcept_id_2\trelationship_id\tvalid_start_date\tvalid_end_date\tinvalid_reason\n");
            String[] kinds = {"Maps to", "Mapped from", "Is a", "Subsumes", "Has finding site", "Finding site of"};
            for (long i = 0; i < n; i++) {
                long id = firstId + i;
                long standardTarget = i >= 2 && i % 3 == 1 ? firstId + i - 1 : id;
                long parent = firstId + i / 2;
                for (int k = 0; k < sizes.relationshipsPerConcept(); k++) {
                    String kind = kinds[k % kinds.length];
                    long a = id;
                    long b = switch (k % kinds.length) {
                        case 0 -> standardTarget;
                        case 1 -> standardTarget;
                        case 2, 3 -> parent;
                        default -> firstId + (i * 7919 + k) % n;
                    };
                    if (k % kinds.length == 1 || k % kinds.length == 3) {
                        long t = a;
                        a = b;
                        b = t;
                    }
                    w.write(a + "\t" + b + "\t" + kind + "\t19700101\t20991231\t\n");
                }
            }
        }
        try (BufferedWriter w = writer(dir, "CONCEPT_SYNONYM.csv")) {
            w.write("concept_id\tconcept_synonym_name\tlanguage_concept_id\n");
            for (long i = 0; i < sizes.synonyms(); i++) {
                w.write((firstId + (i * 2) % n) + "\tsynonym \"" + i + "\" of a synthetic concept\t4180186\n");
            }
        }
        try (BufferedWriter w = writer(dir, "CONCEPT_ANCESTOR.csv")) {
            w.write("ancestor_concept_id\tdescendant_concept_id\tmin_levels_of_separation\tmax_levels_of_separation\n");
            for (long i = 0; i < sizes.ancestors(); i++) {
                long d = firstId + i % n;
                long a = firstId + (i % n) / 2;
                w.write(a + "\t" + d + "\t" + (a == d ? 0 : 1) + "\t" + (a == d ? 0 : 1) + "\n");
            }
        }
        small(dir, "VOCABULARY.csv", "vocabulary_id\tvocabulary_name\tvocabulary_reference\tvocabulary_version\tvocabulary_concept_id",
                List.of("SNOMED\tSystematic Nomenclature of Medicine (synthetic)\thttp://www.snomed.org/\tsynthetic 1\t44819097",
                        "LOINC\tLOINC (synthetic)\thttp://loinc.org/\tsynthetic 1\t44819102",
                        "RxNorm\tRxNorm (synthetic)\thttp://www.nlm.nih.gov/research/umls/rxnorm\tsynthetic 1\t44819104",
                        "ICD10CM\tICD-10-CM (synthetic)\thttp://www.cdc.gov/nchs/icd/icd10cm.htm\tsynthetic 1\t44819098",
                        "NDC\tNDC (synthetic)\thttp://www.fda.gov/\tsynthetic 1\t44819105"));
        small(dir, "DOMAIN.csv", "domain_id\tdomain_name\tdomain_concept_id",
                List.of("Condition\tCondition\t19", "Drug\tDrug\t13", "Measurement\tMeasurement\t21", "Procedure\tProcedure\t10",
                        "Observation\tObservation\t27", "Spec Anatomic Site\tSpecimen Anatomic Site\t48"));
        small(dir, "CONCEPT_CLASS.csv", "concept_class_id\tconcept_class_name\tconcept_class_concept_id",
                List.of("Clinical Finding\tClinical Finding\t1", "Body Structure\tBody Structure\t2", "Procedure\tProcedure\t3",
                        "Clinical Drug\tClinical Drug\t4", "Lab Test\tLab Test\t5", "4-char billing code\t4-char billing code\t6",
                        "11-digit NDC\t11-digit NDC\t7", "Observable Entity\tObservable Entity\t8", "Ingredient\tIngredient\t9",
                        "Clinical Observation\tClinical Observation\t10"));
        small(dir, "RELATIONSHIP.csv", "relationship_id\trelationship_name\tis_hierarchical\tdefines_ancestry\treverse_relationship_id\trelationship_concept_id",
                List.of("Maps to\tNon-standard to Standard map (OMOP)\t0\t0\tMapped from\t44818977",
                        "Mapped from\tStandard to Non-standard map (OMOP)\t0\t0\tMaps to\t44818978",
                        "Is a\tIs a\t1\t1\tSubsumes\t44818820", "Subsumes\tSubsumes\t1\t1\tIs a\t44818723",
                        "Has finding site\tHas finding site (SNOMED)\t0\t0\tFinding site of\t44818899",
                        "Finding site of\tFinding site of (SNOMED)\t0\t0\tHas finding site\t44818797"));
    }

    private static String code(String vocabulary, long i) {
        return switch (vocabulary) {
            case "LOINC" -> (100000 + i) + "-" + (i % 10);
            case "ICD10CM" -> "Z" + (i % 100) + "." + (i % 1000);
            case "NDC" -> String.format("%011d", i);
            case "RxNorm" -> Long.toString(3_000_000 + i);
            default -> Long.toString(900_000_000_000L + i);
        };
    }

    private static BufferedWriter writer(Path dir, String name) throws IOException {
        return Files.newBufferedWriter(dir.resolve(name), StandardCharsets.UTF_8);
    }

    private static void small(Path dir, String name, String header, List<String> rows) throws IOException {
        try (BufferedWriter w = writer(dir, name)) {
            w.write(header + "\n");
            for (String r : rows) w.write(r + "\n");
        }
    }
}
