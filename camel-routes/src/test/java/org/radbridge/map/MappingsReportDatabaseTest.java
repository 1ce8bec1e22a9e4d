package org.radbridge.map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.radbridge.mappings.MappingSet;
import org.radbridge.report.ReportTestData;
import org.radbridge.staging.InstanceRecord;
import org.radbridge.staging.StagingRepository;
import org.radbridge.terminology.Terminology;
import org.radbridge.testsupport.TestDatabase;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The report reads counts kept as instances are staged (V18); it must say exactly what grouping every instance says,
 * also when batches of the same series are staged concurrently and instances arrive twice.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MappingsReportDatabaseTest {
    /** The report's queries before V18: one GROUP BY over every instance per field (20-37 s at 1,000,000 instances). */
    private static final String STUDY_EXAMPLES = "(array_agg(study_instance_uid ORDER BY study_instance_uid))[1:3]";
    private static final String SERIES_EXAMPLES = "(array_agg(DISTINCT study_instance_uid ORDER BY study_instance_uid))[1:3]";
    private static final List<MappingsReport.Field> GROUPING_EVERY_INSTANCE = List.of(
            new MappingsReport.Field("study_description", "procedure", "studies", false,
                    "SELECT study_description, count(*), " + STUDY_EXAMPLES + " FROM radbridge.study GROUP BY 1"),
            new MappingsReport.Field("modality", "modality", "series", false,
                    "SELECT modality, count(DISTINCT series_instance_uid), " + SERIES_EXAMPLES + " FROM radbridge.instance GROUP BY 1"),
            new MappingsReport.Field("body_part_examined", "body_part", "series", false,
                    "SELECT body_part_examined, count(DISTINCT series_instance_uid), " + SERIES_EXAMPLES + " FROM radbridge.instance GROUP BY 1"),
            new MappingsReport.Field("laterality", "laterality", "series", true,
                    "SELECT laterality, count(DISTINCT series_instance_uid), " + SERIES_EXAMPLES + " FROM radbridge.instance GROUP BY 1"),
            new MappingsReport.Field("manufacturer^model", "device", "series", false,
                    "SELECT manufacturer, model_name, count(DISTINCT series_instance_uid), " + SERIES_EXAMPLES
                            + " FROM radbridge.instance GROUP BY 1, 2", 2, v -> MappingSet.deviceKey(v[0], v[1])),
            new MappingsReport.Field("patient_sex", "gender", "studies", false,
                    "SELECT patient_sex, count(*), " + STUDY_EXAMPLES + " FROM radbridge.study GROUP BY 1"),
            new MappingsReport.Field("report_status", "report_status", "reports", false,
                    "SELECT status, count(*), (array_agg(coalesce(study_instance_uid, 'accession ' || accession_number) ORDER BY report_id))[1:3] "
                            + "FROM radbridge.report GROUP BY 1"));

    private static final String[] MODALITIES = {"CT", "MR", "ZZ", "", null};
    private static final String[] BODY_PARTS = {"CHEST", "HEAD", "ZZPART", "", null};
    private static final String[] LATERALITIES = {"L", "R", "X", "", null};
    private static final String[] MANUFACTURERS = {"SIEMENS", "GE MEDICAL SYSTEMS", " Zz  Vendor ", null};
    private static final String[] MODELS = {"SOMATOM FORCE", "REVOLUTION", "scanner 9", null};

    private Path tmp;
    private TestDatabase db;
    private MappingsReport report;

    @BeforeAll
    void start() throws Exception {
        tmp = Files.createTempDirectory("mappings-report-db");
        db = new TestDatabase(tmp);
        Terminology terminology = Terminology.load(ReportTestData.home().resolve("terminology/codesystems"));
        report = new MappingsReport(db.dataSource(), new CurrentMappings(MappingSet.load(ReportTestData.home().resolve("mappings"), terminology)));
    }

    @AfterAll
    void stop() throws Exception {
        db.close();
        try (Stream<Path> s = Files.walk(tmp)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void countsKeptWhileStagingEqualGroupingEveryInstanceAlsoUnderConcurrentIngest() throws Exception {
        Random random = new Random(17);
        List<InstanceRecord> all = new ArrayList<>();
        for (int s = 0; s < 80; s++) {
            String sex = new String[] {"M", "F", "O", null, ""}[s % 5];
            String description = new String[] {"CT CHEST W/O CONTRAST", "ZZ NEW PROTOCOL", "CT CHEST WO", null}[s % 4];
            for (int se = 0, series = 1 + random.nextInt(3); se < series; se++) {
                // values vary inside some series, as they can in DICOM (the report counts the series under each value)
                for (int i = 0, n = 1 + random.nextInt(6); i < n; i++) {
                    boolean odd = random.nextInt(8) == 0;
                    all.add(instance("2.25." + s, "2.25." + s + "." + se, "2.25." + s + "." + se + "." + i,
                            MODALITIES[(s + se + (odd ? 1 : 0)) % MODALITIES.length], BODY_PARTS[(s * 3 + se) % BODY_PARTS.length],
                            LATERALITIES[(s + se) % LATERALITIES.length], MANUFACTURERS[s % MANUFACTURERS.length],
                            MODELS[(s + (odd ? 1 : 0)) % MODELS.length], sex, description));
                }
            }
        }
        // every instance twice, in shuffled batches staged by 6 threads at once: batches of one series meet
        List<InstanceRecord> twice = new ArrayList<>(all);
        twice.addAll(all);
        Collections.shuffle(twice, random);
        StagingRepository staging = new StagingRepository(db.dataSource());
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<Integer>> staged = new ArrayList<>();
            for (int from = 0; from < twice.size(); from += 7) {
                List<InstanceRecord> batch = twice.subList(from, Math.min(twice.size(), from + 7));
                staged.add(pool.submit(() -> staging.stage(batch)));
            }
            int inserted = 0;
            for (Future<Integer> f : staged) inserted += f.get();
            assertThat(inserted).isEqualTo(all.size());
        } finally {
            pool.shutdown();
        }
        // against the standard, one series in two studies: it is one series of its modality
        staging.stage(List.of(instance("2.25.900", "2.25.0.0", "2.25.900.1", "CT", "CHEST", "L", "SIEMENS", "SOMATOM FORCE", "F", "ZZ NEW PROTOCOL")));
        db.execute("INSERT INTO radbridge.report (report_id, accession_number, study_instance_uid, status, text, text_sha256, source) VALUES "
                + "('r1', 'A1', '2.25.1', 'final', 't', repeat('0', 64), 'test'), ('r2', 'A2', NULL, 'ZZSTATUS', 't', repeat('0', 64), 'test'), "
                + "('r3', 'A3', '2.25.3', NULL, 't', repeat('0', 64), 'test'), ('r0', 'A0', '2.25.2', 'final', 't', repeat('0', 64), 'test')");

        MappingsReport.Result expected = report.run(GROUPING_EVERY_INSTANCE);
        MappingsReport.Result kept = report.run();
        assertThat(kept.todo()).isNotEmpty();
        assertThat(kept.todo()).extracting(MappingsReport.Line::status).contains("unmapped", "empty", "rule-only");
        assertThat(kept.csv()).isEqualTo(expected.csv());
        // the report folded the increments into one row per value, and says the same from them
        assertThat(db.count("SELECT count(*) FROM radbridge.series_source_count"))
                .isEqualTo(db.count("SELECT count(*) FROM (SELECT DISTINCT field, value1, value2 FROM radbridge.series_source_count) v"));
        assertThat(report.run().csv()).isEqualTo(expected.csv());
        // the overview's series and instance counts
        assertThat(db.count("SELECT sum(records) FROM radbridge.series_source_count WHERE field = 'series'"))
                .isEqualTo(db.count("SELECT count(DISTINCT series_instance_uid) FROM radbridge.instance"));
        assertThat(db.count("SELECT sum(records) FROM radbridge.series_source_count WHERE field = 'instances'"))
                .isEqualTo(db.count("SELECT count(*) FROM radbridge.instance"));
    }

    private static InstanceRecord instance(String study, String series, String sop, String modality, String bodyPart, String laterality,
                                           String manufacturer, String model, String sex, String description) {
        return new InstanceRecord(sop, study, series, "1.2.840.10008.5.1.4.1.1.2", null, 1, 1, modality, null, bodyPart, laterality,
                null, manufacturer, model, "P" + study, "", null, null, sex, "A" + study, null, null, null, description, null, null,
                "test", null, 0, Map.of());
    }
}
