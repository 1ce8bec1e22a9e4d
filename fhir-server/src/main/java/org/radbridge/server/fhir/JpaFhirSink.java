package org.radbridge.server.fhir;

import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Meta;
import org.radbridge.write.fhir.FhirSink;

/** Writes to the embedded HAPI JPA server in-process, without an HTTP round trip per study. */
public final class JpaFhirSink implements FhirSink {
    private final IFhirSystemDao<Bundle, Meta> systemDao;

    public JpaFhirSink(IFhirSystemDao<Bundle, Meta> systemDao) {
        this.systemDao = systemDao;
    }

    @Override
    public Bundle transaction(Bundle bundle) {
        return systemDao.transaction(new SystemRequestDetails(), bundle);
    }
}
