package org.radbridge.server.security;

import ca.uhn.fhir.rest.api.server.RequestDetails;

import java.util.Optional;

/** Reads "Authorization: Bearer TOKEN" and resolves it once per request. */
public final class BearerAuthentication {
    private static final String ATTRIBUTE = BearerAuthentication.class.getName();

    private final TokenStore tokens;

    public BearerAuthentication(TokenStore tokens) {
        this.tokens = tokens;
    }

    public Optional<ApiPrincipal> principal(String authorizationHeader) {
        if (authorizationHeader == null) return Optional.empty();
        String h = authorizationHeader.trim();
        if (h.length() < 7 || !h.regionMatches(true, 0, "Bearer ", 0, 7)) return Optional.empty();
        return tokens.authenticate(h.substring(7));
    }

    /** The caller of a FHIR request; cached in the request so the several interceptors agree. */
    public Optional<ApiPrincipal> principal(RequestDetails request) {
        if (request == null) return Optional.empty();
        Object cached = request.getUserData().get(ATTRIBUTE);
        if (cached instanceof ApiPrincipal p) return Optional.of(p);
        Optional<ApiPrincipal> p = principal(request.getHeader("Authorization"));
        p.ifPresent(v -> request.getUserData().put(ATTRIBUTE, v));
        return p;
    }
}
