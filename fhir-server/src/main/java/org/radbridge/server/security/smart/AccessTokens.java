package org.radbridge.server.security.smart;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import org.radbridge.server.security.ApiPrincipal;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The access tokens of the clinical view that are JWTs: those this server issues at /auth/token (ES384, signed by
 * {@link ServerSigningKey}, {@code iss} and {@code aud} = this server) and, when configured, those of the hospital's
 * OpenID Connect provider (its issuer, its JWKS URL, the audience it issues for this server). Everything else about a
 * token (signature, algorithm, expiry, not-before, audience) is checked by Nimbus.
 */
public final class AccessTokens {
    static final JOSEObjectType TYPE = new JOSEObjectType("at+jwt");
    private static final int CLOCK_SKEW_SECONDS = 30;

    /** An external OpenID Connect provider: its tokens are accepted when issued for {@code audience}. */
    public record OidcProvider(String issuer, String jwksUrl, String audience, String scopeClaim, String patientClaim) {}

    private final ECKey signingKey;
    private final String issuer;
    private final Duration lifetime;
    private final Clock clock;
    private final DefaultJWTProcessor<SecurityContext> own;
    private final OidcProvider oidc;
    private final DefaultJWTProcessor<SecurityContext> external;

    public AccessTokens(ECKey signingKey, String issuer, Duration lifetime, Clock clock, OidcProvider oidc) {
        this.signingKey = signingKey;
        this.issuer = issuer;
        this.lifetime = lifetime;
        this.clock = clock;
        this.own = processor(new ImmutableJWKSet<>(new JWKSet(signingKey.toPublicJWK())), Set.of(JWSAlgorithm.ES384),
                issuer, issuer, new DefaultJOSEObjectTypeVerifier<>(TYPE));
        this.oidc = oidc;
        this.external = oidc == null ? null : processor(jwkSource(oidc.jwksUrl()),
                Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512, JWSAlgorithm.PS256, JWSAlgorithm.PS384,
                        JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.ES512),
                oidc.issuer(), oidc.audience(),
                new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT, TYPE, null));
    }

    private static com.nimbusds.jose.jwk.source.JWKSource<SecurityContext> jwkSource(String url) {
        try {
            return com.nimbusds.jose.jwk.source.JWKSourceBuilder.create(new java.net.URI(url).toURL()).retrying(true).build();
        } catch (java.net.URISyntaxException | java.net.MalformedURLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("OIDC JWKS URL not valid: " + url, e);
        }
    }

    private DefaultJWTProcessor<SecurityContext> processor(com.nimbusds.jose.jwk.source.JWKSource<SecurityContext> keys,
            Set<JWSAlgorithm> algorithms, String iss, String aud, DefaultJOSEObjectTypeVerifier<SecurityContext> types) {
        DefaultJWTProcessor<SecurityContext> p = new DefaultJWTProcessor<>();
        p.setJWSTypeVerifier(types);
        p.setJWSKeySelector(new JWSVerificationKeySelector<>(algorithms, keys));
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(aud,
                new JWTClaimsSet.Builder().issuer(iss).build(), Set.of("exp", "sub")) {
            @Override
            protected Date currentTime() {
                return Date.from(clock.instant());
            }
        };
        claims.setMaxClockSkew(CLOCK_SKEW_SECONDS);
        p.setJWTClaimsSetVerifier(claims);
        return p;
    }

    public String issuer() { return issuer; }
    public Duration lifetime() { return lifetime; }
    public JWKSet publicKeys() { return new JWKSet(signingKey.toPublicJWK()); }
    public OidcProvider oidc() { return oidc; }

    /** A signed access token for the client, carrying the granted scopes (and its patient, if any). */
    public String issue(SmartClient client, SmartScopes granted) {
        Instant now = clock.instant();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(issuer).audience(issuer).subject(client.clientId()).claim("client_id", client.clientId())
                .claim("scope", granted.text()).issueTime(Date.from(now)).notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(lifetime))).jwtID(UUID.randomUUID().toString());
        if (client.patient() != null) claims.claim("patient", client.patient());
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES384).type(TYPE).keyID(signingKey.getKeyID()).build(),
                claims.build());
        try {
            jwt.sign(new ECDSASigner(signingKey));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign an access token", e);
        }
        return jwt.serialize();
    }

    /** The holder of a JWT access token, if it is one of ours or the OIDC provider's and valid now. */
    public ApiPrincipal verify(String token) throws TokenRefusal {
        SignedJWT jwt;
        String iss;
        try {
            jwt = SignedJWT.parse(token);
            iss = jwt.getJWTClaimsSet().getIssuer();
        } catch (ParseException e) {
            throw TokenRefusal.invalidToken("not a signed JWT: " + e.getMessage());
        }
        boolean ours = issuer.equals(iss);
        boolean theirs = oidc != null && oidc.issuer().equals(iss);
        if (!ours && !theirs) throw TokenRefusal.invalidToken("token issuer '" + ClientAssertionVerifier.safe(String.valueOf(iss)) + "' is not trusted");
        JWTClaimsSet claims;
        try {
            claims = (ours ? own : external).process(jwt, null);
        } catch (BadJOSEException e) {
            throw TokenRefusal.invalidToken("access token refused: " + e.getMessage());
        } catch (JOSEException e) {
            throw TokenRefusal.invalidToken("access token could not be verified: " + e.getMessage());
        }
        try {
            String scopeClaim = ours ? "scope" : oidc.scopeClaim();
            Object raw = claims.getClaim(scopeClaim);
            String scope = raw instanceof List<?> l ? String.join(" ", l.stream().map(String::valueOf).toList()) : claims.getStringClaim(scopeClaim);
            SmartScopes scopes = SmartScopes.parse(scope);
            if (scopes.isEmpty()) throw TokenRefusal.invalidToken("access token carries no resource scope");
            String patient = claims.getStringClaim(ours ? "patient" : oidc.patientClaim());
            String name = ours ? claims.getSubject() : "oidc:" + claims.getSubject();
            return ApiPrincipal.smart(name, scopes, patient);
        } catch (ParseException e) {
            throw TokenRefusal.invalidToken("access token claims unreadable: " + e.getMessage());
        }
    }

    /** A compact JWS looks like three base64url parts; the opaque tokens of the token file do not. */
    public static boolean looksLikeJwt(String token) {
        return token.chars().filter(c -> c == '.').count() == 2 && token.startsWith("eyJ");
    }
}
