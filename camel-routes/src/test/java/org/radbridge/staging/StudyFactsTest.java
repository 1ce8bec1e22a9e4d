package org.radbridge.staging;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class StudyFactsTest {
    private static final LocalDate D = LocalDate.of(2020, 3, 15);

    @Test
    void studyDateFallsBackInTheDocumentedOrder() {
        assertThat(StudyFacts.derive(D, null, Map.of("SeriesDate", D.minusDays(1)), null, false).dateSource()).isEqualTo("StudyDate");
        StudyFacts f = StudyFacts.derive(null, null, Map.of("ContentDate", D.plusDays(2), "AcquisitionDate", D.plusDays(1)), null, false);
        assertThat(f.date()).isEqualTo(D.plusDays(1));
        assertThat(f.dateSource()).isEqualTo("AcquisitionDate");
        assertThat(StudyFacts.derive(null, null, Map.of("InstanceCreationDate", D), null, false).dateSource()).isEqualTo("InstanceCreationDate");
        assertThat(StudyFacts.derive(null, null, Map.of(), "040Y", false).date()).isNull();
    }

    @Test
    void yearOfBirthFromBirthDateElseApproximatelyFromAge() {
        StudyFacts exact = StudyFacts.derive(D, LocalDate.of(1950, 6, 1), Map.of(), "069Y", false);
        assertThat(exact.yearOfBirth()).isEqualTo(1950);
        assertThat(exact.yearOfBirthApproximate()).isFalse();
        StudyFacts approx = StudyFacts.derive(D, null, Map.of(), "024Y", false);
        assertThat(approx.yearOfBirth()).isEqualTo(1996);
        assertThat(approx.yearOfBirthSource()).isEqualTo("PatientAge");
        assertThat(approx.yearOfBirthApproximate()).isTrue();
        assertThat(StudyFacts.derive(D, null, Map.of(), "006M", false).yearOfBirth()).isEqualTo(2019);
        assertThat(StudyFacts.derive(D, null, Map.of(), "010D", false).yearOfBirth()).isEqualTo(2020);
        assertThat(StudyFacts.derive(D, null, Map.of(), "003W", false).yearOfBirth()).isEqualTo(2020);
        // an age without any date gives nothing to count back from
        assertThat(StudyFacts.derive(null, null, Map.of(), "024Y", false).yearOfBirth()).isNull();
        for (String bad : new String[] {"", "Y", "24", "abcY", "999Y", "-01Y", "024X"}) {
            assertThat(StudyFacts.derive(D, null, Map.of(), bad, false).yearOfBirth()).as(bad).isNull();
        }
    }

    @Test
    void placeholderIdsComeFromTheDataFileAndEmptyIsAlwaysOne(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve(PlaceholderPatientIds.FILE_NAME);
        Files.writeString(file, "# comment\nUNKNOWN\n  anonymous  # trailing comment\n0\n");
        PlaceholderPatientIds ids = PlaceholderPatientIds.load(file);
        assertThat(ids.isPlaceholder("")).isTrue();
        assertThat(ids.isPlaceholder("   ")).isTrue();
        assertThat(ids.isPlaceholder(null)).isTrue();
        assertThat(ids.isPlaceholder("unknown")).isTrue();
        assertThat(ids.isPlaceholder(" ANONYMOUS ")).isTrue();
        assertThat(ids.isPlaceholder("0")).isTrue();
        assertThat(ids.isPlaceholder("00")).isFalse();
        assertThat(ids.isPlaceholder("MRN123")).isFalse();
        assertThat(PlaceholderPatientIds.load(tmp.resolve("absent.txt")).isPlaceholder("UNKNOWN")).isFalse();
    }

    @Test
    void theShippedListIsReadable() {
        Path shipped = Path.of(System.getProperty("radbridge.home", "..")).resolve("mappings").resolve(PlaceholderPatientIds.FILE_NAME);
        PlaceholderPatientIds ids = PlaceholderPatientIds.load(shipped);
        assertThat(ids.isPlaceholder("UNKNOWN")).isTrue();
        assertThat(ids.isPlaceholder("ANONYMOUS")).isTrue();
        assertThat(ids.values()).doesNotContain("#");
    }

    @Test
    void aPlaceholderStudyIsKeyedByItself() {
        StudyView s = new StudyView("1.2.3", "", "", null, null, null, null, D, null, null, null, java.util.List.of());
        assertThat(s.placeholderPatient()).isTrue();
        assertThat(s.personKeyId()).isEqualTo("\\study\\1.2.3");
        StudyView real = new StudyView("1.2.4", "MRN1", "", null, null, null, null, D, null, null, null, java.util.List.of());
        assertThat(real.personKeyId()).isEqualTo("MRN1");
    }
}
