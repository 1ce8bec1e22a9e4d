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

/**
 * data/server.url names the server running on a data directory, so that a second command hands
 * its work over instead of starting a rival process on the same database and ports. data/server.starting (the
 * server's pid) says a server is on its way, from before it takes the database ({@link DataDirectoryLock}) until
 * server.url is written: a command that finds it waits for the server and then hands its work over.
 */
final class ServerLock {
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();
    /** How long a command waits for a starting server (a demo start ingests the sample PACS first). */
    static final Duration START_WAIT = Duration.ofMinutes(15);
    private ServerLock() {}

    private static Path file(RadBridgeSettings s) {
        return s.dataDir().resolve("server.url");
    }

    private static Path startingFile(RadBridgeSettings s) {
        return s.dataDir().resolve("server.starting");
    }

    /** Who does a command's work: the server of the data directory, or this process, which then holds the lock. */
    record Owner(DataDirectoryLock lock) implements AutoCloseable {
        boolean server() {
            return lock == null;
        }

        @Override
        public void close() throws IOException {
            if (lock != null) lock.close();
        }
    }

    /**
     * Finds out who does a command's work: a running server (after waiting for a starting one, with a message on
     * standard error), or this process, which then owns the data directory's database until the owner is closed.
     */
    static Owner claim(RadBridgeSettings s) throws IOException, InterruptedException {
        while (true) {
            awaitStartingServer(s);
            if (running(s)) return new Owner(null);
            DataDirectoryLock lock = DataDirectoryLock.acquire(s, START_WAIT);
            // a server that announced itself while we took the lock waits for it: let it have it
            if (startingPid(s).isPresent()) {
                lock.close();
                continue;
            }
            return new Owner(lock);
        }
    }

    /** The pid of a server announced as starting and still alive (a stale announcement of a dead one is removed). */
    static java.util.Optional<Long> startingPid(RadBridgeSettings s) {
        Path f = startingFile(s);
        try {
            long pid = Long.parseLong(Files.readString(f).trim());
            if (pid != ProcessHandle.current().pid() && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                return java.util.Optional.of(pid);
            if (pid != ProcessHandle.current().pid()) Files.deleteIfExists(f);
        } catch (IOException | NumberFormatException e) {
            // no announcement, or one being written: the next look sees it
        }
        return java.util.Optional.empty();
    }

    /** Waits while a server is starting on this data directory; returns at once when none is. */
    static void awaitStartingServer(RadBridgeSettings s) throws IOException, InterruptedException {
        java.util.Optional<Long> pid = startingPid(s);
        if (pid.isEmpty()) return;
        System.err.println("radbridge: a RadBridge server (pid " + pid.get() + ") is starting on data directory " + s.dataDir()
                + "; waiting for it to be ready to hand the work over");
        long deadline = System.nanoTime() + START_WAIT.toNanos();
        while (startingPid(s).isPresent()) {
            if (System.nanoTime() > deadline)
                throw new IOException("the RadBridge server (pid " + pid.get() + ") was not ready after " + START_WAIT.toMinutes() + " min");
            Thread.sleep(250);
        }
    }

    /** Announces this process as a server starting on the data directory (before it takes the database). */
    static void announceStarting(RadBridgeSettings s) throws IOException {
        Files.createDirectories(s.dataDir());
        Path tmp = Files.createTempFile(s.dataDir(), "server.starting", ".tmp");
        Files.writeString(tmp, ProcessHandle.current().pid() + "\n");
        Files.move(tmp, startingFile(s), java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        startingFile(s).toFile().deleteOnExit();
    }

    /** Withdraws the announcement: the server is ready (server.url written) or its start failed. */
    static void withdrawStarting(RadBridgeSettings s) {
        try {
            Files.deleteIfExists(startingFile(s));
        } catch (IOException ignored) {
            // a stale announcement names a dead pid and is ignored
        }
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
