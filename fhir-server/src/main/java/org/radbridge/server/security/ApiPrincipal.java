package org.radbridge.server.security;

/** The holder of a valid token. {@code patientId} is the FHIR Patient id a PATIENT token is limited to. */
public record ApiPrincipal(String name, Role role, String patientId) {
    public ApiPrincipal {
        if (role == Role.PATIENT && (patientId == null || patientId.isBlank()))
            throw new IllegalArgumentException("a patient token needs the FHIR Patient id it is limited to");
    }
}
