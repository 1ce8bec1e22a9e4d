package org.radbridge.server.security;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import org.radbridge.server.security.smart.AccessTokens;
import org.radbridge.server.security.smart.TokenRefusal;

import java.util.Optional;

/**
 * Reads "Authorization: Bearer TOKEN" and resolves it once per request: a JWT access token (SMART, see
 * {@link AccessTokens}) or a token of the token file ({@link TokenStore}, the local default).
 */
public final class BearerAuthentication {
    private static final String ATTRIBUTE = BearerAuthentication.class.getName();

    /** The caller, or why there is none ({@code error} is the RFC 6750 code, null when no token was sent). */
    public record Result(ApiPrincipal principal, String error, String description) {
        public Optional<ApiPrincipal> asOptional() { return Optional.ofNullable(principal); }
    }

    private final TokenStore tokens;
    private final AccessTokens jwts;

    public BearerAuthentication(TokenStore tokens) {
        this(tokens, null);
    }

    public BearerAuthentication(TokenStore tokens, AccessTokens jwts) {
        this.tokens = tokens;
        this.jwts = jwts;
    }

    public Result authenticate(String authorizationHeader) {
        if (authorizationHeader == null)
            return new Result(null, null, "Authorization: Bearer token missing");
        String h = authorizationHeader.trim();
        if (h.length() < 7 || !h.regionMatches(true, 0, "Bearer ", 0, 7))
            return new Result(null, "invalid_request", "Authorization header is not 'Bearer TOKEN'");
        String raw = h.substring(7).trim();
        if (jwts != null && AccessTokens.looksLikeJwt(raw)) {
            try {
                return new Result(jwts.verify(raw), null, null);
            } catch (TokenRefusal e) {
                return new Result(null, e.error(), e.getMessage());
            }
        }
        return tokens.authenticate(raw).map(p -> new Result(p, null, null))
                .orElse(new Result(null, "invalid_token", "token not valid for this server"));
    }

    public Optional<ApiPrincipal> principal(String authorizationHeader) {
        return authenticate(authorizationHeader).asOptional();
    }

    /** The authentication of a FHIR request; cached in the request so the several interceptors agree. */
    public Result authenticate(RequestDetails request) {
        if (request == null) return new Result(null, null, "no request");
        Object cached = request.getUserData().get(ATTRIBUTE);
        if (cached instanceof Result r) return r;
        Result r = authenticate(request.getHeader("Authorization"));
        request.getUserData().put(ATTRIBUTE, r);
        return r;
    }

    /** The caller of a FHIR request. */
    public Optional<ApiPrincipal> principal(RequestDetails request) {
        return authenticate(request).asOptional();
    }
}
