package org.radbridge.server.corpus;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.radbridge.ingest.IngestService;
import org.radbridge.ingest.IngestSummary;
import org.radbridge.server.E2eSupport;
import org.radbridge.server.InProcessServer;
import org.radbridge.server.ViewCounts;
import org.radbridge.staging.StagingRepository;
import org.radbridge.staging.StudyView;
import org.springframework.context.ConfigurableApplicationContext;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The public DICOM corpus ({@code ../shared/dicom-corpus}: files from other toolkits, none written here) through the whole
 * pipeline: every file staged or quarantined with a reason, no study left in a retry loop, every staged study in FHIR,
 * every study with a derivable date and year of birth in OMOP, and every other one listed with the reason. Then, on the
 * same server, a small fuzzing campaign ({@code bench fuzz}'s smoke size): mutated files by folder and C-STORE,
 * mutated ORU messages by MLLP, with no crash, hang or lost input and the health check answering.
 */
@Tag("e2e")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class DicomCorpusEndToEndTest {
    private Path corpus;
    private Path work;
    private ConfigurableApplicationContext ctx;
    private InProcessServer server;
    private IngestSummary summary;
    private DataSource db;

    @BeforeAll
    void start() throws Exception {
        corpus = Path.of(System.getProperty("radbridge.home", "..")).toAbsolutePath().normalize().resolve("../shared/dicom-corpus").normalize();
        assumeTrue(Files.isDirectory(corpus), "the public DICOM corpus is not at " + corpus + " (only where ../shared exists)");
        work = Files.createTempDirectory("radbridge-corpus");
        // server mode for the C-STORE and MLLP listeners of the fuzz smoke run; projections only when the test asks
        server = InProcessServer.in(work).pseudonymKey("corpus-e2e-key-0123456789abcdef").serverModeTestProjects().start();
        ctx = server.context();
        db = ctx.getBean("radbridgeDataSource", DataSource.class);
        summary = ctx.getBean(IngestService.class).ingest(List.of(corpus), "folder");
    }

    @AfterAll
    void stop() throws IOException {
        if (server != null) server.close();
        InProcessServer.deleteTree(work);
    }

    private List<String> strings(String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = db.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) out.add(rs.getString(1));
        }
        return out;
    }

    @Test
    @org.junit.jupiter.api.Order(1)
    void everyFileIsStagedOrQuarantinedWithAReason() throws Exception {
        Set<String> taken = new HashSet<>(strings("SELECT file_path FROM radbridge.instance"));
        taken.addAll(strings("SELECT original_path FROM radbridge.quarantine WHERE reason <> ''"));
        Set<String> stagedUids = new HashSet<>(strings("SELECT sop_instance_uid FROM radbridge.instance"));
        org.radbridge.dicom.DicomHeaderReader reader = new org.radbridge.dicom.DicomHeaderReader();
        List<String> lost = new ArrayList<>();
        try (Stream<Path> files = Files.walk(corpus)) {
            for (Path p : files.filter(Files::isRegularFile).filter(x -> !x.getFileName().toString().startsWith("."))
                    .filter(x -> !x.getFileName().toString().endsWith(".json")).toList()) {
                if (taken.contains(p.toAbsolutePath().toString())) continue;
                // the same instance in another encoding (the corpus has several): staged once, by its SOP Instance UID
                String uid = reader.read(p).sopInstanceUid();
                if (!stagedUids.contains(uid)) lost.add(p.toString());
            }
        }
        assertThat(lost).as("files neither staged nor quarantined").isEmpty();
        assertThat(summary.instancesNew() + summary.instancesAlreadyStaged() + summary.quarantined().size())
                .as("every file counted once (SR reports quarantined beside their staged instance count twice)")
                .isGreaterThanOrEqualTo(summary.filesSeen());
        assertThat(summary.instancesNew()).isPositive();
    }

    @Test
    @org.junit.jupiter.api.Order(2)
    void noStudyIsStuckAndEveryStagedStudyIsInFhir() throws Exception {
        assertThat(E2eSupport.count(db, "SELECT count(*) FROM radbridge.study WHERE dirty")).as("studies left pending").isZero();
        assertThat(strings("SELECT study_instance_uid || ': ' || projection_failed_reason FROM radbridge.study "
                + "WHERE projection_failed_reason IS NOT NULL")).as("studies whose projection failed").isEmpty();
        Map<String, Long> counts = ctx.getBean(ViewCounts.class).counts();
        assertThat(counts.get("FHIR ImagingStudy")).isEqualTo(counts.get("radbridge.study"));
        assertThat(summary.projectionProblems()).noneMatch(p -> p.contains("will retry"));
    }

    @Test
    @org.junit.jupiter.api.Order(3)
    void everyStudyWithADateAndAYearOfBirthIsInOmopAndTheOthersAreListed() throws Exception {
        StagingRepository staging = ctx.getBean(StagingRepository.class);
        List<String> derivable = new ArrayList<>();
        List<String> notDerivable = new ArrayList<>();
        Set<String> realPatients = new HashSet<>();
        int placeholderStudies = 0;
        for (String uid : staging.allStudies()) {
            StudyView s = staging.load(uid);
            (s.facts().date() != null && s.facts().yearOfBirth() != null ? derivable : notDerivable).add(uid);
            if (s.placeholderPatient()) placeholderStudies++;
            else realPatients.add(s.issuerOfPatientId() + "|" + s.patientId());
        }
        assertThat(derivable).as("the corpus has studies OMOP can take").isNotEmpty();
        assertThat(E2eSupport.count(db, "SELECT count(*) FROM omop.procedure_occurrence")).isEqualTo(derivable.size());
        List<String> listed = strings("SELECT study_instance_uid FROM radbridge.study WHERE omop_excluded_reason IS NOT NULL");
        assertThat(listed).containsExactlyInAnyOrderElementsOf(notDerivable);
        assertThat(summary.studies(StagingRepository.StudyNote.NOT_IN_OMOP)).isEqualTo(notDerivable.size());
        assertThat(summary.describe()).contains("Studies in FHIR, not in OMOP: " + notDerivable.size());
        // studies whose PatientID is empty or a placeholder each have a Patient of their own
        assertThat(placeholderStudies).as("the corpus has studies without a usable PatientID").isPositive();
        assertThat(summary.studies(StagingRepository.StudyNote.PLACEHOLDER)).isEqualTo(placeholderStudies);
        assertThat(ctx.getBean(ViewCounts.class).counts().get("FHIR Patient")).isEqualTo(realPatients.size() + placeholderStudies);
    }

    @Test
    @org.junit.jupiter.api.Order(4)
    void aSmallFuzzingCampaignCrashesHangsAndLosesNothing() throws Exception {
        org.radbridge.cli.FuzzCommand.Result r = org.radbridge.cli.FuzzCommand.campaign(ctx, work.resolve("fuzz"), 200, 40, 80, 20261205L);
        System.out.print(org.radbridge.cli.FuzzCommand.report(r));
        assertThat(r.tally().total("folder")).isEqualTo(200);
        assertThat(r.tally().total("mllp")).isEqualTo(80);
        assertThat(r.crashes()).isZero();
        assertThat(r.hangs()).isZero();
        assertThat(r.lost()).isZero();
        assertThat(r.healthFailures()).isZero();
        assertThat(r.tally().count("folder", "quarantined")).as("mutations that break files are quarantined").isPositive();
        assertThat(r.tally().count("mllp", "AA")).as("intact messages are accepted").isPositive();
    }
}
