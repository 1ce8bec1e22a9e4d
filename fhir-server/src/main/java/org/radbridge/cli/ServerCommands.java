package org.radbridge.cli;

import org.radbridge.bench.generate.GenerateCommand;
import org.radbridge.config.RadBridgeSettings;
import org.radbridge.ingest.IngestService;
import org.radbridge.ingest.IngestSummary;
import org.radbridge.ingest.StudyProjector;
import org.radbridge.server.RadBridgeApplication;
import org.radbridge.server.ViewCounts;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Commands that run the application, in-process or by handing work to a running server. */
final class ServerCommands {
    /** The data directory's lock while this process is its server. */
    private static volatile DataDirectoryLock serverLock;

    private ServerCommands() {}

    static ConfigurableApplicationContext start(boolean web) {
        RadBridgeSettings s = RadBridgeSettings.fromEnvironment();
        SpringApplication app = new SpringApplication(RadBridgeApplication.class);
        app.setWebApplicationType(web ? WebApplicationType.SERVLET : WebApplicationType.NONE);
        if (web) app.setApplicationContextFactory(type -> new org.radbridge.server.config.FrozenBeforeWebServerContext());
        app.setLogStartupInfo(false);
        app.setDefaultProperties(Map.of(
                "server.port", String.valueOf(s.httpPort()),
                "server.address", s.bindAddress(),
                "radbridge.server", String.valueOf(web)));
        System.err.println("Starting RadBridge (database, schemas, FHIR JPA server" + (web ? ", web server" : "")
                + "); data directory " + s.dataDir() + ", log in " + s.dataDir().resolve("logs/radbridge.log"));
        org.radbridge.server.fhir.StructureDefinitionPreload.start();
        StartupProfile profile = StartupProfile.fromEnvironment();
        if (profile != null) app.setApplicationStartup(profile.recorder());
        ConfigurableApplicationContext ctx = app.run();
        if (profile != null) profile.write();
        return ctx;
    }

    /**
     * Starts the server on the data directory: announces it (data/server.starting), takes the database (waiting for a
     * command that uses it to finish), starts, and is then named by data/server.url. Null when a server already runs.
     */
    private static ConfigurableApplicationContext startServer(RadBridgeSettings s, boolean web) throws Exception {
        if (ServerLock.running(s) || ServerLock.startingPid(s).isPresent()) {
            System.err.println("A RadBridge server already runs on data directory " + s.dataDir()
                    + (ServerLock.running(s) ? " (" + ServerLock.url(s) + ")" : " (starting, pid " + ServerLock.startingPid(s).get() + ")")
                    + "; stop it first or use another RADBRIDGE_DATA");
            return null;
        }
        ServerLock.announceStarting(s);
        try {
            // held until this process ends: the operating system releases it however the server stops (kept in a
            // field, since an unreachable channel is closed by the garbage collector, and its lock with it)
            serverLock = DataDirectoryLock.acquire(s, ServerLock.START_WAIT);
            return start(web);
        } catch (Exception e) {
            ServerLock.withdrawStarting(s);
            throw e;
        }
    }

    private static void ready(RadBridgeSettings s, ConfigurableApplicationContext ctx) throws IOException {
        ServerLock.write(s, ctx);
        ServerLock.withdrawStarting(s);
        printUrls(s, ctx);
    }

    static int serve() throws Exception {
        RadBridgeSettings s = RadBridgeSettings.fromEnvironment();
        ConfigurableApplicationContext ctx = startServer(s, true);
        if (ctx == null) return 1;
        ready(s, ctx);
        awaitShutdown(ctx);
        return 0;
    }

    static int demo(boolean exit) throws Exception {
        RadBridgeSettings s = RadBridgeSettings.fromEnvironment();
        if (ServerLock.running(s)) {
            System.err.println("A RadBridge server already runs on " + s.dataDir() + "; stop it first or use another RADBRIDGE_DATA");
            return 1;
        }
        Path pacs = s.dataDir().resolve("demo-pacs");
        if (!Files.isDirectory(pacs.resolve("dicom"))) {
            System.err.println("Generating a sample PACS in " + pacs);
            // the generator's summary is generate's result, but only a step of demo, whose result is the counts
            java.io.PrintStream out = System.out;
            int rc;
            System.setOut(System.err);
            try {
                rc = GenerateCommand.run(new String[] {"--patients", "20", "--seed", "42", "--out", pacs.toString()});
            } finally {
                System.setOut(out);
            }
            if (rc != 0) return rc;
        } else {
            System.err.println("Using the sample PACS already in " + pacs);
        }
        ConfigurableApplicationContext ctx;
        DataDirectoryLock lock = null;
        if (exit) {
            ServerLock.Owner owner = ServerLock.claim(s);
            if (owner.server()) {
                System.err.println("A RadBridge server started on " + s.dataDir() + " meanwhile; stop it first or use another RADBRIDGE_DATA");
                return 1;
            }
            lock = owner.lock();
            ctx = start(false);
        } else {
            ctx = startServer(s, true);
            if (ctx == null) return 1;
        }
        try {
            IngestSummary summary = ctx.getBean(IngestService.class).ingest(List.of(pacs.resolve("dicom"), pacs.resolve("reports")), "folder");
            printIngest(summary, ctx.getBean(ViewCounts.class).counts());
            if (exit) {
                ctx.close();
                return 0;
            }
            ready(s, ctx);
            awaitShutdown(ctx);
            return 0;
        } catch (Exception e) {
            ctx.close();
            if (!exit) ServerLock.withdrawStarting(s);
            throw e;
        } finally {
            if (lock != null) lock.close();
        }
    }

    /** The human summary on standard error, the counts (name TAB count) on standard output. */
    private static void printIngest(IngestSummary summary, Map<String, Long> viewCounts) {
        System.err.print(summary.describe());
        Map<String, Long> counts = new LinkedHashMap<>(ViewCounts.ingestCounts(summary));
        counts.putAll(viewCounts);
        System.out.print(ViewCounts.tsv(counts));
        System.out.flush();
    }

    static int ingest(String[] paths) throws Exception {
        if (paths.length == 0) {
            System.err.println("usage: radbridge ingest PATH...");
            return 2;
        }
        RadBridgeSettings s = RadBridgeSettings.fromEnvironment();
        List<Path> roots = Arrays.stream(paths).map(p -> Path.of(p).toAbsolutePath().normalize()).toList();
        try (ServerLock.Owner owner = ServerLock.claim(s)) {
            if (owner.server()) {
                System.err.println("A RadBridge server runs on this data directory: handing the ingest to it at " + ServerLock.url(s));
                com.fasterxml.jackson.databind.JsonNode answer = ServerLock.postJson(s, "/api/ingest", Map.of("paths", roots.stream().map(Path::toString).toList()));
                System.err.print(answer.path("summary").asText());
                Map<String, Long> counts = new LinkedHashMap<>();
                answer.path("counts").fields().forEachRemaining(e -> counts.put(e.getKey(), e.getValue().asLong()));
                System.out.print(ViewCounts.tsv(counts));
                return 0;
            }
            try (ConfigurableApplicationContext ctx = start(false)) {
                IngestSummary summary = ctx.getBean(IngestService.class).ingest(roots, "folder");
                printIngest(summary, ctx.getBean(ViewCounts.class).counts());
                return 0;
            }
        }
    }

    static int rebuild() throws Exception {
        RadBridgeSettings s = RadBridgeSettings.fromEnvironment();
        try (ServerLock.Owner owner = ServerLock.claim(s)) {
            if (owner.server()) {
                System.err.println("A RadBridge server runs on this data directory: handing the rebuild to it at " + ServerLock.url(s));
                com.fasterxml.jackson.databind.JsonNode r = ServerLock.postJson(s, "/api/rebuild", Map.of());
                printRebuild("FHIR and OMOP", r.path("projected").asInt(), r.path("reportsProjected").asInt(),
                        JSON_LIST.apply(r.path("problems")), JSON_LIST.apply(r.path("reportsWaiting")));
                return 0;
            }
            try (ConfigurableApplicationContext ctx = start(false)) {
                StudyProjector.Result r = ctx.getBean(StudyProjector.class).projectAll();
                printRebuild("FHIR and OMOP", r.projected(), r.reportsProjected(), r.problems(), r.reportsWaiting().lines());
                return 0;
            }
        }
    }

    private static final java.util.function.Function<com.fasterxml.jackson.databind.JsonNode, List<String>> JSON_LIST = n -> {
        List<String> out = new java.util.ArrayList<>();
        n.forEach(x -> out.add(x.asText()));
        return out;
    };

    /** Counts on standard output (name TAB count), the items behind them on standard error. */
    static void printRebuild(String views, int studies, int reports, List<String> problems, List<String> waiting) {
        System.err.println("Re-projected " + studies + " studies and " + reports + " reports into " + views);
        problems.forEach(p -> System.err.println("  not projected: " + p));
        waiting.forEach(w -> System.err.println("  report waiting: " + w));
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("studies_projected", (long) studies);
        counts.put("reports_projected", (long) reports);
        counts.put("not_projected", (long) problems.size());
        counts.put("reports_waiting", (long) waiting.size());
        System.out.print(ViewCounts.tsv(counts));
    }

    private static String adminTokenFile(RadBridgeSettings s) {
        return System.getenv("RADBRIDGE_ADMIN_TOKEN") != null ? "RADBRIDGE_ADMIN_TOKEN" : s.dataDir().resolve("secrets/admin.token").toString();
    }

    private static String adminTokenShell(RadBridgeSettings s) {
        return System.getenv("RADBRIDGE_ADMIN_TOKEN") != null ? "$RADBRIDGE_ADMIN_TOKEN" : "$(cat " + adminTokenFile(s) + ")";
    }

    private static void printUrls(RadBridgeSettings s, ConfigurableApplicationContext ctx) {
        String base = "http://" + s.bindAddress() + ":" + s.httpPort();
        System.err.println("""
                RadBridge is running:
                  web console        %s/  (sign in with the admin token below, or a reader token)
                  FHIR R4            %s/fhir  (bearer token required; the local admin token is in %s)
                                     try: curl -H "Authorization: Bearer %s" '%s/fhir/ImagingStudy?_count=5'
                                     give others tokens with: ./radbridge token create --name NAME --role reader|patient
                  health             %s/actuator/health
                  OMOP (PostgreSQL)  psql -h 127.0.0.1 -p %d -U %s %s
                  DICOM C-STORE      AE RADBRIDGE at %s:%d (callers on this machine only unless RADBRIDGE_DICOM_ALLOWED_HOSTS says otherwise)
                  HL7v2 MLLP         ORU^R01 reports at %s:%d
                  inbox              %s
                Press Ctrl+C to stop.""".formatted(base, base, adminTokenFile(s), adminTokenShell(s), base, base, s.dbPort(), s.dbUser(), "radbridge", s.bindAddress(), s.dicomPort(),
                s.bindAddress(), s.mllpPort(), s.inboxDir()));
    }

    private static void awaitShutdown(ConfigurableApplicationContext ctx) throws InterruptedException {
        Object lock = new Object();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            synchronized (lock) {
                lock.notifyAll();
            }
        }));
        synchronized (lock) {
            while (ctx.isActive()) lock.wait(1000);
        }
    }
}
