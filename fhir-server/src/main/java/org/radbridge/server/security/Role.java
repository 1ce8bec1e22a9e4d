package org.radbridge.server.security;

import java.util.Locale;

/**
 * What a caller of the HTTP interfaces may do. The clinical view holds identified data, so every
 * role is explicit; there is no anonymous access beyond the capability statement and health.
 */
public enum Role {
    /** everything: FHIR writes, audit trail, the /api endpoints the command line hands work to */
    ADMIN,
    /** read and search every clinical resource, terminology operations; no writes, no audit trail */
    READER,
    /** read one patient's compartment only (a patient portal, a treating clinician's app) */
    PATIENT,
    /** the research view only: the de-identified DICOMweb at /dicomweb (OMOP through the omop_reader database role); no identified FHIR */
    RESEARCHER,
    /** a JWT access token (issued at /auth/token or by the hospital's OpenID Connect provider): what its SMART scopes grant */
    SMART;

    public static Role parse(String s) {
        try {
            Role r = valueOf(s.trim().toUpperCase(Locale.ROOT));
            if (r == SMART) throw new IllegalArgumentException("SMART tokens are issued at /auth/token, not kept in the token file");
            return r;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown role '" + s + "' (admin, reader, patient or researcher)");
        }
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
