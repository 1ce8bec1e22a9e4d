package org.radbridge.server.security;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import org.radbridge.server.security.smart.SmartScopes.Context;
import org.radbridge.server.security.smart.SmartScopes.Interaction;

/**
 * The finer half of SMART v2 scopes that HAPI's rule builder does not express: read versus search ({@code .r} without
 * {@code .s}) and create versus update ({@code .c} without {@code .u}). Runs before the request is handled, with a
 * precise 403 naming the missing scope; HAPI's {@link FhirAccessRules} then applies the type and compartment rules
 * to what goes in and out.
 */
@Interceptor
public final class SmartInteractionCheck {
    private final BearerAuthentication authentication;
    private final RefusalAudit refusals;

    public SmartInteractionCheck(BearerAuthentication authentication, RefusalAudit refusals) {
        this.authentication = authentication;
        this.refusals = refusals;
    }

    @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
    public void check(RequestDetails request, RestOperationTypeEnum operation) {
        ApiPrincipal p = authentication.principal(request).orElse(null);
        if (p == null || p.role() != Role.SMART) return;
        Interaction needed = switch (operation) {
            case READ, VREAD, HISTORY_INSTANCE -> Interaction.READ;
            case SEARCH_TYPE, HISTORY_TYPE -> Interaction.SEARCH;
            case CREATE -> Interaction.CREATE;
            case UPDATE, PATCH -> Interaction.UPDATE;
            case DELETE -> Interaction.DELETE;
            default -> null;
        };
        String type = request.getResourceName();
        if (needed == null || type == null) return;
        boolean system = p.scopes().allows(Context.SYSTEM, type, needed) || p.scopes().allows(Context.USER, type, needed);
        boolean patient = p.patientId() != null && p.scopes().allows(Context.PATIENT, type, needed);
        if (system || patient) return;
        String reason = "the token's scopes do not allow " + needed.name().toLowerCase(java.util.Locale.ROOT) + " on " + type
                + (p.patientId() == null && p.scopes().allows(Context.PATIENT, type, needed) ? " (patient/ scopes need a patient in the token)" : "");
        refusals.refused(FhirAccessRules.method(request), FhirAccessRules.path(request), p.name(), FhirAccessRules.remote(request), 403, reason);
        throw new ForbiddenOperationException(reason, FhirAccessRules.outcome(org.hl7.fhir.r4.model.OperationOutcome.IssueType.FORBIDDEN, reason));
    }
}
