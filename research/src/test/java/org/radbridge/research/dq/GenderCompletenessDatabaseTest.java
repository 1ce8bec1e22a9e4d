package org.radbridge.research.dq;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.radbridge.research.ResearchDatabase;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DICOM PatientSex O (other) or empty has no standard OMOP Gender concept: the person gets gender_concept_id 0 with
 * its gender_source_value kept, and {@code dq} judges the share of such persons as DQD does (PERSON.gender_concept_id
 * standardConceptRecordCompleteness, threshold 5 %: more than 5 % fails, 5 % passes), while the source value and
 * the concept 0 itself pass the other checks of the field.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GenderCompletenessDatabaseTest {
    private static final Path HOME = Path.of(System.getProperty("radbridge.home", "..")).toAbsolutePath().normalize();
    private ResearchDatabase db;
    private CheckCatalogue genderChecks;

    @BeforeAll
    void start() throws Exception {
        db = ResearchDatabase.start(null);
        // the shipped catalogue's rows for the PERSON gender fields, unchanged
        List<String> lines = Files.readAllLines(HOME.resolve("dq/checks.csv"));
        Path subset = Files.createTempFile("gender-checks", ".csv");
        subset.toFile().deleteOnExit();
        Files.write(subset, java.util.stream.Stream.concat(java.util.stream.Stream.of(lines.get(0)),
                lines.stream().filter(l -> l.contains(".person.gender_"))).toList());
        genderChecks = CheckCatalogue.load(subset);
        assertThat(genderChecks.checks()).extracting(DqCheck::id).contains("standardConceptRecordCompleteness.person.gender_concept_id");
    }

    @AfterAll
    void stop() throws Exception {
        if (db != null) db.close();
    }

    /** 100 persons: {@code other} of them with sex O (concept 0), the rest M/F. */
    private Map<String, DqResult> run(int other) throws Exception {
        try (Connection c = db.dataSource().getConnection()) {
            try (Statement st = c.createStatement()) {
                st.execute("DELETE FROM omop.person");
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO omop.person (person_id, gender_concept_id, year_of_birth, race_concept_id, "
                    + "ethnicity_concept_id, person_source_value, gender_source_value, gender_source_concept_id) VALUES (?,?,1970,0,0,?,?,0)")) {
                for (int i = 1; i <= 100; i++) {
                    boolean o = i <= other;
                    ps.setInt(1, i);
                    ps.setInt(2, o ? 0 : i % 2 == 0 ? 8507 : 8532);
                    ps.setString(3, "P" + i);
                    ps.setString(4, o ? "O" : i % 2 == 0 ? "M" : "F");
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return DataQualityRunner.run(c, genderChecks, r -> {}).stream().collect(Collectors.toMap(r -> r.check().id(), r -> r));
        }
    }

    @Test
    void moreThanFivePercentOtherSexFailsCompletenessOnlyAndFivePercentPasses() throws Exception {
        Map<String, DqResult> six = run(6);
        DqResult completeness = six.get("standardConceptRecordCompleteness.person.gender_concept_id");
        assertThat(completeness.status()).isEqualTo(DqResult.Status.FAIL);
        assertThat(completeness.violated()).isEqualTo(6);
        assertThat(completeness.denominator()).isEqualTo(100);
        assertThat(six.values()).filteredOn(r -> r != completeness).extracting(DqResult::status)
                .as("concept 0 is a valid foreign key and the source value is kept").doesNotContain(DqResult.Status.FAIL, DqResult.Status.ERROR);

        Map<String, DqResult> five = run(5);
        assertThat(five.get("standardConceptRecordCompleteness.person.gender_concept_id").status()).isEqualTo(DqResult.Status.PASS);
        assertThat(five.values()).extracting(DqResult::status).doesNotContain(DqResult.Status.FAIL, DqResult.Status.ERROR);
    }
}
