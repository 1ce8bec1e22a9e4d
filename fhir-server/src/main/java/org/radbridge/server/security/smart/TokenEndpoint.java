package org.radbridge.server.security.smart;

import jakarta.servlet.http.HttpServletRequest;
import org.radbridge.server.security.RefusalAudit;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The SMART Backend Services token endpoint: {@code client_credentials} with a {@code private_key_jwt} client assertion
 * in, a short-lived access token with the granted scopes out (RFC 6749 section 4.4, RFC 7523). Refusals answer with
 * the OAuth error JSON of RFC 6749 section 5.2 (what OAuth clients parse), and are audited. {@code /auth/jwks}
 * publishes the public key the access tokens are signed with.
 */
@RestController
public class TokenEndpoint {
    static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    private final ClientAssertionVerifier assertions;
    private final AccessTokens tokens;
    private final SmartUrls urls;
    private final RefusalAudit refusals;

    public TokenEndpoint(ClientAssertionVerifier assertions, AccessTokens tokens, SmartUrls urls, RefusalAudit refusals) {
        this.assertions = assertions;
        this.tokens = tokens;
        this.urls = urls;
        this.refusals = refusals;
    }

    @PostMapping(path = "/auth/token", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Map<String, Object>> token(HttpServletRequest request) {
        String claimed = null;
        try {
            String grant = request.getParameter("grant_type");
            if (!"client_credentials".equals(grant))
                throw new TokenRefusal("unsupported_grant_type", 400, "grant_type must be client_credentials");
            if (!ASSERTION_TYPE.equals(request.getParameter("client_assertion_type")))
                throw TokenRefusal.invalidRequest("client_assertion_type must be " + ASSERTION_TYPE);
            String assertion = request.getParameter("client_assertion");
            if (assertion == null || assertion.isBlank()) throw TokenRefusal.invalidRequest("client_assertion missing");
            claimed = claimedClient(assertion);
            SmartScopes requested = SmartScopes.parse(request.getParameter("scope"));
            if (requested.isEmpty()) throw TokenRefusal.invalidScope("scope missing or holds no resource scope (e.g. system/*.read)");
            Set<String> audiences = new LinkedHashSet<>();
            audiences.add(urls.tokenUrl());
            if (!urls.configured()) audiences.add(request.getRequestURL().toString());
            SmartClient client = assertions.verify(assertion, audiences);
            SmartScopes granted = requested.narrowTo(SmartScopes.parse(client.scope()));
            if (granted.isEmpty())
                throw TokenRefusal.invalidScope("none of the requested scopes is registered for client '" + client.clientId() + "'");
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("access_token", tokens.issue(client, granted));
            body.put("token_type", "bearer");
            body.put("expires_in", tokens.lifetime().toSeconds());
            body.put("scope", granted.text());
            if (client.patient() != null) body.put("patient", client.patient());
            return ResponseEntity.ok().cacheControl(CacheControl.noStore()).header("Pragma", "no-cache").body(body);
        } catch (TokenRefusal e) {
            refusals.refused("POST", "/auth/token", claimed, request.getRemoteAddr(), e.status(), e.error() + ": " + e.getMessage());
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("error", e.error());
            body.put("error_description", e.getMessage());
            return ResponseEntity.status(e.status()).cacheControl(CacheControl.noStore()).body(body);
        }
    }

    /** The client id an assertion claims (unverified: for the audit record of a refusal only). */
    private static String claimedClient(String assertion) {
        try {
            String iss = com.nimbusds.jwt.SignedJWT.parse(assertion).getJWTClaimsSet().getIssuer();
            return iss == null ? null : ClientAssertionVerifier.safe(iss);
        } catch (java.text.ParseException e) {
            return null;
        }
    }

    @GetMapping(path = "/auth/jwks", produces = {MediaType.APPLICATION_JSON_VALUE, "application/jwk-set+json"})
    public Map<String, Object> jwks() {
        return tokens.publicKeys().toJSONObject(true);
    }
}
