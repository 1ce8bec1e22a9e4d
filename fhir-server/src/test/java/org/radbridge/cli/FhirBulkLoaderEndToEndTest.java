package org.radbridge.cli;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radbridge.config.RadBridgeSettings;
import org.radbridge.server.InProcessServer;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bench loader's MRN → Patient id record, against the Patients HAPI stored: it took the ids by position in the
 * transaction response from the request bundle's entry list, which HAPI reorders while processing it, so every id
 * named another resource of the batch (and every bench search by patient matched nothing).
 */
@Tag("e2e")
class FhirBulkLoaderEndToEndTest {
    @TempDir
    Path work;

    @Test
    void everyMrnIsRecordedWithTheIdOfItsOwnPatient() throws Exception {
        try (InProcessServer server = InProcessServer.in(work).pipelineOnly().start()) {
            ConfigurableApplicationContext ctx = server.context();
            List<BenchStudies.Exam> exams = List.of(
                    new BenchStudies.Exam("CT", "CT CHEST", "FINDINGS: Small right pleural effusion.\nIMPRESSION: Pleural effusion."),
                    new BenchStudies.Exam("MR", "MR BRAIN", "FINDINGS: No acute infarct.\nIMPRESSION: Normal MRI of the brain."));
            FhirBulkLoader loader = FhirBench.loader(ctx, ctx.getBean(RadBridgeSettings.class), exams);
            List<BenchStudies.Study> studies = BenchStudies.generate(40, exams.size(), 16);
            Map<String, String> ids = new ConcurrentHashMap<>();
            // several patients per transaction, on two threads, as the bench loads
            loader.load(studies, 0, 2, 8, (through, newIds) -> ids.putAll(newIds));

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
}
