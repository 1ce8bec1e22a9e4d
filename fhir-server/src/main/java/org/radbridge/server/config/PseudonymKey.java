package org.radbridge.server.config;

import org.radbridge.config.RadBridgeSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The pseudonymisation key: RADBRIDGE_PSEUDONYM_KEY when set (production), otherwise a random key
 * created once in data/secrets/ for the local default. Never in the database, never committed.
 */
public final class PseudonymKey {
    private static final Logger log = LoggerFactory.getLogger(PseudonymKey.class);

    private PseudonymKey() {}

    public static String resolve(RadBridgeSettings settings) throws IOException {
        if (settings.pseudonymKey() != null) return settings.pseudonymKey();
        Path file = settings.dataDir().resolve("secrets/pseudonym.key");
        if (Files.exists(file)) return Files.readString(file).trim();
        Files.createDirectories(file.getParent());
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Files.writeString(file, HexFormat.of().formatHex(key) + "\n");
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the file stays with default permissions
        }
        log.info("Pseudonymisation key: none configured, created {} (set RADBRIDGE_PSEUDONYM_KEY in production; "
                + "losing the key breaks linkage of new data to existing pseudonyms)", file);
        return HexFormat.of().formatHex(key);
    }
}
