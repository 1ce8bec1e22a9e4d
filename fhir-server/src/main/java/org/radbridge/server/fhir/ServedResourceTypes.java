package org.radbridge.server.fhir;

import ca.uhn.fhir.rest.server.IResourceProvider;

import java.util.List;
import java.util.Set;

/**
 * The resource types the REST API serves: what RadBridge writes (the clinical view of studies and reports, the NLP
 * software and its provenance, the PACS endpoints, the audit trail, the published code systems and concept maps), what
 * an EHR creates to use it (Subscription, Group for {@code $export}), the Binary files of bulk exports and the
 * SearchParameters the capability statement links to. HAPI's JPA server has a provider for every R4 type; only these are
 * registered, so the generated CapabilityStatement lists exactly the types the server answers and any other type is
 * answered with HAPI's 404 OperationOutcome for an unknown resource type.
 */
public final class ServedResourceTypes {
    public static final Set<String> TYPES = Set.of("Patient", "ImagingStudy", "DiagnosticReport", "Observation", "Provenance", "Device",
            "Endpoint", "AuditEvent", "CodeSystem", "ConceptMap", "Subscription", "Group", "Binary", "SearchParameter");

    /** Served by RadBridge's own provider from the audit trail's table, not by HAPI's JPA storage ({@link AuditEventProvider}). */
    public static final Set<String> OWN_STORAGE = Set.of("AuditEvent");

    private ServedResourceTypes() {}

    /** The types served from HAPI's JPA storage. */
    public static Set<String> jpa() {
        Set<String> jpa = new java.util.HashSet<>(TYPES);
        jpa.removeAll(OWN_STORAGE);
        return jpa;
    }

    /** HAPI's JPA providers of the types served from its storage. */
    public static List<Object> of(List<?> providers) {
        Set<String> jpa = jpa();
        return providers.stream().filter(p -> !(p instanceof IResourceProvider r) || jpa.contains(r.getResourceType().getSimpleName()))
                .map(p -> (Object) p).toList();
    }
}
