package org.radbridge.server.security;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.storage.interceptor.balp.IBalpAuditContextServices;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;

/** Names the token holder and the client in the IHE BALP AuditEvents HAPI writes per request. */
public final class AuditContext implements IBalpAuditContextServices {
    private static final String TOKEN_SYSTEM = "urn:radbridge:api-token";

    private final BearerAuthentication authentication;

    public AuditContext(BearerAuthentication authentication) {
        this.authentication = authentication;
    }

    @Override
    public Reference getAgentClientWho(RequestDetails request) {
        String agent = request.getHeader("User-Agent");
        return new Reference().setDisplay(agent == null ? "unknown client" : agent);
    }

    @Override
    public Reference getAgentUserWho(RequestDetails request) {
        return authentication.principal(request)
                .map(p -> new Reference().setIdentifier(new Identifier().setSystem(TOKEN_SYSTEM).setValue(p.name()))
                        .setDisplay(p.name() + " (" + p.role().label() + ")"))
                .orElse(new Reference().setDisplay("anonymous"));
    }
}
