package org.radbridge.server.security.smart;

/**
 * A backend-services client: its id, its public keys (a JWKS copied in at registration, or the URL it publishes them
 * at), the scopes it may be granted, and the FHIR Patient id its {@code patient/} scopes are limited to, if any.
 */
public record SmartClient(String clientId, String jwks, String jwksUrl, String scope, String patient, String created) {
    public SmartClient {
        if ((jwks == null) == (jwksUrl == null))
            throw new IllegalArgumentException("a client has either a registered JWKS or a JWKS URL");
    }
}
