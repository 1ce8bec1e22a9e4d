package org.radbridge.dicom.net;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * A real Orthanc (Debian package {@code orthanc} + {@code orthanc-dicomweb}) started for a test on free ports with a
 * temporary storage, knowing RadBridge's receiver as a C-MOVE destination, checking the called AE title.
 */
public final class OrthancPeer implements AutoCloseable {
    public static final Path BINARY = Path.of("/usr/sbin/Orthanc");
    public static final Path DICOMWEB_PLUGIN = Path.of("/usr/share/orthanc/plugins/libOrthancDicomWeb.so");
    public static final String AET = "ORTHANC";

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    private final Path dir;
    private final Process process;
    public final int httpPort;
    public final int dicomPort;

    /** Why Orthanc cannot be started here (not installed), or null. */
    public static String whyNot() {
        if (!Files.isExecutable(BINARY)) return "Orthanc not installed (" + BINARY + "; Debian package orthanc)";
        if (!Files.exists(DICOMWEB_PLUGIN)) return "Orthanc DICOMweb plugin not installed (" + DICOMWEB_PLUGIN + "; Debian package orthanc-dicomweb)";
        return null;
    }

    public OrthancPeer(String radbridgeAet, int radbridgePort) throws IOException, InterruptedException {
        dir = Files.createTempDirectory("orthanc-test");
        httpPort = freePort();
        dicomPort = freePort();
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        Files.createSymbolicLink(plugins.resolve(DICOMWEB_PLUGIN.getFileName()), DICOMWEB_PLUGIN);
        Map<String, Object> cfg = new java.util.LinkedHashMap<>();
        cfg.put("Name", "RadBridgeTestPACS");
        cfg.put("StorageDirectory", dir.resolve("storage").toString());
        cfg.put("IndexDirectory", dir.resolve("index").toString());
        cfg.put("HttpPort", httpPort);
        cfg.put("DicomPort", dicomPort);
        cfg.put("DicomAet", AET);
        cfg.put("DicomCheckCalledAet", true);
        cfg.put("RemoteAccessAllowed", false);
        cfg.put("AuthenticationEnabled", false);
        cfg.put("HttpServerEnabled", true);
        cfg.put("ConcurrentJobs", 1);
        cfg.put("Plugins", List.of(plugins.toString()));
        cfg.put("DicomModalities", Map.of("radbridge", Map.of("AET", radbridgeAet, "Host", "127.0.0.1", "Port", radbridgePort,
                "AllowEcho", true, "AllowFind", true, "AllowMove", true, "AllowGet", true, "AllowStore", true)));
        cfg.put("DicomWeb", Map.of("Enable", true, "Root", "/dicom-web/", "EnableWado", true, "StudiesMetadata", "Full",
                "SeriesMetadata", "Full"));
        Path config = dir.resolve("orthanc.json");
        JSON.writerWithDefaultPrettyPrinter().writeValue(config.toFile(), cfg);
        process = new ProcessBuilder(BINARY.toString(), config.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("orthanc.log").toFile()).start();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (true) {
            try {
                if (get("/system").has("Version")) break;
            } catch (IOException e) {
                if (!process.isAlive()) throw new IOException("Orthanc exited with " + process.exitValue() + ": " + log());
                if (System.nanoTime() > deadline) throw new IOException("Orthanc did not answer within 30 s: " + log());
                Thread.sleep(100);
            }
        }
    }

    public DicomNode node() {
        return new DicomNode(AET, "127.0.0.1", dicomPort);
    }

    public String dicomWebBase() {
        return "http://127.0.0.1:" + httpPort + "/dicom-web";
    }

    /** POST /instances; returns Orthanc's status (Success / AlreadyStored). */
    public String upload(Path file) throws IOException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                return uploadOnce(file);
            } catch (IOException e) {
                // Orthanc's HTTP server sometimes drops a kept-alive connection just after start
                if (attempt == 3 || e.getMessage() != null && e.getMessage().startsWith("Orthanc refused")) throw e;
                Thread.sleep(200);
            }
        }
    }

    private String uploadOnce(Path file) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/instances"))
                .POST(HttpRequest.BodyPublishers.ofFile(file)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) throw new IOException("Orthanc refused " + file + ": HTTP " + r.statusCode() + " " + r.body());
        return JSON.readTree(r.body()).path("Status").asText();
    }

    /** Study Instance UIDs Orthanc holds. */
    public TreeSet<String> studyUids() throws IOException, InterruptedException {
        TreeSet<String> out = new TreeSet<>();
        for (JsonNode s : get("/studies?expand")) out.add(s.path("MainDicomTags").path("StudyInstanceUID").asText());
        return out;
    }

    /** SOP Instance UIDs of one study, as Orthanc holds them. */
    public TreeSet<String> sopInstanceUids(String studyUid) throws IOException, InterruptedException {
        String body = JSON.writeValueAsString(Map.of("Level", "Instance", "Query", Map.of("StudyInstanceUID", studyUid), "Expand", true));
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/tools/find"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        TreeSet<String> out = new TreeSet<>();
        for (JsonNode i : JSON.readTree(r.body())) out.add(i.path("MainDicomTags").path("SOPInstanceUID").asText());
        return out;
    }

    public JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) throw new IOException("GET " + path + ": HTTP " + r.statusCode());
        return JSON.readTree(r.body());
    }

    public String log() {
        try {
            List<String> lines = Files.readAllLines(dir.resolve("orthanc.log"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    @Override
    public void close() throws IOException {
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) process.destroyForcibly().waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    static int freePort() throws IOException {
        return LoopbackPorts.free();
    }

    static List<String> lines(String s) {
        return new ArrayList<>(List.of(s.split("\n")));
    }
}
