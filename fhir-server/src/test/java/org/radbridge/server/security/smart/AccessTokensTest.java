package org.radbridge.server.security.smart;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radbridge.server.security.ApiPrincipal;
import org.radbridge.server.security.Role;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AccessTokensTest {
    private static final String BASE = "http://127.0.0.1:8080";

    @TempDir Path dir;

    private static SmartClient client(String id, String scope, String patient) {
        return new SmartClient(id, "{\"keys\":[]}", null, scope, patient, Instant.now().toString());
    }

    @Test
    void issuedTokenCarriesGrantedScopesAndVerifies() throws Exception {
        AccessTokens tokens = new AccessTokens(ServerSigningKey.loadOrCreate(dir), BASE, Duration.ofMinutes(5), Clock.systemUTC(), null);
        String t = tokens.issue(client("ehr", "system/*.read", null), SmartScopes.parse("system/ImagingStudy.rs"));
        assertThat(AccessTokens.looksLikeJwt(t)).isTrue();
        ApiPrincipal p = tokens.verify(t);
        assertThat(p.role()).isEqualTo(Role.SMART);
        assertThat(p.name()).isEqualTo("ehr");
        assertThat(p.scopes().text()).isEqualTo("system/ImagingStudy.rs");
        assertThat(SignedJWT.parse(t).getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES384);
        // the key survives a restart: the same file signs and verifies
        assertThat(new AccessTokens(ServerSigningKey.loadOrCreate(dir), BASE, Duration.ofMinutes(5), Clock.systemUTC(), null).verify(t).name()).isEqualTo("ehr");
    }

    @Test
    void expiredTokenIsRefused() throws Exception {
        Clock past = Clock.fixed(Instant.now().minus(Duration.ofHours(1)), ZoneOffset.UTC);
        AccessTokens old = new AccessTokens(ServerSigningKey.loadOrCreate(dir), BASE, Duration.ofMinutes(5), past, null);
        String t = old.issue(client("ehr", "system/*.read", null), SmartScopes.parse("system/*.read"));
        AccessTokens now = new AccessTokens(ServerSigningKey.loadOrCreate(dir), BASE, Duration.ofMinutes(5), Clock.systemUTC(), null);
        assertThatThrownBy(() -> now.verify(t)).isInstanceOf(TokenRefusal.class).hasMessageContaining("Expired");
    }

    @Test
    void tokenOfAnotherServerKeyIsRefused() throws Exception {
        String t = new AccessTokens(ServerSigningKey.loadOrCreate(dir.resolve("other")), BASE, Duration.ofMinutes(5), Clock.systemUTC(), null)
                .issue(client("ehr", "system/*.read", null), SmartScopes.parse("system/*.read"));
        AccessTokens ours = new AccessTokens(ServerSigningKey.loadOrCreate(dir), BASE, Duration.ofMinutes(5), Clock.systemUTC(), null);
        assertThatThrownBy(() -> ours.verify(t)).hasMessageContaining("access token refused");
    }

    @Test
    void externalOidcTokensAreCheckedAgainstTheProvidersKeysAndAudience() throws Exception {
        RSAKey idp = SmartTestKeys.rsa();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        byte[] jwks = new JWKSet(idp.toPublicJWK()).toString(true).getBytes(StandardCharsets.UTF_8);
        server.createContext("/jwks", ex -> {
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, jwks.length);
            ex.getResponseBody().write(jwks);
            ex.close();
        });
        server.start();
        try {
            String issuer = "https://idp.hospital.example/realms/main";
            AccessTokens tokens = new AccessTokens(ServerSigningKey.loadOrCreate(dir), BASE, Duration.ofMinutes(5), Clock.systemUTC(),
                    new AccessTokens.OidcProvider(issuer, "http://127.0.0.1:" + server.getAddress().getPort() + "/jwks", "radbridge-fhir", "scope", "patient"));
            ApiPrincipal p = tokens.verify(idpToken(idp, issuer, "radbridge-fhir", "system/DiagnosticReport.rs openid", 300));
            assertThat(p.name()).isEqualTo("oidc:svc-ris");
            assertThat(p.scopes().text()).isEqualTo("system/DiagnosticReport.rs");
            assertThatThrownBy(() -> tokens.verify(idpToken(idp, issuer, "another-api", "system/*.read", 300))).hasMessageContaining("aud claim rejected");
            assertThatThrownBy(() -> tokens.verify(idpToken(idp, issuer, "radbridge-fhir", "system/*.read", -600))).hasMessageContaining("Expired");
            assertThatThrownBy(() -> tokens.verify(idpToken(SmartTestKeys.rsa(), issuer, "radbridge-fhir", "system/*.read", 300)))
                    .hasMessageContaining("access token refused");
            assertThatThrownBy(() -> tokens.verify(idpToken(idp, "https://evil.example", "radbridge-fhir", "system/*.read", 300)))
                    .hasMessageContaining("not trusted");
            assertThatThrownBy(() -> tokens.verify(idpToken(idp, issuer, "radbridge-fhir", "openid profile", 300)))
                    .hasMessageContaining("no resource scope");
        } finally {
            server.stop(0);
        }
    }

    private static String idpToken(RSAKey key, String iss, String aud, String scope, int expiresIn) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                new JWTClaimsSet.Builder().issuer(iss).audience(List.of(aud)).subject("svc-ris").claim("scope", scope)
                        .issueTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(expiresIn))).build());
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }
}
