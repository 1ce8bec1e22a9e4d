package org.radbridge.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.radbridge.bench.generate.GenerateOptions;
import org.radbridge.bench.generate.SyntheticPacsGenerator;
import org.radbridge.ingest.IngestService;
import org.radbridge.server.E2eSupport;
import org.radbridge.server.InProcessServer;
import org.radbridge.server.mappings.MappingsService;
import org.radbridge.server.mappings.ReloadReprojection;
import org.springframework.context.ConfigurableApplicationContext;

import javax.sql.DataSource;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code radbridge dq} on a real load (generated studies with reports through the whole pipeline): no check fails
 * or errs, before and after the import of a synthetic Athena download (whose codes turn site concepts non-standard
 * and re-project the load); and a load broken on purpose makes the imaging checks fail with exit status 1.
 */
@Tag("e2e")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DqCommandEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private String savedDbUrl;
    private InProcessServer server;
    private Path work;
    private Path home;
    private int dbPort;
    private ConfigurableApplicationContext ctx;

    @BeforeAll
    void start() throws Exception {
        savedDbUrl = System.getProperty("radbridge.db.url");
        home = Path.of(System.getProperty("radbridge.home", "..")).toAbsolutePath().normalize();
        work = Files.createTempDirectory("radbridge-dq-e2e");
        Path pacs = work.resolve("pacs");
        new SyntheticPacsGenerator(new GenerateOptions(4, 12L, pacs)).generate();
        server = InProcessServer.in(work).home(home).pseudonymKey("dq-e2e-key-0123456789abcdef").pipelineOnly().start();
        ctx = server.context();
        dbPort = server.dbPort();
        ctx.getBean(IngestService.class).ingest(List.of(pacs.resolve("dicom"), pacs.resolve("reports")), "folder");
        // the command opens the database of the running context as a user would open an external one
        System.setProperty("radbridge.db.url", "jdbc:postgresql://127.0.0.1:" + dbPort + "/radbridge");
    }

    @AfterAll
    void stop() throws Exception {
        if (server != null) server.close();
        if (savedDbUrl == null) System.clearProperty("radbridge.db.url");
        else System.setProperty("radbridge.db.url", savedDbUrl);
        InProcessServer.deleteTree(work);
    }

    private DataSource db() {
        return ctx.getBean("radbridgeDataSource", DataSource.class);
    }

    /** Runs the command as Main does, returning its exit status and stdout. */
    private Object[] dq(String... args) throws Exception {
        PrintStream before = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int rc;
        try (PrintStream p = new PrintStream(out, true, StandardCharsets.UTF_8)) {
            System.setOut(p);
            rc = DqCommand.run(args);
        } finally {
            System.setOut(before);
        }
        return new Object[] {rc, out.toString(StandardCharsets.UTF_8)};
    }

    @Test
    @Order(1)
    void dqFindsNoFailureOnTheLoad() throws Exception {
        assertThat(E2eSupport.count(db(), "SELECT count(*) FROM omop.note_nlp")).isPositive();
        DataQualityE2e.assertNoFailures(db(), home, work.resolve("lib.json"));
        Path json = work.resolve("dq.json");
        Object[] r = dq("--json", json.toString());
        assertThat((String) r[1]).containsPattern("\\d+ checks: \\d+ passed, 0 failed, \\d+ not applicable, 0 errors");
        assertThat(r[0]).as((String) r[1]).isEqualTo(0);
        JsonNode doc = JSON.readTree(json.toFile());
        assertThat(doc.path("summary").path("fail").asInt()).isZero();
        assertThat(doc.path("checks").size()).isGreaterThan(300);
    }

    @Test
    @Order(2)
    void dqFindsNoFailureAfterAnAthenaImport() throws Exception {
        Path athena = work.resolve("athena");
        DataQualityE2e.writeSyntheticAthena(athena, 1_500_000_000L, 400);
        String summary = ctx.getBean(MappingsService.class).importVocabulary(athena);
        ctx.getBean(ReloadReprojection.class).awaitIdle();
        assertThat(summary).contains("Mappings reloaded");
        // site concepts whose codes the download holds now map to its concepts and are no longer standard
        assertThat(E2eSupport.count(db(), "SELECT count(*) FROM omop.concept_relationship r JOIN omop.concept s ON s.concept_id = r.concept_id_1 "
                + "WHERE r.relationship_id = 'Maps to' AND s.concept_id >= 2000000000 AND s.standard_concept IS NULL "
                + "AND r.concept_id_2 BETWEEN 1500000000 AND 1500000399")).isGreaterThanOrEqualTo(5);
        assertThat(E2eSupport.count(db(), "SELECT count(*) FROM radbridge.study WHERE dirty")).isZero();
        assertThat(E2eSupport.count(db(), "SELECT count(*) FROM omop.cdm_source WHERE vocabulary_version = 'v5.0 SYNTHETIC'")).isEqualTo(1);
        DataQualityE2e.assertNoFailures(db(), home, work.resolve("lib-athena.json"));
        Object[] r = dq();
        assertThat(r[0]).as((String) r[1]).isEqualTo(0);
    }

    @Test
    @Order(3)
    void aBrokenLoadFailsTheImagingChecksWithExitStatusOne() throws Exception {
        try (Connection c = db().getConnection(); Statement st = c.createStatement()) {
            st.executeUpdate("UPDATE omop.image_feature SET image_feature_event_id = -1 WHERE image_feature_id = (SELECT min(image_feature_id) FROM omop.image_feature)");
            st.executeUpdate("UPDATE omop.note_nlp SET \"offset\" = '99999' WHERE note_nlp_id = (SELECT min(note_nlp_id) FROM omop.note_nlp)");
            st.executeUpdate("UPDATE omop.image_occurrence SET person_id = -5 WHERE image_occurrence_id = (SELECT min(image_occurrence_id) FROM omop.image_occurrence)");
        }
        Object[] r = dq();
        String table = (String) r[1];
        assertThat(r[0]).isEqualTo(1);
        assertThat(table.lines().filter(l -> l.startsWith("FAIL"))).anySatisfy(l -> assertThat(l).contains("imageFeatureEvent"))
                .anySatisfy(l -> assertThat(l).contains("noteNlpOffsetInText")).anySatisfy(l -> assertThat(l).contains("imageProcedurePerson"))
                .anySatisfy(l -> assertThat(l).contains("isForeignKey").contains("image_occurrence").contains("person_id"));
    }
}
