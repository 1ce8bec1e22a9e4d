package org.radbridge.bench.peer;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Orthanc (Debian package) ingesting the same files through its REST API ({@code POST /instances}),
 * started on a private storage directory with remote access off and its DICOM port disabled.
 */
public final class OrthancPeer implements AutoCloseable {
    private static final Path BINARY = Path.of("/usr/sbin/Orthanc");

    private Process process;
    private int port;

    public static boolean available() {
        return Files.isExecutable(BINARY);
    }

    public void start(Path workDir) throws IOException, InterruptedException {
        start(workDir, List.of());
    }

    /** The Orthanc DICOMweb plugin of the Debian package orthanc-dicomweb (QIDO-RS at /dicom-web). */
    public static final Path DICOMWEB_PLUGIN = Path.of("/usr/share/orthanc/plugins/libOrthancDicomWeb.so");

    public int port() { return port; }

    public void start(Path workDir, List<Path> plugins) throws IOException, InterruptedException {
        port = freePort();
        Path storage = Files.createDirectories(workDir.resolve("orthanc-storage"));
        Path config = workDir.resolve("orthanc.json");
        Files.writeString(config, """
                {
                  "Name": "radbridge-bench",
                  "HttpPort": %d,
                  "RemoteAccessAllowed": false,
                  "AuthenticationEnabled": false,
                  "DicomServerEnabled": false,
                  "StorageDirectory": "%s",
                  "IndexDirectory": "%s",
                  "Plugins": [%s]
                }
                """.formatted(port, storage, storage,
                String.join(", ", plugins.stream().map(p -> "\"" + p + "\"").toList())));
        process = new ProcessBuilder(BINARY.toString(), config.toString())
                .redirectErrorStream(true).redirectOutput(workDir.resolve("orthanc.log").toFile()).start();
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base() + "/system")).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) return;
            } catch (IOException e) {
                // not up yet
            }
            if (!process.isAlive()) throw new IOException("Orthanc exited at start-up; see " + workDir.resolve("orthanc.log"));
            Thread.sleep(200);
        }
        throw new IOException("Orthanc did not answer within 60 s");
    }

    private String base() {
        return "http://127.0.0.1:" + port;
    }

    public PeerResult upload(List<Path> files, int clients) throws InterruptedException {
        // HTTP/1.1: the JDK client's h2c upgrade attempt is not something Orthanc's web server expects
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
        java.util.concurrent.atomic.AtomicReference<String> firstFailure = new java.util.concurrent.atomic.AtomicReference<>();
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long t0 = System.nanoTime();
        try {
            List<Future<?>> futures = new java.util.ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int offset = c;
                futures.add(pool.submit(() -> {
                    for (int i = offset; i < files.size(); i += clients) {
                        try {
                            HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(base() + "/instances"))
                                            .POST(HttpRequest.BodyPublishers.ofFile(files.get(i))).build(),
                                    HttpResponse.BodyHandlers.discarding());
                            if (r.statusCode() == 200) {
                                ok.incrementAndGet();
                            } else {
                                failed.incrementAndGet();
                                firstFailure.compareAndSet(null, "HTTP " + r.statusCode() + " for " + files.get(i));
                            }
                        } catch (IOException e) {
                            failed.incrementAndGet();
                            firstFailure.compareAndSet(null, e + " for " + files.get(i));
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        }
                    }
                }));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IllegalStateException(e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        return new PeerResult("Orthanc REST ingest (POST /instances)", ok.get(), failed.get(), secs,
                clients + " HTTP clients" + (firstFailure.get() == null ? "" : "; first failure: " + firstFailure.get()));
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) process.destroyForcibly();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
