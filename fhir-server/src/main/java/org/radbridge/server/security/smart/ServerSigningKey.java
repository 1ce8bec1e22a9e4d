package org.radbridge.server.security.smart;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.util.UUID;

/**
 * The key the server signs its access tokens with: an EC P-384 key (ES384) created once in
 * data/secrets/access-token-signing.jwk (mode 600), never in the database or the repository. Deleting the file
 * invalidates every token issued so far; a new key is made on the next start.
 */
public final class ServerSigningKey {
    private static final Logger log = LoggerFactory.getLogger(ServerSigningKey.class);

    private ServerSigningKey() {}

    public static ECKey loadOrCreate(Path secretsDir) throws IOException {
        Path file = secretsDir.resolve("access-token-signing.jwk");
        if (Files.exists(file)) {
            try {
                return ECKey.parse(Files.readString(file));
            } catch (ParseException e) {
                throw new IOException(file + ": not an EC JWK (" + e.getMessage() + "); delete it to have a new key made", e);
            }
        }
        ECKey key;
        try {
            key = new ECKeyGenerator(Curve.P_384).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.ES384)
                    .keyID(UUID.randomUUID().toString()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate an EC P-384 key", e);
        }
        Files.createDirectories(secretsDir);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, key.toJSONString());
        try {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: default permissions
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        log.info("SMART: created the access-token signing key {}", file);
        return key;
    }
}
