package org.radbridge.map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.radbridge.mappings.MappingSet;
import org.radbridge.report.ReportTestData;
import org.radbridge.terminology.Terminology;
import org.radbridge.testsupport.TestDatabase;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MappingImpactTest {
    private Path tmp;
    private TestDatabase db;
    private Terminology terminology;
    private MappingSet shipped;

    @BeforeAll
    void start() throws Exception {
        tmp = Files.createTempDirectory("mapping-impact");
        db = new TestDatabase(tmp);
        terminology = Terminology.load(ReportTestData.home().resolve("terminology/codesystems"));
        shipped = MappingSet.load(ReportTestData.home().resolve("mappings"), terminology);
        db.execute("""
                INSERT INTO radbridge.study (study_instance_uid, patient_id, study_description, patient_sex, source, dirty) VALUES
                  ('1.1', 'P1', 'ZZ NEW PROTOCOL', 'F', 'test', false),
                  ('1.2', 'P2', 'CT CHEST W/O CONTRAST', 'M', 'test', false),
                  ('1.3', 'P3', 'CT CHEST W/O CONTRAST', 'M', 'test', false),
                  ('1.4', 'P4', 'CT CHEST W/O CONTRAST', 'M', 'test', false);
                INSERT INTO radbridge.instance (sop_instance_uid, study_instance_uid, series_instance_uid, modality, body_part_examined,
                  manufacturer, model_name, source, attributes) VALUES
                  ('1.1.1.1', '1.1', '1.1.1', 'MR', 'HEAD', 'SIEMENS', 'SKYRA', 'test', '{}'),
                  ('1.2.1.1', '1.2', '1.2.1', 'CT', 'CHEST', 'SIEMENS', 'SOMATOM FORCE', 'test', '{}'),
                  ('1.3.1.1', '1.3', '1.3.1', 'CT', 'ZZPART', 'GE MEDICAL SYSTEMS', 'REVOLUTION', 'test', '{}'),
                  ('1.4.1.1', '1.4', '1.4.1', 'CT', 'CHEST', ' Zz  Vendor ', 'scanner 9', 'test', '{}');
                """);
    }

    @AfterAll
    void stop() throws Exception {
        db.close();
        try (Stream<Path> s = Files.walk(tmp)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void marksOnlyTheStudiesWhoseMappedValuesChange() throws Exception {
        Path edited = copyOfShippedMappings();
        Files.writeString(edited.resolve("procedure.csv"), Files.readString(edited.resolve("procedure.csv"))
                + "ZZ NEW PROTOCOL,Study description,test,,LOINC,24590-2,1970-01-01,2099-12-31,\n");
        Files.writeString(edited.resolve("body_part.csv"), Files.readString(edited.resolve("body_part.csv"))
                + "ZZPART,DICOM BodyPartExamined,test,,SNOMED,816094009,1970-01-01,2099-12-31,\n");
        MappingSet after = MappingSet.load(edited, terminology);
        MappingImpact impact = new MappingImpact(db.dataSource());
        db.execute("UPDATE radbridge.study SET dirty = false");

        assertThat(impact.markAffected(shipped, shipped).any()).isFalse();
        assertThat(db.count("SELECT count(*) FROM radbridge.study WHERE dirty")).isZero();

        MappingImpact.Affected affected = impact.markAffected(shipped, after);
        assertThat(affected.studies()).isEqualTo(2);
        assertThat(affected.reports()).isZero();
        assertThat(db.rows("SELECT study_instance_uid FROM radbridge.study WHERE dirty ORDER BY 1"))
                .extracting(r -> r[0]).containsExactly("1.1", "1.3");
    }

    @Test
    void aScannerIsKeyedAsTheDeviceRowsKeyIt() throws Exception {
        Path edited = copyOfShippedMappings();
        // the header says ' Zz  Vendor ' and 'scanner 9': the mapping row names the normalised MANUFACTURER^MODEL
        Files.writeString(edited.resolve("device.csv"), Files.readString(edited.resolve("device.csv"))
                + "ZZ VENDOR^SCANNER 9,DICOM Manufacturer^Model,test,,RadBridge Device,PHILIPS-INGENIA,1970-01-01,2099-12-31,\n");
        db.execute("UPDATE radbridge.study SET dirty = false");
        MappingImpact.Affected affected = new MappingImpact(db.dataSource()).markAffected(shipped, MappingSet.load(edited, terminology));
        assertThat(affected.studies()).isEqualTo(1);
        assertThat(db.rows("SELECT study_instance_uid FROM radbridge.study WHERE dirty")).extracting(r -> r[0]).containsExactly("1.4");
    }

    @Test
    void aLineMovedWithinAFileChangesNothing() throws Exception {
        Path moved = copyOfShippedMappings();
        java.util.List<String> lines = new java.util.ArrayList<>(Files.readAllLines(moved.resolve("finding.csv")));
        String last = lines.remove(lines.size() - 1);
        lines.add(1, last);
        Files.write(moved.resolve("finding.csv"), lines);
        db.execute("UPDATE radbridge.study SET dirty = false");
        MappingImpact.Affected affected = new MappingImpact(db.dataSource()).markAffected(shipped, MappingSet.load(moved, terminology));
        assertThat(affected.any()).isFalse();
    }

    private Path copyOfShippedMappings() throws Exception {
        Path dir = Files.createTempDirectory(tmp, "mappings");
        try (Stream<Path> s = Files.list(ReportTestData.home().resolve("mappings"))) {
            for (Path f : s.filter(p -> p.toString().endsWith(".csv")).toList()) Files.copy(f, dir.resolve(f.getFileName()));
        }
        return dir;
    }
}
