package org.radbridge.cli;

import org.radbridge.config.RadBridgeSettings;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * data/server.url names the server running on a data directory, so that a second command hands
 * its work over instead of starting a rival process on the same database and ports.
 */
final class ServerLock {
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();
    private ServerLock() {}

    private static Path file(RadBridgeSettings s) {
        return s.dataDir().resolve("server.url");
    }

    static String url(RadBridgeSettings s) throws IOException {
        return Files.readString(file(s)).trim();
    }

    static void write(RadBridgeSettings s, ConfigurableApplicationContext ctx) throws IOException {
        Files.createDirectories(s.dataDir());
        Files.writeString(file(s), "http://" + s.bindAddress() + ":" + s.httpPort() + "\n");
        ctx.addApplicationListener(e -> {
            if (e instanceof org.springframework.context.event.ContextClosedEvent) {
                try {
                    Files.deleteIfExists(file(s));
                } catch (IOException ignored) {
                    // a stale file is harmless: running() checks the server answers
                }
            }
        });
    }

    /** True when the file exists and the server it names answers its health check. */
    static boolean running(RadBridgeSettings s) {
        if (!Files.exists(file(s))) return false;
        try {
            HttpResponse<String> r = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()
                    .send(HttpRequest.newBuilder(URI.create(url(s) + "/actuator/health")).timeout(Duration.ofSeconds(5)).GET().build(),
                            HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** POSTs a JSON body and returns the answer; a non-200 answer is an IOException with the body. Waits as long as the work takes. */
    static com.fasterxml.jackson.databind.JsonNode postJson(RadBridgeSettings s, String path, Object body) throws IOException, InterruptedException {
        HttpResponse<String> r = send(s, path, JSON.writeValueAsString(body));
        if (r.statusCode() != 200 && r.statusCode() != 400) throw new IOException("server answered " + r.statusCode() + ": " + r.body());
        return JSON.readTree(r.body());
    }

    static String post(RadBridgeSettings s, String path, List<Path> paths) throws IOException, InterruptedException {
        HttpResponse<String> r = send(s, path, JSON.writeValueAsString(java.util.Map.of("paths", paths.stream().map(Path::toString).toList())));
        if (r.statusCode() != 200) throw new IOException("server answered " + r.statusCode() + ": " + r.body());
        com.fasterxml.jackson.databind.JsonNode json = JSON.readTree(r.body());
        return json.has("summary") ? json.get("summary").asText() : json.toPrettyString() + "\n";
    }

    private static HttpResponse<String> send(RadBridgeSettings s, String path, String json) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(
                authorized(s, HttpRequest.newBuilder(URI.create(url(s) + path))).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Adds the local admin token: the server's /api endpoints accept admin tokens only. */
    static HttpRequest.Builder authorized(RadBridgeSettings s, HttpRequest.Builder b) throws IOException {
        java.util.Optional<String> token = new org.radbridge.server.security.TokenStore(s.dataDir().resolve("secrets"),
                System.getenv("RADBRIDGE_ADMIN_TOKEN")).localAdminToken();
        if (token.isEmpty())
            throw new IOException("no admin token: set RADBRIDGE_ADMIN_TOKEN or keep " + s.dataDir().resolve("secrets/admin.token"));
        return b.header("Authorization", "Bearer " + token.get());
    }
}
