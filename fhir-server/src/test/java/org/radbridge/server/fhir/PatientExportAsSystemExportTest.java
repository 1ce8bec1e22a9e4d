package org.radbridge.server.fhir;

import ca.uhn.fhir.rest.api.server.bulk.BulkExportJobParameters;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PatientExportAsSystemExportTest {
    private final PatientExportAsSystemExport hook = new PatientExportAsSystemExport();

    private static BulkExportJobParameters job(BulkExportJobParameters.ExportStyle style, List<String> types, List<String> patients, List<String> filters) {
        BulkExportJobParameters j = new BulkExportJobParameters();
        j.setExportStyle(style);
        j.setResourceTypes(types);
        j.setPatientIds(patients);
        j.setFilters(filters);
        return j;
    }

    @Test
    void allPatientsBecomeTheSystemExportOfTheCompartmentTypes() {
        // without _type HAPI fills in every R4 compartment type
        BulkExportJobParameters j = job(BulkExportJobParameters.ExportStyle.PATIENT, List.of("Patient", "Encounter", "ImagingStudy", "Account"),
                List.of(), List.of());
        hook.initiate(j, false);
        assertThat(j.getExportStyle()).isEqualTo(BulkExportJobParameters.ExportStyle.SYSTEM);
        assertThat(j.getResourceTypes()).containsExactly("Patient", "ImagingStudy", "DiagnosticReport", "Observation");
        assertThat(j.getFilters()).isEmpty();
    }

    @Test
    void givenPatientsFilterEveryTypeAndNarrowTheClientsFilters() {
        BulkExportJobParameters j = job(BulkExportJobParameters.ExportStyle.PATIENT, List.of("Patient", "ImagingStudy", "Observation"),
                List.of("Patient/7", "9"), List.of("Observation?status=final"));
        hook.initiate(j, true);
        assertThat(j.getExportStyle()).isEqualTo(BulkExportJobParameters.ExportStyle.SYSTEM);
        assertThat(j.getPatientIds()).isEmpty();
        assertThat(j.getFilters()).containsExactlyInAnyOrder("Observation?status=final&patient=Patient/7,Patient/9",
                "Patient?_id=7,9", "ImagingStudy?patient=Patient/7,Patient/9");
    }

    @Test
    void typesOutsideWhatRadBridgeWritesIntoCompartmentsAreRefused() {
        BulkExportJobParameters j = job(BulkExportJobParameters.ExportStyle.PATIENT, List.of("ImagingStudy", "AuditEvent"), List.of(), List.of());
        assertThatThrownBy(() -> hook.initiate(j, true)).isInstanceOf(InvalidRequestException.class).hasMessageContaining("AuditEvent");
    }

    @Test
    void systemAndGroupExportsAreLeftAlone() {
        BulkExportJobParameters g = job(BulkExportJobParameters.ExportStyle.GROUP, List.of("ImagingStudy"), List.of(), List.of());
        hook.initiate(g, true);
        assertThat(g.getExportStyle()).isEqualTo(BulkExportJobParameters.ExportStyle.GROUP);
        assertThat(g.getResourceTypes()).containsExactly("ImagingStudy");
    }
}
