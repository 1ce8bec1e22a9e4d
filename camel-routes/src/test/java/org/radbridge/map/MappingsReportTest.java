package org.radbridge.map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radbridge.mappings.MappingSet;
import org.radbridge.terminology.TermConcept;
import org.radbridge.terminology.Terminology;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MappingsReportTest {
    @Test
    void unmappedFirstThenRuleOnlyEachByFrequencyWithCoverage(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("procedure.csv"), "source_code,source_vocabulary_id,source_code_description,target_concept_id,"
                + "target_vocabulary_id,target_concept_code,valid_start_date,valid_end_date,invalid_reason\n"
                + "CT CHEST WO,Study description,,,LOINC,29252-4,,,\n");
        Files.writeString(dir.resolve("study-description-rules.csv"), "order,pattern,replacement,example,comment\n"
                + "10,\\bW/O CONTRAST\\b,WO,CT CHEST W/O CONTRAST,\n");
        MappingSet set = MappingSet.load(dir, Terminology.of(List.of(
                new TermConcept("LOINC", "29252-4", "CT Chest WO contrast", "Procedure", "Clinical Observation", "S", null, "test"))));
        MappingsReport.Field field = MappingsReport.FIELDS.get(0);
        List<MappingsReport.Line> todo = new ArrayList<>();
        MappingsReport.Coverage cov = MappingsReport.classify(field, List.of(
                new MappingsReport.SourceCount("CT CHEST WO", 10, List.of("1.2.1")),
                new MappingsReport.SourceCount("CT CHEST W/O CONTRAST", 7, List.of("1.2.2", "1.2.3")),
                new MappingsReport.SourceCount("CT COW, SPECIAL", 1, List.of("1.2.9")),
                new MappingsReport.SourceCount("XR FOOT", 2, List.of("1.2.4")),
                new MappingsReport.SourceCount(null, 1, List.of("1.2.5"))), set, todo);
        assertThat(cov.records()).isEqualTo(21);
        assertThat(cov.mapped()).isEqualTo(17);
        assertThat(cov.ruleOnly()).isEqualTo(7);
        MappingsReport.Result r = new MappingsReport.Result(MappingsReport.rank(todo), List.of(cov));
        assertThat(r.todoCsv()).isEqualTo("""
                rank,field,source_value,normalised_key,status,mapped_to,records,example_study_uids
                1,study_description,XR FOOT,XR FOOT,unmapped,,2,1.2.4
                2,study_description,"CT COW, SPECIAL","CT COW, SPECIAL",unmapped,,1,1.2.9
                3,study_description,,,empty,,1,1.2.5
                4,study_description,CT CHEST W/O CONTRAST,CT CHEST WO,rule-only,LOINC 29252-4,7,1.2.2 1.2.3
                """);
        assertThat(r.coverageCsv()).isEqualTo("""
                field,unit,records,mapped,mapped_by_rules_only,coverage_percent
                study_description,studies,21,17,7,81.0
                """);
    }

    @Test
    void anEmptyLateralityIsNotApplicableRatherThanUnmapped(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("laterality.csv"), "source_code,source_vocabulary_id,source_code_description,target_concept_id,"
                + "target_vocabulary_id,target_concept_code,valid_start_date,valid_end_date,invalid_reason\nL,x,,7771000,,,,,\n");
        MappingSet set = MappingSet.load(dir, Terminology.of(List.of()));
        MappingsReport.Field field = MappingsReport.FIELDS.stream().filter(f -> f.mapping().equals("laterality")).findFirst().orElseThrow();
        List<MappingsReport.Line> todo = new ArrayList<>();
        MappingsReport.Coverage cov = MappingsReport.classify(field, List.of(
                new MappingsReport.SourceCount("L", 3, List.of()), new MappingsReport.SourceCount(null, 40, List.of())), set, todo);
        assertThat(todo).isEmpty();
        assertThat(cov.percent()).isEqualTo(100.0);
    }

    /** Spelling variants of one scanner are one source value, the key DEVICE_EXPOSURE maps by, so they count as mapped. */
    @Test
    void scannerVariantsCountAsTheOneKeyTheDeviceMappingUses(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("device.csv"), "source_code,source_vocabulary_id,source_code_description,target_concept_id,"
                + "target_vocabulary_id,target_concept_code,valid_start_date,valid_end_date,invalid_reason\n"
                + "GE MEDICAL SYSTEMS^REVOLUTION CT,x,,45768197,,,,,\n");
        MappingSet set = MappingSet.load(dir, Terminology.of(List.of()));
        MappingsReport.Field field = MappingsReport.FIELDS.stream().filter(f -> f.mapping().equals("device")).findFirst().orElseThrow();
        List<MappingsReport.SourceCount> counts = MappingsReport.sourceCounts(field, List.of(
                new MappingsReport.Row(new String[]{"GE MEDICAL SYSTEMS ", "Revolution  CT"}, 3, List.of("1.3", "1.1")),
                new MappingsReport.Row(new String[]{"GE Medical Systems", "REVOLUTION CT"}, 2, List.of("1.2")),
                new MappingsReport.Row(new String[]{"ACME", null}, 1, List.of("1.4")),
                new MappingsReport.Row(new String[]{null, null}, 4, List.of("1.5"))));
        assertThat(counts).extracting(MappingsReport.SourceCount::value, MappingsReport.SourceCount::records)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("GE MEDICAL SYSTEMS^REVOLUTION CT", 5L),
                        org.assertj.core.groups.Tuple.tuple("ACME^", 1L), org.assertj.core.groups.Tuple.tuple(null, 4L));
        assertThat(counts.get(0).examples()).containsExactly("1.1", "1.2", "1.3");
        List<MappingsReport.Line> todo = new ArrayList<>();
        MappingsReport.Coverage cov = MappingsReport.classify(field, counts, set, todo);
        assertThat(cov.mapped()).isEqualTo(5);
        assertThat(todo).extracting(MappingsReport.Line::sourceValue, MappingsReport.Line::status)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("ACME^", "unmapped"),
                        org.assertj.core.groups.Tuple.tuple("", "empty"));
    }
}
