package org.radbridge.server.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeSearchParam;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.util.ISearchParamRegistry;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Meta;
import org.hl7.fhir.r4.model.SearchParameter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Built-in search parameters the server does not index, stored as SearchParameter resources with status "retired"
 * under the built-in's canonical URL: HAPI then drops the built-in from its registry (a stored SearchParameter with
 * the same URL overrides it, and inactive ones are removed), so writes skip its extraction and its index rows.
 *
 * <p>ImagingStudy {@code instance} (SOP Instance UID, {@code ImagingStudy.series.instance.uid}) is the one that can be
 * left out: it is the only parameter with one index row per instance (a CT study writes hundreds; an archive of
 * millions of studies, billions), which made it the largest single cost of writing an ImagingStudy. It is left out
 * unless {@code radbridge.fhir.index-instance-uids} ({@code RADBRIDGE_FHIR_INDEX_INSTANCE_UIDS}) is true; turning it
 * back on deletes the override, and studies written meanwhile need a HAPI {@code $reindex} to be found by it. Finding
 * the study of a SOP instance is also answered by staging ({@code radbridge.instance}, keyed by SOP Instance UID); the
 * study-level parameters (identifier, patient, started, modality, series, dicom-class, ...) are always indexed.
 */
public final class UnindexedSearchParameters {
    private static final Logger log = LoggerFactory.getLogger(UnindexedSearchParameters.class);

    /** A built-in search parameter by resource type and code. */
    public record Param(String resourceType, String code) {
        @Override
        public String toString() {
            return resourceType + ":" + code;
        }
    }

    /** The built-in parameters that may be left unindexed. */
    public static final List<Param> OPTIONAL = List.of(new Param("ImagingStudy", "instance"));

    private final FhirContext context;
    private final IFhirSystemDao<Bundle, Meta> systemDao;
    private final ISearchParamRegistry registry;

    public UnindexedSearchParameters(FhirContext context, IFhirSystemDao<Bundle, Meta> systemDao, ISearchParamRegistry registry) {
        this.context = context;
        this.systemDao = systemDao;
        this.registry = registry;
    }

    /**
     * Stores the retired overrides of {@code unindexed} (a conditional PUT on the URL: an unchanged one is not written
     * again), deletes those of the other optional parameters, and refreshes the registry.
     */
    public void apply(List<Param> unindexed) {
        Bundle b = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        for (Param p : OPTIONAL) {
            RuntimeSearchParam builtIn = context.getResourceDefinition(p.resourceType()).getSearchParam(p.code());
            if (builtIn == null) throw new IllegalStateException("no built-in search parameter " + p);
            String url = builtIn.getUri();
            if (!unindexed.contains(p)) {
                b.addEntry().getRequest().setMethod(Bundle.HTTPVerb.DELETE).setUrl("SearchParameter?url=" + url);
                continue;
            }
            SearchParameter sp = new SearchParameter();
            sp.setUrl(url);
            sp.setName(p.code());
            sp.setCode(p.code());
            sp.addBase(p.resourceType());
            sp.setType(Enumerations.SearchParamType.fromCode(builtIn.getParamType().getCode()));
            sp.setExpression(builtIn.getPath());
            sp.setStatus(Enumerations.PublicationStatus.RETIRED);
            sp.setDescription("Not indexed by RadBridge (one index row per instance); see docs/research.md, Looking at the data");
            b.addEntry().setResource(sp).getRequest().setMethod(Bundle.HTTPVerb.PUT).setUrl("SearchParameter?url=" + url);
        }
        systemDao.transaction(new SystemRequestDetails(), b);
        registry.forceRefresh();
        log.info("FHIR search parameters not indexed: {}", unindexed.isEmpty() ? "none" : unindexed);
    }
}
