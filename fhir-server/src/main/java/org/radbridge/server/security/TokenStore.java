package org.radbridge.server.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * API tokens in data/secrets/api-tokens.csv. Only SHA-256 digests are stored, so the file reveals no
 * usable token; the raw token is shown once when it is created. A running server re-reads the file
 * when it changes, so tokens created or revoked from the command line apply without a restart.
 */
public final class TokenStore {
    private static final Logger log = LoggerFactory.getLogger(TokenStore.class);
    private static final String HEADER = "sha256,name,role,patient,created";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._@-]{1,64}");
    private static final Pattern PATIENT_ID = Pattern.compile("[A-Za-z0-9.-]{1,64}");
    public static final String LOCAL_ADMIN = "local-admin";

    public record Entry(String sha256, ApiPrincipal principal, String created) {}

    private final Path file;
    private final Path adminTokenFile;
    private final String configuredAdminToken;
    private final SecureRandom random = new SecureRandom();
    private Map<String, Entry> byDigest = Map.of();
    private String loadedVersion;
    private String loadedContent;

    /**
     * @param configuredAdminToken RADBRIDGE_ADMIN_TOKEN when set: accepted as an admin token and never written to disk
     */
    public TokenStore(Path secretsDir, String configuredAdminToken) {
        this.file = secretsDir.resolve("api-tokens.csv");
        this.adminTokenFile = secretsDir.resolve("admin.token");
        this.configuredAdminToken = configuredAdminToken == null || configuredAdminToken.isBlank() ? null : configuredAdminToken.trim();
    }

    public Path file() { return file; }
    public Path adminTokenFile() { return adminTokenFile; }

    /**
     * Makes sure the local command line can reach a server on the same data directory: without a
     * configured admin token, one is created once in data/secrets/admin.token (readable by its owner only).
     */
    public synchronized void ensureLocalAdmin() throws IOException {
        if (configuredAdminToken != null) return;
        if (Files.exists(adminTokenFile)) {
            String raw = Files.readString(adminTokenFile).trim();
            if (find(raw).isPresent()) return;
            // the digest was revoked or the token file was copied from elsewhere: re-register it
            append(new Entry(digest(raw), new ApiPrincipal(LOCAL_ADMIN, Role.ADMIN, null), Instant.now().toString()));
            return;
        }
        String raw = create(LOCAL_ADMIN, Role.ADMIN, null);
        writePrivate(adminTokenFile, raw + "\n");
        log.info("API access: created an admin token in {} for the local command line; create tokens for users with "
                + "'radbridge token create --name N --role reader|patient|admin' (set RADBRIDGE_ADMIN_TOKEN in production)", adminTokenFile);
    }

    /** The admin token the command line presents to a server on this data directory, if any. */
    public Optional<String> localAdminToken() throws IOException {
        if (configuredAdminToken != null) return Optional.of(configuredAdminToken);
        if (Files.exists(adminTokenFile)) return Optional.of(Files.readString(adminTokenFile).trim());
        return Optional.empty();
    }

    public synchronized String create(String name, Role role, String patientId) throws IOException {
        if (name == null || !NAME.matcher(name).matches())
            throw new IllegalArgumentException("token name must be 1-64 letters, digits or . _ @ -");
        if (patientId != null && !PATIENT_ID.matcher(patientId).matches())
            throw new IllegalArgumentException("patient must be a FHIR Patient id (letters, digits, '-' and '.')");
        ApiPrincipal principal = new ApiPrincipal(name, role, role == Role.PATIENT ? patientId : null);
        if (role != Role.PATIENT && patientId != null)
            throw new IllegalArgumentException("--patient only applies to the patient role");
        reloadIfChanged();
        if (byDigest.values().stream().anyMatch(e -> e.principal().name().equals(name)))
            throw new IllegalArgumentException("a token named '" + name + "' exists; revoke it first");
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String raw = "rb_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        append(new Entry(digest(raw), principal, Instant.now().toString()));
        return raw;
    }

    /** Removes every token with that name; returns how many. */
    public synchronized int revoke(String name) throws IOException {
        reloadIfChanged();
        List<Entry> kept = new ArrayList<>();
        int removed = 0;
        for (Entry e : byDigest.values()) {
            if (e.principal().name().equals(name)) removed++;
            else kept.add(e);
        }
        if (removed > 0) rewrite(kept);
        return removed;
    }

    public synchronized List<Entry> list() throws IOException {
        reloadIfChanged();
        return byDigest.values().stream().sorted(java.util.Comparator.comparing(e -> e.principal().name())).toList();
    }

    public Optional<ApiPrincipal> authenticate(String rawToken) {
        if (rawToken == null || rawToken.isBlank()) return Optional.empty();
        String raw = rawToken.trim();
        if (configuredAdminToken != null && MessageDigest.isEqual(
                configuredAdminToken.getBytes(StandardCharsets.UTF_8), raw.getBytes(StandardCharsets.UTF_8)))
            return Optional.of(new ApiPrincipal("configured-admin", Role.ADMIN, null));
        try {
            return find(raw).map(Entry::principal);
        } catch (IOException e) {
            log.error("API tokens: cannot read {}; refusing access", file, e);
            return Optional.empty();
        }
    }

    private synchronized Optional<Entry> find(String raw) throws IOException {
        reloadIfChanged();
        // digests are compared as map keys: the lookup time does not depend on how much of a guess is right
        return Optional.ofNullable(byDigest.get(digest(raw)));
    }

    private void reloadIfChanged() throws IOException {
        if (!Files.exists(file)) {
            byDigest = Map.of();
            loadedVersion = null;
            return;
        }
        BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
        String version = attrs.fileKey() + "/" + attrs.lastModifiedTime().toMillis() + "/" + attrs.size();
        // file times tick coarsely (milliseconds): a change within the same tick keeps the attributes,
        // so a recently changed file is compared by content as well
        boolean recent = System.currentTimeMillis() - attrs.lastModifiedTime().toMillis() < 2_000;
        byte[] content = null;
        if (version.equals(loadedVersion)) {
            if (!recent) return;
            content = Files.readAllBytes(file);
            if (digest(new String(content, StandardCharsets.UTF_8)).equals(loadedContent)) return;
        }
        if (content == null) content = Files.readAllBytes(file);
        Map<String, Entry> entries = new HashMap<>();
        String text = new String(content, StandardCharsets.UTF_8);
        List<String> lines = text.lines().toList();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) continue;
            String[] f = line.split(",", -1);
            try {
                if (f.length != 5) throw new IllegalArgumentException("expected 5 columns");
                Role role = Role.parse(f[2]);
                entries.put(f[0], new Entry(f[0], new ApiPrincipal(f[1], role, f[3].isEmpty() ? null : f[3]), f[4]));
            } catch (IllegalArgumentException e) {
                log.error("API tokens: {} line {} ignored: {}", file, i + 1, e.getMessage());
            }
        }
        byDigest = entries;
        loadedVersion = version;
        loadedContent = digest(text);
    }

    private void append(Entry e) throws IOException {
        reloadIfChanged();
        List<Entry> all = new ArrayList<>(byDigest.values());
        all.add(e);
        rewrite(all);
    }

    private void rewrite(List<Entry> entries) throws IOException {
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        for (Entry e : entries) {
            ApiPrincipal p = e.principal();
            sb.append(e.sha256()).append(',').append(p.name()).append(',').append(p.role().label()).append(',')
                    .append(p.patientId() == null ? "" : p.patientId()).append(',').append(e.created()).append('\n');
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        writePrivate(tmp, sb.toString());
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        loadedVersion = null;
        reloadIfChanged();
    }

    private static void writePrivate(Path target, String content) throws IOException {
        Files.createDirectories(target.getParent());
        Files.writeString(target, content, StandardCharsets.UTF_8);
        try {
            Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: default permissions
        }
    }

    static String digest(String raw) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
