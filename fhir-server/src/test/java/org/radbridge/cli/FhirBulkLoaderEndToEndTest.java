package org.radbridge.cli;

import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.jpa.subscription.submit.interceptor.SubscriptionMatcherInterceptor;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.DateParam;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.ParamPrefixEnum;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenParam;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.ImagingStudy;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Subscription;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radbridge.config.RadBridgeSettings;
import org.radbridge.server.InProcessServer;
import org.springframework.context.ConfigurableApplicationContext;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bench's bulk loader against the Patients HAPI stored: it took the ids by position in the transaction response
 * from the request bundle's entry list, which HAPI reorders while processing it, so every id named another resource of
 * the batch (and every bench search by patient matched nothing). And its bulk-load mode ({@link BulkLoadMode}): the
 * same studies loaded with and without it leave the same resources, index rows and search answers.
 */
@Tag("e2e")
class FhirBulkLoaderEndToEndTest {
    private static final List<BenchStudies.Exam> EXAMS = List.of(
            new BenchStudies.Exam("CT", "CT CHEST", "FINDINGS: Small right pleural effusion. 12 mm nodule in the left upper lobe.\n"
                    + "IMPRESSION: Pleural effusion. Lung nodule."),
            new BenchStudies.Exam("MR", "MR BRAIN", "FINDINGS: No acute infarct.\nIMPRESSION: Normal MRI of the brain."),
            new BenchStudies.Exam("CR", "XR CHEST 2 VIEWS", "FINDINGS: Cardiomegaly. No pneumothorax.\nIMPRESSION: Enlarged heart."));
    /** HAPI's index tables, whose rows must be the same whichever way the studies were written. */
    private static final List<String> INDEX_TABLES = List.of("hfj_resource", "hfj_res_ver", "hfj_res_link", "hfj_res_tag",
            "hfj_spidx_token", "hfj_spidx_string", "hfj_spidx_date", "hfj_spidx_uri", "hfj_spidx_quantity", "hfj_spidx_number",
            "hfj_spidx_coords", "hfj_res_search_url");

    @TempDir
    Path work;

    @Test
    void everyMrnIsRecordedWithTheIdOfItsOwnPatient() throws Exception {
        try (InProcessServer server = InProcessServer.in(work).pipelineOnly().start()) {
            ConfigurableApplicationContext ctx = server.context();
            List<BenchStudies.Study> studies = BenchStudies.generate(40, EXAMS.size(), 16);
            // several patients per transaction, on two threads, as the bench loads
            Map<String, String> ids = load(ctx, studies, 8, false);

            Set<String> mrns = studies.stream().map(BenchStudies.Study::mrn).collect(Collectors.toSet());
            assertThat(mrns).hasSizeGreaterThan(10);
            assertThat(ids.keySet()).isEqualTo(mrns);
            IFhirResourceDao<Patient> patients = ctx.getBean(DaoRegistry.class).getResourceDao(Patient.class);
            for (Map.Entry<String, String> e : ids.entrySet()) {
                Patient p = patients.read(new IdType("Patient", e.getValue()), new SystemRequestDetails());
                assertThat(p.getIdentifier()).as("Patient/" + e.getValue() + " for " + e.getKey())
                        .anyMatch(i -> e.getKey().equals(i.getValue()));
            }
        }
    }

    /**
     * 300 studies written plainly into one server and in bulk-load mode into another: per resource type the same
     * count, per index table the same number of rows, and the same answers to searches by patient, by modality + date
     * range and by identifier (the studies' accession numbers, Patient ids being the server's own). Afterwards the
     * subscription matcher is registered again; and with a Subscription waiting the mode leaves it on.
     */
    @Test
    void bulkLoadModeWritesWhatThePlainLoadWrites() throws Exception {
        List<BenchStudies.Study> studies = BenchStudies.generate(300, EXAMS.size(), 26);
        Snapshot plain;
        try (InProcessServer server = InProcessServer.in(work.resolve("plain")).pipelineOnly().start()) {
            ConfigurableApplicationContext ctx = server.context();
            plain = snapshot(ctx, studies, load(ctx, studies, 20, false));

            Subscription s = new Subscription();
            s.setStatus(Subscription.SubscriptionStatus.REQUESTED).setReason("bench test").setCriteria("DiagnosticReport?status=final");
            s.getChannel().setType(Subscription.SubscriptionChannelType.RESTHOOK).setEndpoint("http://127.0.0.1:9/hook")
                    .setPayload("application/fhir+json");
            ctx.getBean(DaoRegistry.class).getResourceDao(Subscription.class).create(s, new SystemRequestDetails());
            try (BulkLoadMode mode = BulkLoadMode.enter(ctx)) {
                assertThat(mode.subscriptionMatchingOff()).as("a Subscription is waiting").isFalse();
                assertThat(matcherRegistered(ctx)).isTrue();
            }
        }
        Snapshot bulk;
        try (InProcessServer server = InProcessServer.in(work.resolve("bulk")).pipelineOnly().start()) {
            ConfigurableApplicationContext ctx = server.context();
            bulk = snapshot(ctx, studies, load(ctx, studies, 20, true));
            assertThat(matcherRegistered(ctx)).as("the matcher is back after the load").isTrue();
        }

        assertThat(plain.counts().get("ImagingStudy")).isEqualTo(300);
        assertThat(plain.counts().get("DiagnosticReport")).isEqualTo(300);
        assertThat(plain.counts().get("Observation")).isGreaterThan(300);
        assertThat(bulk.counts()).isEqualTo(plain.counts());
        assertThat(plain.indexRows().get("hfj_spidx_token")).isGreaterThan(3000);
        assertThat(bulk.indexRows()).isEqualTo(plain.indexRows());
        assertThat(plain.answers().values()).anyMatch(a -> a.size() > 1);
        assertThat(bulk.answers()).isEqualTo(plain.answers());
    }

    private static Map<String, String> load(ConfigurableApplicationContext ctx, List<BenchStudies.Study> studies, int batch, boolean bulkMode)
            throws Exception {
        FhirBulkLoader loader = FhirBench.loader(ctx, ctx.getBean(RadBridgeSettings.class), EXAMS);
        Map<String, String> ids = new ConcurrentHashMap<>();
        if (!bulkMode) {
            loader.load(studies, 0, 2, batch, (through, newIds) -> ids.putAll(newIds));
            return ids;
        }
        try (BulkLoadMode mode = BulkLoadMode.enter(ctx)) {
            assertThat(mode.subscriptionMatchingOff()).isTrue();
            assertThat(matcherRegistered(ctx)).isFalse();
            loader.load(studies, 0, 2, batch, (through, newIds) -> ids.putAll(newIds));
        }
        return ids;
    }

    private static boolean matcherRegistered(ConfigurableApplicationContext ctx) {
        SubscriptionMatcherInterceptor matcher = ctx.getBean(SubscriptionMatcherInterceptor.class);
        return ctx.getBean(IInterceptorService.class).getAllRegisteredInterceptors().contains(matcher);
    }

    /** What a load left: resources per type, rows per index table, and search answers as sorted accession numbers. */
    private record Snapshot(Map<String, Integer> counts, Map<String, Long> indexRows, Map<String, Set<String>> answers) {}

    private static Snapshot snapshot(ConfigurableApplicationContext ctx, List<BenchStudies.Study> studies, Map<String, String> patientIds)
            throws Exception {
        DaoRegistry daos = ctx.getBean(DaoRegistry.class);
        Map<String, Integer> counts = new TreeMap<>();
        for (String type : List.of("Patient", "ImagingStudy", "DiagnosticReport", "Observation", "Provenance", "Device")) {
            counts.put(type, daos.getResourceDao(type).search(SearchParameterMap.newSynchronous(), new SystemRequestDetails()).size());
        }
        Map<String, Long> rows = new TreeMap<>();
        try (Connection c = ctx.getBean(DataSource.class).getConnection(); Statement st = c.createStatement()) {
            for (String table : INDEX_TABLES) {
                try (ResultSet rs = st.executeQuery("SELECT count(*) FROM fhir." + table)) {
                    rs.next();
                    rows.put(table, rs.getLong(1));
                }
            }
        }
        String accessionSystem = ctx.getBean(RadBridgeSettings.class).accessionSystem();
        IFhirResourceDao<ImagingStudy> imaging = daos.getResourceDao(ImagingStudy.class);
        Map<String, Set<String>> answers = new TreeMap<>();
        for (BenchStudies.Study s : studies.subList(0, 30)) {
            SearchParameterMap byPatient = SearchParameterMap.newSynchronous()
                    .add("patient", new ReferenceParam("Patient/" + patientIds.get(s.mrn())));
            answers.put("patient " + s.mrn(), accessions(imaging.search(byPatient, new SystemRequestDetails()).getAllResources(), accessionSystem));
            SearchParameterMap byModalityDate = SearchParameterMap.newSynchronous()
                    .add("modality", new TokenParam("http://dicom.nema.org/resources/ontology/DCM", EXAMS.get(s.exam()).modality()))
                    .add("started", new DateRangeParam(new DateParam(ParamPrefixEnum.GREATERTHAN_OR_EQUALS, s.date().minusDays(400).toString()),
                            new DateParam(ParamPrefixEnum.LESSTHAN_OR_EQUALS, s.date().plusDays(400).toString())));
            answers.put("modality+date " + s.accession(), accessions(imaging.search(byModalityDate, new SystemRequestDetails()).getAllResources(), accessionSystem));
            SearchParameterMap byUid = SearchParameterMap.newSynchronous().add("identifier", new TokenParam("urn:dicom:uid", "urn:oid:" + s.uid()));
            answers.put("uid " + s.accession(), accessions(imaging.search(byUid, new SystemRequestDetails()).getAllResources(), accessionSystem));
            SearchParameterMap reportByAccession = SearchParameterMap.newSynchronous().add("identifier", new TokenParam(accessionSystem, s.accession()));
            answers.put("report " + s.accession(), daos.getResourceDao("DiagnosticReport").search(reportByAccession, new SystemRequestDetails())
                    .getAllResources().stream().map(r -> ((org.hl7.fhir.r4.model.DiagnosticReport) r).getConclusion() + " / "
                            + ((org.hl7.fhir.r4.model.DiagnosticReport) r).getResult().size() + " results")
                    .collect(Collectors.toCollection(TreeSet::new)));
        }
        return new Snapshot(counts, rows, answers);
    }

    private static Set<String> accessions(List<IBaseResource> found, String accessionSystem) {
        Set<String> out = new TreeSet<>();
        List<String> missing = new ArrayList<>();
        for (IBaseResource r : found) {
            ImagingStudy s = (ImagingStudy) r;
            s.getIdentifier().stream().filter(i -> accessionSystem.equals(i.getSystem())).findFirst()
                    .ifPresentOrElse(i -> out.add(i.getValue()), () -> missing.add(s.getIdElement().getIdPart()));
        }
        assertThat(missing).as("ImagingStudies without an accession number").isEmpty();
        return out;
    }
}
