package org.radbridge.server.security;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.interceptor.auth.AuthorizedList;
import ca.uhn.fhir.rest.server.interceptor.auth.SearchNarrowingInterceptor;

/**
 * Adds the patient's compartment to every search of a patient token, or of a SMART token whose scopes are all
 * {@code patient/} scopes, so a search returns that patient's resources instead of failing on the first foreign one.
 */
public final class PatientSearchNarrowing extends SearchNarrowingInterceptor {
    private final BearerAuthentication authentication;

    public PatientSearchNarrowing(BearerAuthentication authentication) {
        this.authentication = authentication;
    }

    @Override
    protected AuthorizedList buildAuthorizedList(RequestDetails request) {
        return authentication.principal(request)
                .filter(p -> p.role() == Role.PATIENT || (p.role() == Role.SMART && p.patientId() != null
                        && !p.scopes().hasContext(org.radbridge.server.security.smart.SmartScopes.Context.SYSTEM)
                        && !p.scopes().hasContext(org.radbridge.server.security.smart.SmartScopes.Context.USER)))
                .map(p -> new AuthorizedList().addCompartment("Patient/" + p.patientId()))
                .orElse(null);
    }
}
