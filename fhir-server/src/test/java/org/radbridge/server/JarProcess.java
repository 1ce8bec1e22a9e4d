package org.radbridge.server;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One RadBridge data set run the way users run it: the packaged jar ({@code java -jar radbridge.jar serve}, or a
 * command) as a separate process with its own data directory, ports and embedded PostgreSQL. The server can be
 * killed with SIGKILL and started again on the same data.
 */
final class JarProcess implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    final String name;
    final Path dataDir;
    final int httpPort;
    final int dbPort;
    final int dicomPort;
    private final int mllpPort;
    private final Path jar;
    private final Path home;
    private final String pseudonymKey;
    private Process server;
    private int starts;

    JarProcess(String name, Path workDir, Path jar, Path home, String pseudonymKey) throws IOException {
        this.name = name;
        this.dataDir = Files.createDirectories(workDir.resolve(name));
        this.httpPort = E2eSupport.freePort();
        this.dbPort = E2eSupport.freePort();
        this.dicomPort = E2eSupport.freePort();
        this.mllpPort = E2eSupport.freePort();
        this.jar = jar;
        this.home = home;
        this.pseudonymKey = pseudonymKey;
    }

    private ProcessBuilder builder(List<String> args, Path log) {
        // C1 only and the serial collector: several of these JVMs start at once on two shared cores, and start-up
        // (Spring, Hibernate, HAPI) is what they spend their CPU on here
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Dfile.encoding=UTF-8", "-jar", jar.toString()));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> env = pb.environment();
        env.put("RADBRIDGE_HOME", home.toString());
        env.put("RADBRIDGE_DATA", dataDir.toString());
        env.put("RADBRIDGE_HTTP_PORT", String.valueOf(httpPort));
        env.put("RADBRIDGE_DB_PORT", String.valueOf(dbPort));
        env.put("RADBRIDGE_DICOM_PORT", String.valueOf(dicomPort));
        env.put("RADBRIDGE_MLLP_PORT", String.valueOf(mllpPort));
        env.put("RADBRIDGE_PSEUDONYM_KEY", pseudonymKey);
        // studies pushed instance by instance are projected one second after their last instance
        env.put("RADBRIDGE_QUIET_PERIOD_SECONDS", "1");
        return pb;
    }

    /** Starts {@code serve}; returns at once (see {@link #awaitUp}). */
    void startServer() throws IOException {
        starts++;
        server = builder(List.of("serve"), dataDir.resolve("serve-" + starts + ".log")).start();
    }

    void awaitUp(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) throw new IOException(name + ": server exited with " + server.exitValue() + "\n" + log());
            try {
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base() + "/actuator/health"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 && Files.exists(dataDir.resolve("server.url"))) return;
            } catch (IOException e) {
                // not up yet
            }
            Thread.sleep(500);
        }
        throw new IOException(name + ": server not up within " + timeout + "\n" + log());
    }

    /** SIGKILL: no shutdown hook runs, the embedded PostgreSQL is left running without its owner. */
    void kill9() throws InterruptedException {
        server.destroyForcibly();
        server.waitFor(30, TimeUnit.SECONDS);
    }

    /** A command of the jar (pull, ingest ...) as its own process; returns its exit code and output. */
    Result run(Duration timeout, String... args) throws IOException, InterruptedException {
        Path log = Files.createTempFile(dataDir, "cmd-", ".log");
        Process p = builder(List.of(args), log).start();
        if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(name + ": " + String.join(" ", args) + " did not finish within " + timeout + "\n" + Files.readString(log));
        }
        return new Result(p.exitValue(), Files.readString(log));
    }

    /** Starts a command and returns its process (for commands the test interrupts). */
    Process start(Path log, String... args) throws IOException {
        return builder(List.of(args), log).start();
    }

    record Result(int exitCode, String output) {}

    String base() {
        return "http://127.0.0.1:" + httpPort;
    }

    Connection db() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + dbPort + "/radbridge", "radbridge", "radbridge");
    }

    String get(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(E2eSupport.asAdmin(HttpRequest.newBuilder(URI.create(base() + path)), dataDir)
                .timeout(Duration.ofSeconds(60)).header("Accept", "application/fhir+json").build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) throw new IOException(name + ": GET " + path + ": HTTP " + r.statusCode() + " " + r.body());
        return r.body();
    }

    /**
     * The WARN and ERROR lines of every server start's log (at most the last 80), and of the data directory's framework
     * logs: what a failing end-to-end assertion prints so a race seen once on a loaded machine can be read afterwards.
     */
    String warnings() {
        List<String> out = new ArrayList<>();
        try (var files = Files.walk(dataDir, 3)) {
            for (Path f : files.filter(x -> x.getFileName().toString().endsWith(".log")).sorted().toList()) {
                for (String line : Files.readAllLines(f)) {
                    if (line.contains(" WARN ") || line.contains(" ERROR ")) out.add(f.getFileName() + ": " + line);
                }
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            out.add("(logs unreadable: " + e + ")");
        }
        return String.join("\n", out.subList(Math.max(0, out.size() - 80), out.size()));
    }

    String log() {
        try {
            List<String> lines = Files.readAllLines(dataDir.resolve("serve-" + starts + ".log"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    /** SIGTERM: the server closes its context, which stops its embedded PostgreSQL (see {@link #close}). */
    void stop() {
        if (server != null && server.isAlive()) server.destroy();
    }

    @Override
    public void close() throws InterruptedException, IOException {
        if (server != null && server.isAlive()) {
            server.destroy();
            if (!server.waitFor(60, TimeUnit.SECONDS)) server.destroyForcibly().waitFor();
        }
        // a PostgreSQL left behind by a killed server that was not restarted: stop it by its pid file
        Path pid = dataDir.resolve("pg/postmaster.pid");
        if (Files.exists(pid)) {
            long p = Long.parseLong(Files.readAllLines(pid).get(0).trim());
            ProcessHandle.of(p).ifPresent(ProcessHandle::destroy);
        }
    }
}
