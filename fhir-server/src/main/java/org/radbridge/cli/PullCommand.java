package org.radbridge.cli;

import org.radbridge.config.RadBridgeSettings;
import org.radbridge.dicom.net.DicomNetworkError;
import org.radbridge.dicom.net.DicomNode;
import org.radbridge.dicom.net.DimseClient;
import org.radbridge.dicom.net.RetryPolicy;
import org.radbridge.dicom.net.Spool;
import org.radbridge.dicom.net.StoreScp;
import org.radbridge.dicom.net.StudyQuery;
import org.radbridge.dicom.web.DicomWebClient;
import org.radbridge.dicom.web.DicomWebError;
import org.radbridge.ingest.IngestService;
import org.radbridge.ingest.StudyProjector;
import org.radbridge.source.DicomWebPull;
import org.radbridge.source.DimsePull;
import org.radbridge.source.JdbcPullStateStore;
import org.radbridge.source.PullOptions;
import org.radbridge.source.PullReport;
import org.radbridge.source.StagingSink;
import org.radbridge.source.TimeWindow;
import org.radbridge.staging.StagingRepository;
import org.springframework.context.ConfigurableApplicationContext;

import javax.sql.DataSource;
import java.net.InetAddress;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * {@code radbridge pull dimse|dicomweb ...}: runs a resumable pull in-process (a server on the same data directory
 * must be stopped first; handing pulls to it is not wired yet).
 */
final class PullCommand {
    static final String USAGE = """
            usage: radbridge pull dimse --aet AE --host HOST --port PORT [FILTERS] [--get] [--our-aet AE] [--listen ADDRESS] [OPTIONS]
                   radbridge pull dicomweb --url BASE [FILTERS] [OPTIONS]
              FILTERS  --from YYYY-MM-DD --to YYYY-MM-DD --modality M --patient ID --accession A
              OPTIONS  --concurrency N (2)   --rate STUDIES_PER_MINUTE (no limit)   --window HH:MM-HH:MM (always)
                       --timeout SECONDS per study (1800)   --retries N (4)
              dimse: C-FIND, then C-MOVE of each study to our receiver (AE --our-aet, default RADBRIDGE, on RADBRIDGE_DICOM_PORT,
                     listening on --listen, default RADBRIDGE_BIND_ADDRESS; the PACS must know this AE), or C-GET with --get.
              Running the same command again resumes: studies already pulled are skipped.
            """;

    private PullCommand() {}

    static int run(String[] args) throws Exception {
        if (args.length == 0 || !(args[0].equals("dimse") || args[0].equals("dicomweb"))) {
            System.err.print(USAGE);
            return 2;
        }
        Map<String, String> o = new HashMap<>();
        Set<String> flags = new LinkedHashSet<>();
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) {
                System.err.println("radbridge pull: unexpected argument '" + a + "'\n" + USAGE);
                return 2;
            }
            if (a.equals("--get")) {
                flags.add(a);
            } else if (i + 1 < args.length) {
                o.put(a.substring(2), args[++i]);
            } else {
                System.err.println("radbridge pull: " + a + " needs a value\n" + USAGE);
                return 2;
            }
        }
        StudyQuery query = new StudyQuery(date(o.get("from")), date(o.get("to")), o.get("modality"), o.get("patient"), o.get("accession"));
        PullOptions options = new PullOptions(Integer.parseInt(o.getOrDefault("concurrency", "2")),
                Double.parseDouble(o.getOrDefault("rate", "0")), TimeWindow.parse(o.get("window")));
        RetryPolicy retry = new RetryPolicy(Integer.parseInt(o.getOrDefault("retries", "4")), Duration.ofSeconds(2), Duration.ofSeconds(30));
        Duration timeout = Duration.ofSeconds(Long.parseLong(o.getOrDefault("timeout", "1800")));

        RadBridgeSettings s = RadBridgeSettings.fromEnvironment();
        if (ServerLock.running(s)) {
            System.err.println("A RadBridge server runs on data directory " + s.dataDir() + " (" + ServerLock.url(s)
                    + "): stop it first or use another RADBRIDGE_DATA (handing pulls to a running server is not wired yet)");
            return 1;
        }
        if (args[0].equals("dimse")) {
            for (String k : new String[] {"aet", "host", "port"}) {
                if (!o.containsKey(k)) {
                    System.err.println("radbridge pull dimse: --" + k + " is required\n" + USAGE);
                    return 2;
                }
            }
            DicomNode pacs = new DicomNode(o.get("aet"), o.get("host"), Integer.parseInt(o.get("port")));
            String ourAet = o.getOrDefault("our-aet", "RADBRIDGE");
            try (DimseClient client = new DimseClient(new DimseClient.Options(ourAet, Duration.ofSeconds(10), timeout, retry))) {
                // fail fast, before the database and FHIR server start, when the PACS is unreachable or refuses us
                client.echo(pacs);
                try (ConfigurableApplicationContext ctx = ServerCommands.start(false)) {
                    StagingSink sink = sink(ctx);
                    JdbcPullStateStore state = new JdbcPullStateStore(ctx.getBean("radbridgeDataSource", DataSource.class));
                    PullReport report;
                    if (flags.contains("--get")) {
                        Spool spool = new Spool(s.dataDir().resolve("spool"));
                        report = new DimsePull(DimsePull.cGet(client, pacs, spool), state, sink, options).run(query);
                    } else {
                        Set<String> hosts = new LinkedHashSet<>();
                        for (InetAddress a : InetAddress.getAllByName(pacs.host())) hosts.add(a.getHostAddress());
                        StoreScp.Config cfg = new StoreScp.Config(ourAet, o.getOrDefault("listen", s.bindAddress()), s.dicomPort(),
                                s.dataDir().resolve("spool"), Set.of(pacs.aeTitle()), hosts, 4);
                        try (StoreScp receiver = new StoreScp(cfg, null)) {
                            receiver.start();
                            report = new DimsePull(DimsePull.cMove(client, pacs, ourAet, receiver.spool()), state, sink, options).run(query);
                        }
                    }
                    System.out.print(report.describe());
                    return report.complete() ? 0 : 1;
                }
            } catch (DicomNetworkError e) {
                System.err.println("radbridge pull: " + e.getMessage());
                return 1;
            }
        }
        if (!o.containsKey("url")) {
            System.err.println("radbridge pull dicomweb: --url is required\n" + USAGE);
            return 2;
        }
        DicomWebClient web = new DicomWebClient(o.get("url"), Duration.ofSeconds(Math.min(timeout.toSeconds(), 300)), retry, Map.of());
        try {
            web.ping(); // fail fast, before the database and FHIR server start
        } catch (DicomWebError e) {
            System.err.println("radbridge pull: " + e.getMessage());
            return 1;
        }
        try (ConfigurableApplicationContext ctx = ServerCommands.start(false)) {
            JdbcPullStateStore state = new JdbcPullStateStore(ctx.getBean("radbridgeDataSource", DataSource.class));
            PullReport report = new DicomWebPull(DicomWebPull.of(web), state, sink(ctx), options).run(query);
            System.out.print(report.describe());
            return report.complete() ? 0 : 1;
        } catch (DicomWebError e) {
            System.err.println("radbridge pull: " + e.getMessage());
            return 1;
        }
    }

    private static StagingSink sink(ConfigurableApplicationContext ctx) {
        return new StagingSink(ctx.getBean(IngestService.class), ctx.getBean(StagingRepository.class), ctx.getBean(StudyProjector.class));
    }

    private static LocalDate date(String s) {
        if (s == null || s.isBlank()) return null;
        String t = s.trim();
        return t.length() == 8 ? LocalDate.parse(t, DateTimeFormatter.BASIC_ISO_DATE) : LocalDate.parse(t);
    }
}
