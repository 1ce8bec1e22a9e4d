package org.radbridge.ingest;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.radbridge.dicom.net.SpooledInstance;
import org.radbridge.dicom.sr.SrContent;
import org.radbridge.dicom.sr.StructuredReportWriter;
import org.radbridge.report.ReportRepository;
import org.radbridge.source.SpoolStager;
import org.radbridge.staging.Quarantine;
import org.radbridge.staging.StagingRepository;
import org.radbridge.testsupport.TestDatabase;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Report files with sidecars and DICOM SR instances, through the inbox and the C-STORE hand-off, into a real PostgreSQL. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportSourcesTest {
    static final String COMPREHENSIVE_SR = "1.2.840.10008.5.1.4.1.1.88.33";
    static final String ENHANCED_SR = "1.2.840.10008.5.1.4.1.1.88.22";

    @TempDir
    static Path tmp;
    private TestDatabase db;
    private IngestService ingest;
    private Quarantine quarantine;
    private StagingRepository staging;
    private ReportRepository reports;
    private Path inbox;
    private Path done;

    @BeforeAll
    void start() throws Exception {
        db = new TestDatabase(tmp);
        staging = new StagingRepository(db.dataSource());
        reports = new ReportRepository(db.dataSource());
        quarantine = new Quarantine(db.dataSource(), tmp.resolve("quarantine"));
        ingest = new IngestService(staging, reports, quarantine, null, 1, 30_000, Duration.ofSeconds(20));
        inbox = Files.createDirectories(tmp.resolve("inbox"));
        done = tmp.resolve("done");
    }

    @AfterAll
    void stop() throws Exception {
        if (db != null) db.close();
    }

    private static Path aged(Path p) throws Exception {
        Files.setLastModifiedTime(p, FileTime.from(Instant.now().minusSeconds(120)));
        return p;
    }

    @Test
    void reportWithSidecarIsStagedAndBothLeaveTheInbox() throws Exception {
        Path txt = aged(Files.writeString(inbox.resolve("r1.txt"), "FINDINGS: Small left pleural effusion.\nIMPRESSION: Effusion.\n"));
        Path json = aged(Files.writeString(inbox.resolve("r1.txt.json"),
                "{\"accessionNumber\": \"ACC-SC1\", \"patientId\": \"MRN-SC\", \"issuerOfPatientId\": \"HOSP\", \"reportStatus\": \"final\"}"));
        assertThat(ingest.ingestInboxFile(json, done)).as("the sidecar waits for its report").isTrue();
        assertThat(json).exists();
        assertThat(ingest.ingestInboxFile(txt, done)).isTrue();
        assertThat(txt).doesNotExist();
        assertThat(json).doesNotExist();
        assertThat(done.resolve("r1.txt")).exists();
        assertThat(done.resolve("r1.txt.json")).exists();
        assertThat(db.rows("SELECT accession_number, patient_id, issuer_of_patient_id, status, source, text FROM radbridge.report "
                + "WHERE accession_number = 'ACC-SC1'")).singleElement().satisfies(r -> assertThat(r).containsExactly(
                "ACC-SC1", "MRN-SC", "HOSP", "final", "inbox", "FINDINGS: Small left pleural effusion.\nIMPRESSION: Effusion."));
        assertThat(db.count("SELECT count(*) FROM radbridge.quarantine WHERE original_path LIKE '%r1.txt%'")).isZero();
    }

    @Test
    void aReportWithoutHeaderWaitsForItsSidecarThenIsQuarantined() throws Exception {
        Path young = Files.writeString(inbox.resolve("r2.txt"), "IMPRESSION: Normal.\n");
        assertThat(ingest.ingestInboxFile(young, done)).isTrue();
        assertThat(young).as("left for its sidecar").exists();
        assertThat(db.count("SELECT count(*) FROM radbridge.quarantine WHERE original_path LIKE '%r2.txt'")).isZero();
        aged(young);
        assertThat(ingest.ingestInboxFile(young, done)).isFalse();
        assertThat(young).doesNotExist();
        assertThat(db.rows("SELECT reason FROM radbridge.quarantine WHERE original_path LIKE '%r2.txt'"))
                .singleElement().satisfies(r -> assertThat(r[0]).contains("no header block"));
    }

    @Test
    void aSidecarWithoutReportAndABrokenSidecarAreQuarantined() throws Exception {
        Path orphan = aged(Files.writeString(inbox.resolve("lost.txt.json"), "{\"accessionNumber\": \"ACC-LOST\"}"));
        assertThat(ingest.ingestInboxFile(orphan, done)).isFalse();
        assertThat(db.rows("SELECT kind, reason FROM radbridge.quarantine WHERE original_path LIKE '%lost.txt.json'"))
                .singleElement().satisfies(r -> assertThat(r).containsExactly("report", "sidecar without its report file lost.txt"));

        Path txt = aged(Files.writeString(inbox.resolve("r3.txt"), "IMPRESSION: Normal.\n"));
        Path json = aged(Files.writeString(inbox.resolve("r3.txt.json"), "{\"accessionNumber\": \"ACC-R3\", "));
        assertThat(ingest.ingestInboxFile(txt, done)).isFalse();
        assertThat(txt).doesNotExist();
        assertThat(json).as("quarantined with its report, not left behind").doesNotExist();
        assertThat(db.rows("SELECT reason FROM radbridge.quarantine WHERE original_path LIKE '%r3.txt' OR original_path LIKE '%r3.txt.json' ORDER BY original_path"))
                .extracting(r -> r[0]).satisfiesExactly(
                        r -> assertThat(r).contains("sidecar is not valid JSON").contains("r3.txt.json"),
                        r -> assertThat(r).startsWith("sidecar of a quarantined report"));
        assertThat(db.count("SELECT count(*) FROM radbridge.report WHERE accession_number = 'ACC-R3'")).isZero();
    }

    @Test
    void emptyAndNonUtf8ReportsAreQuarantinedWithTheirReason() throws Exception {
        Path empty = aged(Files.write(inbox.resolve("empty.txt"), new byte[0]));
        Path latin1 = aged(Files.write(inbox.resolve("latin1.txt"), "Accession-Number: ACC-L1\n---\nL\u00e9sion h\u00e9patique.".getBytes(StandardCharsets.ISO_8859_1)));
        assertThat(ingest.ingestInboxFile(empty, done)).isFalse();
        assertThat(ingest.ingestInboxFile(latin1, done)).isFalse();
        assertThat(db.rows("SELECT reason FROM radbridge.quarantine WHERE original_path LIKE '%/empty.txt' OR original_path LIKE '%/latin1.txt' ORDER BY original_path"))
                .extracting(r -> r[0]).containsExactly("empty report file", "report is not valid UTF-8");
    }

    @Test
    void aOneMegabyteReportFileIsStaged() throws Exception {
        String text = "FINDINGS: " + "Stable postoperative appearance of the abdomen. ".repeat(22_000);
        Path big = aged(Files.writeString(inbox.resolve("big.txt"), "Accession-Number: ACC-1MB\n---\n" + text));
        assertThat(Files.size(big)).isGreaterThan(1_000_000);
        assertThat(ingest.ingestInboxFile(big, done)).isTrue();
        assertThat(db.count("SELECT length(text) FROM radbridge.report WHERE accession_number = 'ACC-1MB'")).isEqualTo(text.strip().length());
    }

    static Path writeSr(Path file, String sopClass, String sopUid, String accession, boolean withContent) throws Exception {
        SrContent.Code findings = new SrContent.Code("121070", "DCM", "Findings");
        SrContent.Code impression = new SrContent.Code("121073", "DCM", "Impression");
        List<SrContent> content = withContent ? List.of(
                SrContent.container("CONTAINS", findings, SrContent.text(new SrContent.Code("121071", "DCM", "Finding"), "No pneumothorax.")),
                SrContent.container("CONTAINS", impression, SrContent.text(impression, "Normal chest radiograph.")))
                : List.of();
        StructuredReportWriter.write(new StructuredReportWriter.Header(sopClass, sopUid, "2.25.7001", "2.25.7002", accession,
                "MRN-SR", "HOSP", "DOE^JOHN", "20240313", "083000", "COMPLETE", "VERIFIED", null),
                new SrContent.Code("18748-4", "LN", "Diagnostic Imaging Report"), content, file);
        return file;
    }

    @Test
    void anSrInTheInboxIsAnInstanceAndAReport() throws Exception {
        Path sr = aged(writeSr(inbox.resolve("sr1.dcm"), COMPREHENSIVE_SR, "2.25.7003", "ACC-SR1", true));
        assertThat(ingest.ingestInboxFile(sr, done)).isTrue();
        assertThat(db.count("SELECT count(*) FROM radbridge.instance WHERE sop_instance_uid = '2.25.7003' AND modality = 'SR'")).isEqualTo(1);
        assertThat(db.rows("SELECT accession_number, patient_id, issuer_of_patient_id, study_instance_uid, status, source, source_message_id, "
                + "report_date, text FROM radbridge.report WHERE accession_number = 'ACC-SR1'"))
                .singleElement().satisfies(r -> assertThat(r).containsExactly("ACC-SR1", "MRN-SR", "HOSP", "2.25.7001", "final", "dicom-sr",
                        "2.25.7003", "2024-03-13", "FINDINGS:\nNo pneumothorax.\n\nIMPRESSION:\nNormal chest radiograph."));
        assertThat(done.resolve("sr1.dcm")).exists();
    }

    @Test
    void anSrWithoutTextIsStagedAsInstanceAndItsReportQuarantined() throws Exception {
        Path sr = aged(writeSr(inbox.resolve("sr-empty.dcm"), ENHANCED_SR, "2.25.7004", "ACC-SR2", false));
        assertThat(ingest.ingestInboxFile(sr, done)).isTrue();
        assertThat(db.count("SELECT count(*) FROM radbridge.instance WHERE sop_instance_uid = '2.25.7004'")).isEqualTo(1);
        assertThat(db.count("SELECT count(*) FROM radbridge.report WHERE accession_number = 'ACC-SR2'")).isZero();
        assertThat(db.rows("SELECT kind, reason FROM radbridge.quarantine WHERE original_path LIKE '%sr-empty.dcm'"))
                .singleElement().satisfies(r -> assertThat(r).containsExactly("report", "SR document 2.25.7004 has no text content"));
    }

    @Test
    void anSrPushedWithCStoreGivesItsReportBeforeTheAnswer() throws Exception {
        Path spooled = writeSr(tmp.resolve("spool/sr2.dcm"), COMPREHENSIVE_SR, "2.25.7005", "ACC-SR3", true);
        new SpoolStager(staging, reports, quarantine, SpoolStager.SOURCE)
                .spooled(new SpooledInstance(spooled, "2.25.7001", COMPREHENSIVE_SR, "2.25.7005", "1.2.840.10008.1.2.1", "MODALITY", "127.0.0.1"));
        assertThat(db.count("SELECT count(*) FROM radbridge.instance WHERE sop_instance_uid = '2.25.7005' AND source = 'dimse-push'")).isEqualTo(1);
        assertThat(db.count("SELECT count(*) FROM radbridge.report WHERE accession_number = 'ACC-SR3' AND source = 'dicom-sr'")).isEqualTo(1);
    }
}
