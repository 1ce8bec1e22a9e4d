package org.radbridge.server.security.smart;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Set;

/**
 * Checks a SMART Backend Services client assertion (private_key_jwt): a JWT signed with RS384 or ES384 by a key of the
 * registered client, {@code iss} = {@code sub} = client id, {@code aud} = this server's token URL, an {@code exp} at
 * most five minutes ahead, and a {@code jti} not seen before. Signature, algorithm and time checks are Nimbus's.
 */
public final class ClientAssertionVerifier {
    static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS384, JWSAlgorithm.ES384);
    static final Duration MAX_LIFETIME = Duration.ofMinutes(5);
    private static final int CLOCK_SKEW_SECONDS = 60;

    private final SmartClientRegistry clients;
    private final JtiReplayGuard replays;
    private final Clock clock;

    public ClientAssertionVerifier(SmartClientRegistry clients, JtiReplayGuard replays, Clock clock) {
        this.clients = clients;
        this.replays = replays;
        this.clock = clock;
    }

    /** The client the assertion authenticates, if every check passes. */
    public SmartClient verify(String assertion, Set<String> tokenUrls) throws TokenRefusal {
        SignedJWT jwt;
        try {
            jwt = SignedJWT.parse(assertion);
        } catch (ParseException e) {
            throw TokenRefusal.invalidClient("client_assertion is not a signed JWT: " + e.getMessage());
        }
        if (!ALGORITHMS.contains(jwt.getHeader().getAlgorithm()))
            throw TokenRefusal.invalidClient("client_assertion algorithm " + jwt.getHeader().getAlgorithm() + " not accepted (RS384 or ES384)");
        String iss;
        try {
            JWTClaimsSet unverified = jwt.getJWTClaimsSet();
            iss = unverified.getIssuer();
            if (iss == null || !iss.equals(unverified.getSubject()))
                throw TokenRefusal.invalidClient("client_assertion iss and sub must both be the client id");
        } catch (ParseException e) {
            throw TokenRefusal.invalidClient("client_assertion claims unreadable: " + e.getMessage());
        }
        SmartClient client = clients.find(iss).orElseThrow(() -> TokenRefusal.invalidClient("unknown client '" + safe(iss) + "'"));

        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, clients.keys(client)));
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(tokenUrls,
                new JWTClaimsSet.Builder().issuer(iss).subject(iss).build(), Set.of("exp", "jti"), null) {
            @Override
            protected Date currentTime() {
                return Date.from(clock.instant());
            }
        };
        claims.setMaxClockSkew(CLOCK_SKEW_SECONDS);
        processor.setJWTClaimsSetVerifier(claims);
        JWTClaimsSet verified;
        try {
            verified = processor.process(jwt, null);
        } catch (BadJOSEException e) {
            throw TokenRefusal.invalidClient("client_assertion refused: " + e.getMessage());
        } catch (com.nimbusds.jose.JOSEException e) {
            throw TokenRefusal.invalidClient("client_assertion could not be verified: " + e.getMessage());
        }
        Instant now = clock.instant();
        Instant exp = verified.getExpirationTime().toInstant();
        if (exp.isAfter(now.plus(MAX_LIFETIME).plusSeconds(CLOCK_SKEW_SECONDS)))
            throw TokenRefusal.invalidClient("client_assertion exp is more than 5 minutes ahead");
        boolean first;
        try {
            first = replays.firstUse(client.clientId(), verified.getJWTID(), exp, now);
        } catch (IllegalStateException e) {
            throw new TokenRefusal("temporarily_unavailable", 503, "cannot check the assertion's jti now; retry");
        }
        if (!first) throw TokenRefusal.invalidClient("client_assertion jti was already used (replay)");
        return client;
    }

    /** An id from an unverified token, shortened and stripped for messages and logs. */
    static String safe(String s) {
        String t = s.replaceAll("[^A-Za-z0-9._@:/-]", "?");
        return t.length() > 64 ? t.substring(0, 64) + "..." : t;
    }

}
