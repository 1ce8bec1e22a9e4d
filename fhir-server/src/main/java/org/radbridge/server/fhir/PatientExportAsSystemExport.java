package org.radbridge.server.fhir;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.bulk.BulkExportJobParameters;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import org.hl7.fhir.r4.model.OperationOutcome;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Patient-level {@code $export} without HAPI's "index missing fields" (which HAPI requires for it and which writes an
 * index row for every search parameter a resource does not use, on every write). Every resource RadBridge writes into
 * a patient compartment (ImagingStudy, DiagnosticReport, Observation) names its Patient as subject, so "everything in
 * the patients' compartments" is exactly the system-level export of Patient and those types; for given patients
 * ({@code Patient/ID/$export}, {@code patient=}) each type is filtered on them with {@code _typeFilter}. The job is
 * started as that system-level export; the client sees a Patient-level export. Other compartment types (AuditEvent,
 * the access log) are not exported this way: a request for them is refused with a 400 OperationOutcome.
 */
@Interceptor
public final class PatientExportAsSystemExport {
    /** Patient-compartment types RadBridge writes, each with its search parameter for the patient. */
    static final List<String> TYPES = List.of("Patient", "ImagingStudy", "DiagnosticReport", "Observation");

    @Hook(Pointcut.STORAGE_INITIATE_BULK_EXPORT)
    public void initiate(BulkExportJobParameters job, RequestDetails request) {
        initiate(job, namesTypes(request));
    }

    /** @param clientNamedTypes the kick-off had {@code _type} (else HAPI has filled in every compartment type of R4) */
    void initiate(BulkExportJobParameters job, boolean clientNamedTypes) {
        if (job.getExportStyle() != BulkExportJobParameters.ExportStyle.PATIENT) return;
        Set<String> types = new LinkedHashSet<>(!clientNamedTypes || job.getResourceTypes() == null || job.getResourceTypes().isEmpty()
                ? TYPES : job.getResourceTypes());
        List<String> unsupported = types.stream().filter(t -> !TYPES.contains(t)).toList();
        if (!unsupported.isEmpty()) {
            String text = "Patient-level $export covers " + String.join(", ", TYPES) + "; not " + String.join(", ", unsupported);
            OperationOutcome oo = new OperationOutcome();
            oo.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR).setCode(OperationOutcome.IssueType.NOTSUPPORTED).setDiagnostics(text);
            throw new InvalidRequestException(text, oo);
        }
        List<String> patients = job.getPatientIds() == null ? List.of() : job.getPatientIds().stream()
                .map(p -> p.startsWith("Patient/") ? p.substring("Patient/".length()) : p).toList();
        if (!patients.isEmpty()) job.setFilters(patientFilters(types, patients, job.getFilters() == null ? List.of() : job.getFilters()));
        job.setResourceTypes(types);
        job.setPatientIds(List.of());
        job.setExportStyle(BulkExportJobParameters.ExportStyle.SYSTEM);
    }

    /** Whether the kick-off names {@code _type}: a GET parameter, or a parameter of a POSTed Parameters resource. */
    static boolean namesTypes(RequestDetails request) {
        if (request == null) return true;
        if (request.getParameters() != null && request.getParameters().containsKey("_type")) return true;
        return request.getResource() instanceof org.hl7.fhir.r4.model.Parameters p && p.getParameter().stream().anyMatch(x -> "_type".equals(x.getName()));
    }

    /**
     * The client's {@code _typeFilter}s narrowed to the patients (filters of one type are alternatives, so the patient
     * condition goes into each), and a patient filter for every type without one.
     */
    static List<String> patientFilters(Set<String> types, List<String> patients, List<String> clientFilters) {
        String ids = String.join(",", patients);
        String refs = patients.stream().map(p -> "Patient/" + p).collect(Collectors.joining(","));
        List<String> out = new ArrayList<>();
        Set<String> filtered = new LinkedHashSet<>();
        for (String f : clientFilters) {
            String type = f.contains("?") ? f.substring(0, f.indexOf('?')) : f;
            filtered.add(type);
            out.add(f + (f.contains("?") ? "&" : "?") + condition(type, ids, refs));
        }
        for (String type : types) if (!filtered.contains(type)) out.add(type + "?" + condition(type, ids, refs));
        return out;
    }

    private static String condition(String type, String ids, String refs) {
        return type.equals("Patient") ? "_id=" + ids : "patient=" + refs;
    }
}
