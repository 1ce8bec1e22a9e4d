package org.radbridge.server.security.smart;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClientAssertionVerifierTest {
    private static final String TOKEN_URL = "http://127.0.0.1:8080/auth/token";

    @TempDir Path dir;
    private SmartClientRegistry registry;
    private ClientAssertionVerifier verifier;
    private RSAKey rsa;
    private ECKey ec;

    @BeforeEach
    void setUp() throws Exception {
        registry = new SmartClientRegistry(dir.resolve("secrets"));
        verifier = new ClientAssertionVerifier(registry, JtiReplayGuard.inMemory(), Clock.systemUTC());
        rsa = SmartTestKeys.rsa();
        ec = SmartTestKeys.ec();
        registry.register("ehr-rsa", SmartTestKeys.publicJwks(dir, rsa).toString(), "system/*.read", null);
        registry.register("ehr-ec", SmartTestKeys.publicJwks(dir, ec).toString(), "system/ImagingStudy.rs", null);
    }

    private Instant in(int seconds) {
        return Instant.now().plusSeconds(seconds);
    }

    @Test
    void rs384AndEs384AssertionsOfRegisteredClientsAreAccepted() throws Exception {
        assertThat(verifier.verify(SmartTestKeys.assertion(rsa, "ehr-rsa", TOKEN_URL, in(240)), Set.of(TOKEN_URL)).clientId()).isEqualTo("ehr-rsa");
        assertThat(verifier.verify(SmartTestKeys.assertion(ec, "ehr-ec", TOKEN_URL, in(240)), Set.of(TOKEN_URL)).clientId()).isEqualTo("ehr-ec");
    }

    @Test
    void registryFileIsPrivateAndHoldsNoPrivateKey() throws Exception {
        assertThat(Files.getPosixFilePermissions(registry.file())).hasSize(2);
        String stored = Files.readString(registry.file());
        assertThat(stored).contains(rsa.getModulus().toString()).doesNotContain("\"d\"");
        Path withPrivate = dir.resolve("private.json");
        Files.writeString(withPrivate, new com.nimbusds.jose.jwk.JWKSet(rsa).toString(false));
        assertThatThrownBy(() -> registry.register("leaky", withPrivate.toString(), "system/*.read", null))
                .hasMessageContaining("private key material");
    }

    @Test
    void expiredAssertionIsRefused() throws Exception {
        String a = SmartTestKeys.assertion(rsa, "ehr-rsa", TOKEN_URL, in(-600));
        assertThatThrownBy(() -> verifier.verify(a, Set.of(TOKEN_URL))).isInstanceOf(TokenRefusal.class)
                .hasMessageContaining("Expired").extracting(e -> ((TokenRefusal) e).status()).isEqualTo(401);
    }

    @Test
    void notYetValidAssertionIsRefused() throws Exception {
        String a = SmartTestKeys.assertion(rsa, new JWTClaimsSet.Builder().issuer("ehr-rsa").subject("ehr-rsa").audience(TOKEN_URL)
                .notBeforeTime(Date.from(in(240))).expirationTime(Date.from(in(290))).jwtID(UUID.randomUUID().toString()).build());
        assertThatThrownBy(() -> verifier.verify(a, Set.of(TOKEN_URL))).hasMessageContaining("before use time");
    }

    @Test
    void assertionSignedByAnotherKeyIsRefused() throws Exception {
        String a = SmartTestKeys.assertion(SmartTestKeys.rsa(), "ehr-rsa", TOKEN_URL, in(240));
        assertThatThrownBy(() -> verifier.verify(a, Set.of(TOKEN_URL))).isInstanceOf(TokenRefusal.class)
                .hasMessageContaining("client_assertion refused");
        // the right key id with a foreign signature: the signature check itself fails
        RSAKey other = new com.nimbusds.jose.jwk.gen.RSAKeyGenerator(2048).keyID(rsa.getKeyID()).generate();
        String b = SmartTestKeys.assertion(other, "ehr-rsa", TOKEN_URL, in(240));
        assertThatThrownBy(() -> verifier.verify(b, Set.of(TOKEN_URL))).hasMessageContaining("Invalid signature");
    }

    @Test
    void wrongAudienceIsRefused() throws Exception {
        String a = SmartTestKeys.assertion(rsa, "ehr-rsa", "https://elsewhere.example/token", in(240));
        assertThatThrownBy(() -> verifier.verify(a, Set.of(TOKEN_URL))).hasMessageContaining("aud claim rejected");
    }

    @Test
    void unknownClientIsRefused() throws Exception {
        String a = SmartTestKeys.assertion(rsa, "stranger", TOKEN_URL, in(240));
        assertThatThrownBy(() -> verifier.verify(a, Set.of(TOKEN_URL))).hasMessageContaining("unknown client 'stranger'");
    }

    @Test
    void replayedJtiIsRefused() throws Exception {
        String a = SmartTestKeys.assertion(ec, "ehr-ec", TOKEN_URL, in(240));
        verifier.verify(a, Set.of(TOKEN_URL));
        assertThatThrownBy(() -> verifier.verify(a, Set.of(TOKEN_URL))).hasMessageContaining("replay");
    }

    @Test
    void lifetimeOverFiveMinutesIsRefused() throws Exception {
        String a = SmartTestKeys.assertion(rsa, "ehr-rsa", TOKEN_URL, in(3600));
        assertThatThrownBy(() -> verifier.verify(a, Set.of(TOKEN_URL))).hasMessageContaining("more than 5 minutes");
    }

    @Test
    void issuerMustEqualSubjectAndAlgorithmMustBeRs384OrEs384() throws Exception {
        String a = SmartTestKeys.assertion(rsa, new JWTClaimsSet.Builder().issuer("ehr-rsa").subject("someone").audience(TOKEN_URL)
                .expirationTime(Date.from(in(200))).jwtID("x").build());
        assertThatThrownBy(() -> verifier.verify(a, Set.of(TOKEN_URL))).hasMessageContaining("iss and sub");
        com.nimbusds.jwt.SignedJWT rs256 = new com.nimbusds.jwt.SignedJWT(new com.nimbusds.jose.JWSHeader(com.nimbusds.jose.JWSAlgorithm.RS256),
                new JWTClaimsSet.Builder().issuer("ehr-rsa").subject("ehr-rsa").audience(TOKEN_URL).expirationTime(Date.from(in(200))).jwtID("y").build());
        rs256.sign(new com.nimbusds.jose.crypto.RSASSASigner(rsa));
        assertThatThrownBy(() -> verifier.verify(rs256.serialize(), Set.of(TOKEN_URL))).hasMessageContaining("RS256 not accepted");
        assertThatThrownBy(() -> verifier.verify("not-a-jwt", Set.of(TOKEN_URL))).hasMessageContaining("not a signed JWT");
    }

    @Test
    void missingJtiIsRefused() throws Exception {
        String a = SmartTestKeys.assertion(rsa, new JWTClaimsSet.Builder().issuer("ehr-rsa").subject("ehr-rsa").audience(TOKEN_URL)
                .expirationTime(Date.from(in(200))).build());
        assertThatThrownBy(() -> verifier.verify(a, Set.of(TOKEN_URL))).hasMessageContaining("jti");
    }
}
