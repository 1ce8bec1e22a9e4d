package org.radbridge.server.security;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import org.hl7.fhir.instance.model.api.IBaseOperationOutcome;

/**
 * A 401 answered with an OperationOutcome. HAPI's own AuthenticationException is written as plain text by its
 * RestfulServer, whatever OperationOutcome it carries; this one goes through the ordinary FHIR error response.
 */
public final class UnauthorizedException extends BaseServerResponseException {
    public UnauthorizedException(String message, IBaseOperationOutcome outcome) {
        super(401, message, outcome);
    }
}
