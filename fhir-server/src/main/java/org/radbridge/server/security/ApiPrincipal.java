package org.radbridge.server.security;

import org.radbridge.server.security.smart.SmartScopes;

/**
 * The holder of a valid token. {@code patientId} is the FHIR Patient id a PATIENT token (or the {@code patient/} scopes
 * of a SMART token) is limited to; {@code scopes} are the SMART scopes of a SMART token, null for the token file's roles.
 */
public record ApiPrincipal(String name, Role role, String patientId, SmartScopes scopes) {
    public ApiPrincipal {
        if (role == Role.PATIENT && (patientId == null || patientId.isBlank()))
            throw new IllegalArgumentException("a patient token needs the FHIR Patient id it is limited to");
        if ((role == Role.SMART) != (scopes != null))
            throw new IllegalArgumentException("SMART scopes belong to SMART tokens only");
    }

    public ApiPrincipal(String name, Role role, String patientId) {
        this(name, role, patientId, null);
    }

    public static ApiPrincipal smart(String name, SmartScopes scopes, String patientId) {
        return new ApiPrincipal(name, Role.SMART, patientId, scopes);
    }
}
