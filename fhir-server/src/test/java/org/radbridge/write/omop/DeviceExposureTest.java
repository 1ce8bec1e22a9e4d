package org.radbridge.write.omop;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radbridge.deid.Pseudonymizer;
import org.radbridge.map.CurrentMappings;
import org.radbridge.mappings.MappingSet;
import org.radbridge.staging.InstanceRecord;
import org.radbridge.staging.StudyView;
import org.radbridge.terminology.Terminology;
import org.radbridge.terminology.VocabularyLoader;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** DEVICE_EXPOSURE rows written with a study, on a real PostgreSQL with the shipped mappings. */
class DeviceExposureTest {
    private static final Path HOME = Path.of(System.getProperty("radbridge.home", "..")).toAbsolutePath().normalize();
    private static final String STUDY = "1.2.826.0.1.3680043.10.999.1";

    @TempDir
    static Path tmp;
    private DataSource ds;

    @Test
    void oneRowPerDeviceMappedToItsConceptWithoutSerialNumbersAndRebuiltInPlace() throws Exception {
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(tmp.resolve("pg")).setCleanDataDirectory(true).start()) {
            ds = pg.getPostgresDatabase();
            Flyway.configure().dataSource(ds).locations("classpath:db/radbridge").schemas("radbridge", "omop").load().migrate();
            Terminology t = Terminology.load(HOME.resolve("terminology/codesystems"));
            Map<String, Integer> ids = new VocabularyLoader(ds).load(t);
            CurrentMappings mappings = new CurrentMappings(MappingSet.load(HOME.resolve("mappings"), t).withConceptIds(ids));
            OmopStudyWriter writer = new OmopStudyWriter(ds, new Pseudonymizer("device-test-key-0123456789"), mappings);

            List<InstanceRecord> instances = new ArrayList<>();
            instances.add(instance("1", 1, "SIEMENS", "SOMATOM Force"));
            instances.add(instance("1", 2, "SIEMENS", "SOMATOM Force"));
            instances.add(instance("2", 1, "Siemens ", "SOMATOM  Force"));
            instances.add(instance("3", 1, "ACME", "X1"));
            instances.add(instance("4", 1, null, null));
            writer.write(study(instances), List.of());

            int siemens = ids.get("RadBridge Device|SIEMENS-SOMATOM-FORCE");
            assertThat(siemens).isGreaterThanOrEqualTo(2_000_000_000);
            // each device exposure belongs to the visit of its study (the procedure's)
            long visit = count("SELECT visit_occurrence_id FROM omop.procedure_occurrence");
            assertThat(rows()).containsExactly(
                    "ACME^X1|0|2024-03-05|2024-03-05 09:30:00|32817|null|" + visit,
                    "SIEMENS^SOMATOM FORCE|" + siemens + "|2024-03-05|2024-03-05 09:30:00|32817|null|" + visit);
            // the site device list is the scanner's own code: the source concept is the device concept
            assertThat(count("SELECT count(*) FROM omop.device_exposure WHERE device_source_concept_id = device_concept_id")).isEqualTo(2);
            assertThat(count("SELECT count(*) FROM omop.device_exposure d JOIN omop.procedure_occurrence p ON p.person_id = d.person_id"))
                    .isEqualTo(2);
            assertThat(count("SELECT count(*) FROM omop.device_exposure WHERE device_source_value LIKE '%SN-%' OR unique_device_id IS NOT NULL "
                    + "OR production_id IS NOT NULL")).isZero();

            // projecting again changes nothing; a corrected model replaces the old device's row
            writer.write(study(instances), List.of());
            assertThat(count("SELECT count(*) FROM omop.device_exposure")).isEqualTo(2);
            instances.set(3, instance("3", 1, "ACME", "X2"));
            writer.write(study(instances), List.of());
            assertThat(rows()).extracting(r -> r.substring(0, r.indexOf('|'))).containsExactly("ACME^X2", "SIEMENS^SOMATOM FORCE");
        }
    }

    private List<String> rows() throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = ds.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT device_source_value, device_concept_id, device_exposure_start_date, "
                     + "device_exposure_start_datetime, device_type_concept_id, unique_device_id, visit_occurrence_id "
                     + "FROM omop.device_exposure ORDER BY device_source_value")) {
            while (rs.next()) {
                out.add(rs.getString(1) + "|" + rs.getInt(2) + "|" + rs.getString(3) + "|" + rs.getString(4) + "|" + rs.getInt(5)
                        + "|" + rs.getString(6) + "|" + rs.getString(7));
            }
        }
        return out;
    }

    private long count(String sql) throws Exception {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static StudyView study(List<InstanceRecord> instances) {
        return new StudyView(STUDY, "MRN1", "HOSP", "DOE^JANE", LocalDate.of(1970, 5, 1), "F", "ACC1",
                LocalDate.of(2024, 3, 5), LocalTime.of(9, 30), "CT CHEST W/O CONTRAST", null, List.copyOf(instances));
    }

    private static InstanceRecord instance(String series, int number, String manufacturer, String model) {
        return new InstanceRecord(STUDY + "." + series + "." + number, STUDY, STUDY + "." + series, "1.2.840.10008.5.1.4.1.1.2", null,
                number, Integer.valueOf(series), "CT", null, "CHEST", null, null, manufacturer, model, "MRN1", "HOSP", "DOE^JANE",
                LocalDate.of(1970, 5, 1), "F", "ACC1", null, LocalDate.of(2024, 3, 5), LocalTime.of(9, 30), "CT CHEST W/O CONTRAST",
                null, "RADIOLOGY DEPT", "test", null, 0L,
                Map.of("DeviceSerialNumber", "SN-77421", "StationName", "CT-ROOM-3"));
    }
}
