package org.radbridge.server.security.smart;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The registered backend-services clients, in data/secrets/smart-clients.json (mode 600) beside the API token file.
 * Only public keys are stored. A running server re-reads the file when it changes, so a client registered or removed
 * from the command line applies without a restart. Keys registered by URL are fetched and cached by Nimbus
 * ({@link JWKSourceBuilder}: refreshed on an unknown key id, so a client can rotate its keys).
 */
public final class SmartClientRegistry {
    private static final Logger log = LoggerFactory.getLogger(SmartClientRegistry.class);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._@-]{1,64}");
    private static final Pattern PATIENT_ID = Pattern.compile("[A-Za-z0-9.-]{1,64}");

    private final Path file;
    private Map<String, SmartClient> clients = Map.of();
    private String loadedVersion;
    private final Map<String, JWKSource<SecurityContext>> sources = new ConcurrentHashMap<>();

    public SmartClientRegistry(Path secretsDir) {
        this.file = secretsDir.resolve("smart-clients.json");
    }

    public Path file() { return file; }

    /**
     * Registers a client. {@code jwks} is a file holding a JWK Set (or a single JWK), or an http(s) URL the client
     * publishes its JWK Set at. Private key material in a file is refused: only the public part belongs here.
     */
    public synchronized SmartClient register(String clientId, String jwks, String scope, String patient) throws IOException {
        if (clientId == null || !CLIENT_ID.matcher(clientId).matches())
            throw new IllegalArgumentException("client name must be 1-64 letters, digits or . _ @ -");
        if (patient != null && !PATIENT_ID.matcher(patient).matches())
            throw new IllegalArgumentException("patient must be a FHIR Patient id (letters, digits, '-' and '.')");
        SmartScopes scopes = SmartScopes.parse(scope);
        if (scopes.isEmpty())
            throw new IllegalArgumentException("no resource scope in '" + scope + "' (e.g. system/*.read, system/ImagingStudy.rs)");
        if (scopes.hasContext(SmartScopes.Context.PATIENT) && patient == null)
            throw new IllegalArgumentException("patient/ scopes need --patient ID (the Patient they are limited to)");
        reloadIfChanged();
        if (clients.containsKey(clientId)) throw new IllegalArgumentException("a client named '" + clientId + "' exists; remove it first");
        String inline = null, url = null;
        if (jwks != null && (jwks.startsWith("https://") || jwks.startsWith("http://"))) {
            try {
                new URI(jwks).toURL();
            } catch (URISyntaxException | IllegalArgumentException e) {
                throw new IllegalArgumentException("not a valid JWKS URL: " + jwks);
            }
            url = jwks;
        } else {
            if (jwks == null) throw new IllegalArgumentException("--jwks FILE|URL is required");
            Path f = Path.of(jwks);
            if (!Files.isRegularFile(f)) throw new IllegalArgumentException("no JWKS file " + f);
            inline = publicJwks(Files.readString(f), f.toString());
        }
        SmartClient c = new SmartClient(clientId, inline, url, scopes.text(), patient, Instant.now().toString());
        List<SmartClient> all = new ArrayList<>(clients.values());
        all.add(c);
        write(all);
        return c;
    }

    /** Parses a JWK Set (or one JWK) and keeps its public keys; refuses private keys and sets without a signing key. */
    static String publicJwks(String json, String where) {
        JWKSet set;
        try {
            set = json.contains("\"keys\"") ? JWKSet.parse(json) : new JWKSet(JWK.parse(json));
        } catch (ParseException e) {
            throw new IllegalArgumentException(where + ": not a JWK Set: " + e.getMessage());
        }
        if (set.getKeys().stream().anyMatch(JWK::isPrivate))
            throw new IllegalArgumentException(where + ": holds private key material; register the public keys only");
        if (set.getKeys().isEmpty()) throw new IllegalArgumentException(where + ": no key in the JWK Set");
        return set.toString(true);
    }

    public synchronized boolean remove(String clientId) throws IOException {
        reloadIfChanged();
        if (!clients.containsKey(clientId)) return false;
        List<SmartClient> kept = clients.values().stream().filter(c -> !c.clientId().equals(clientId)).toList();
        write(kept);
        return true;
    }

    public synchronized List<SmartClient> list() throws IOException {
        reloadIfChanged();
        return clients.values().stream().sorted(java.util.Comparator.comparing(SmartClient::clientId)).toList();
    }

    public synchronized Optional<SmartClient> find(String clientId) {
        try {
            reloadIfChanged();
        } catch (IOException e) {
            log.error("SMART clients: cannot read {}; refusing token requests", file, e);
            return Optional.empty();
        }
        return Optional.ofNullable(clients.get(clientId));
    }

    /** The client's public keys: the registered set, or the cached source of its JWKS URL. */
    public JWKSource<SecurityContext> keys(SmartClient c) {
        String cacheKey = c.clientId() + "\u0000" + (c.jwksUrl() != null ? c.jwksUrl() : c.jwks());
        return sources.computeIfAbsent(cacheKey, k -> {
            if (c.jwksUrl() == null) {
                try {
                    return new ImmutableJWKSet<>(JWKSet.parse(c.jwks()));
                } catch (ParseException e) {
                    throw new IllegalStateException("client " + c.clientId() + ": stored JWKS unreadable", e);
                }
            }
            try {
                URL url = new URI(c.jwksUrl()).toURL();
                return JWKSourceBuilder.create(url).retrying(true).build();
            } catch (URISyntaxException | java.net.MalformedURLException e) {
                throw new IllegalStateException("client " + c.clientId() + ": bad JWKS URL", e);
            }
        });
    }

    private void reloadIfChanged() throws IOException {
        if (!Files.exists(file)) {
            clients = Map.of();
            loadedVersion = null;
            return;
        }
        BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
        String version = a.fileKey() + "/" + a.lastModifiedTime().toMillis() + "/" + a.size();
        if (version.equals(loadedVersion)) return;
        List<SmartClient> list = JSON.readValue(file.toFile(), new TypeReference<List<SmartClient>>() {});
        Map<String, SmartClient> m = new java.util.LinkedHashMap<>();
        for (SmartClient c : list) m.put(c.clientId(), c);
        clients = m;
        loadedVersion = version;
    }

    private void write(List<SmartClient> all) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, JSON.writeValueAsString(all));
        try {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: default permissions
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        loadedVersion = null;
        reloadIfChanged();
    }
}
