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

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Commands that run the application, in-process or by handing work to a running server. */
final class ServerCommands {
    private ServerCommands() {}

    static ConfigurableApplicationContext start(boolean web) {
        RadBridgeSettings s = RadBridgeSettings.fromEnvironment();
        SpringApplication app = new SpringApplication(RadBridgeApplication.class);
        app.setWebApplicationType(web ? WebApplicationType.SERVLET : WebApplicationType.NONE);
        app.setDefaultProperties(Map.of(
                "server.port", String.valueOf(s.httpPort()),
                "server.address", s.bindAddress(),
                "radbridge.server", String.valueOf(web)));
        System.out.println("Starting RadBridge (database, schemas, FHIR JPA server" + (web ? ", web server" : "")
                + "); data directory " + s.dataDir());
        return app.run();
    }

    static int serve() throws Exception {
        RadBridgeSettings s = RadBridgeSettings.fromEnvironment();
        if (ServerLock.running(s)) {
            System.err.println("A RadBridge server already runs on data directory " + s.dataDir() + " (" + ServerLock.url(s) + ")");
            return 1;
        }
        ConfigurableApplicationContext ctx = start(true);
        ServerLock.write(s, ctx);
        printUrls(s, ctx);
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
            System.out.println("Generating a sample PACS in " + pacs);
            int rc = GenerateCommand.run(new String[] {"--patients", "20", "--seed", "42", "--out", pacs.toString()});
            if (rc != 0) return rc;
        } else {
            System.out.println("Using the sample PACS already in " + pacs);
        }
        ConfigurableApplicationContext ctx = start(!exit);
        try {
            IngestSummary summary = ctx.getBean(IngestService.class).ingest(List.of(pacs.resolve("dicom"), pacs.resolve("reports")), "folder");
            System.out.print(summary.describe());
            System.out.println("Counts in both views:");
            System.out.print(ctx.getBean(ViewCounts.class).describe());
            if (exit) {
                ctx.close();
                return 0;
            }
            ServerLock.write(s, ctx);
            printUrls(s, ctx);
            awaitShutdown(ctx);
            return 0;
        } catch (Exception e) {
            ctx.close();
            throw e;
        }
    }

    static int ingest(String[] paths) throws Exception {
        if (paths.length == 0) {
            System.err.println("usage: radbridge ingest PATH...");
            return 2;
        }
        RadBridgeSettings s = RadBridgeSettings.fromEnvironment();
        List<Path> roots = Arrays.stream(paths).map(p -> Path.of(p).toAbsolutePath().normalize()).toList();
        if (ServerLock.running(s)) {
            System.out.println("A RadBridge server runs on this data directory: handing the ingest to it at " + ServerLock.url(s));
            System.out.print(ServerLock.post(s, "/api/ingest", roots));
            return 0;
        }
        try (ConfigurableApplicationContext ctx = start(false)) {
            IngestSummary summary = ctx.getBean(IngestService.class).ingest(roots, "folder");
            System.out.print(summary.describe());
            System.out.println("Counts in both views:");
            System.out.print(ctx.getBean(ViewCounts.class).describe());
            return 0;
        }
    }

    static int rebuild() throws Exception {
        RadBridgeSettings s = RadBridgeSettings.fromEnvironment();
        if (ServerLock.running(s)) {
            System.out.print(ServerLock.post(s, "/api/rebuild", List.of()));
            return 0;
        }
        try (ConfigurableApplicationContext ctx = start(false)) {
            StudyProjector.Result r = ctx.getBean(StudyProjector.class).projectAll();
            System.out.println("Re-projected " + r.projected() + " studies and " + r.reportsProjected() + " reports into FHIR and OMOP");
            r.problems().forEach(p -> System.out.println("  not projected: " + p));
            r.reportsWaiting().lines().forEach(w -> System.out.println("  report waiting: " + w));
            return 0;
        }
    }

    private static String adminTokenFile(RadBridgeSettings s) {
        return System.getenv("RADBRIDGE_ADMIN_TOKEN") != null ? "RADBRIDGE_ADMIN_TOKEN" : s.dataDir().resolve("secrets/admin.token").toString();
    }

    private static String adminTokenShell(RadBridgeSettings s) {
        return System.getenv("RADBRIDGE_ADMIN_TOKEN") != null ? "$RADBRIDGE_ADMIN_TOKEN" : "$(cat " + adminTokenFile(s) + ")";
    }

    private static void printUrls(RadBridgeSettings s, ConfigurableApplicationContext ctx) {
        String base = "http://" + s.bindAddress() + ":" + s.httpPort();
        System.out.println("""
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
