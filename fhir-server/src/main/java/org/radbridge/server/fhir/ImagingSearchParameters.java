package org.radbridge.server.fhir;

import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.util.ISearchParamRegistry;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Meta;
import org.hl7.fhir.r4.model.SearchParameter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Search parameters R4 lacks for imaging, stored as SearchParameter resources at start (a conditional PUT on the URL:
 * unchanged, nothing is written): {@code DiagnosticReport?imaging-study=ImagingStudy/ID} (the reports of a study, R4's
 * {@code DiagnosticReport.imagingStudy}) and with it {@code ImagingStudy?_revinclude=DiagnosticReport:imaging-study}.
 * HAPI reindexes the stored reports when the parameter is first created.
 */
public final class ImagingSearchParameters {
    private static final Logger log = LoggerFactory.getLogger(ImagingSearchParameters.class);
    public static final String IMAGING_STUDY_URL = "urn:radbridge:SearchParameter/DiagnosticReport-imaging-study";

    private final IFhirSystemDao<Bundle, Meta> systemDao;
    private final ISearchParamRegistry registry;

    public ImagingSearchParameters(IFhirSystemDao<Bundle, Meta> systemDao, ISearchParamRegistry registry) {
        this.systemDao = systemDao;
        this.registry = registry;
    }

    public static SearchParameter imagingStudy() {
        SearchParameter sp = new SearchParameter();
        sp.setUrl(IMAGING_STUDY_URL);
        sp.setName("imaging-study");
        sp.setCode("imaging-study");
        sp.addBase("DiagnosticReport");
        sp.setType(Enumerations.SearchParamType.REFERENCE);
        sp.addTarget("ImagingStudy");
        sp.setExpression("DiagnosticReport.imagingStudy");
        sp.setXpathUsage(SearchParameter.XPathUsageType.NORMAL);
        sp.setStatus(Enumerations.PublicationStatus.ACTIVE);
        sp.setPublisher("RadBridge");
        sp.setDescription("The ImagingStudy a DiagnosticReport reports on (DiagnosticReport.imagingStudy)");
        return sp;
    }

    public void apply() {
        Bundle b = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        SearchParameter sp = imagingStudy();
        b.addEntry().setResource(sp).getRequest().setMethod(Bundle.HTTPVerb.PUT).setUrl("SearchParameter?url=" + sp.getUrl());
        systemDao.transaction(new SystemRequestDetails(), b);
        registry.forceRefresh();
        log.info("FHIR search parameter DiagnosticReport:imaging-study active");
    }
}
