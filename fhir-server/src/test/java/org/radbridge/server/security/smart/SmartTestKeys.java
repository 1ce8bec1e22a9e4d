package org.radbridge.server.security.smart;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/** Real key pairs generated per test, and client assertions signed with them, as a backend client builds them. */
public final class SmartTestKeys {
    private SmartTestKeys() {}

    public static RSAKey rsa() throws JOSEException {
        return new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
    }

    public static ECKey ec() throws JOSEException {
        return new ECKeyGenerator(Curve.P_384).keyID(UUID.randomUUID().toString()).generate();
    }

    /** The client's public JWK Set in a file, as `radbridge client register --jwks FILE` takes it. */
    public static Path publicJwks(Path dir, JWK... keys) throws IOException {
        JWKSet set = new JWKSet(java.util.Arrays.stream(keys).map(JWK::toPublicJWK).toList());
        Path f = dir.resolve("jwks-" + UUID.randomUUID() + ".json");
        Files.writeString(f, set.toString(true));
        return f;
    }

    public static String assertion(JWK key, String clientId, String aud, Instant exp) throws JOSEException {
        return assertion(key, new JWTClaimsSet.Builder().issuer(clientId).subject(clientId).audience(aud)
                .expirationTime(Date.from(exp)).jwtID(UUID.randomUUID().toString()).build());
    }

    public static String assertion(JWK key, JWTClaimsSet claims) throws JOSEException {
        JWSAlgorithm alg = key instanceof RSAKey ? JWSAlgorithm.RS384 : JWSAlgorithm.ES384;
        JWSSigner signer = key instanceof RSAKey r ? new RSASSASigner(r) : new ECDSASigner((ECKey) key);
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(alg).keyID(key.getKeyID()).build(), claims);
        jwt.sign(signer);
        return jwt.serialize();
    }
}
