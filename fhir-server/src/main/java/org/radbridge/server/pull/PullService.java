package org.radbridge.server.pull;

import org.radbridge.config.RadBridgeSettings;
import org.radbridge.dicom.net.DicomNetworkError;
import org.radbridge.dicom.net.DicomNode;
import org.radbridge.dicom.net.DimseClient;
import org.radbridge.dicom.net.Spool;
import org.radbridge.dicom.net.StoreScp;
import org.radbridge.dicom.web.DicomWebClient;
import org.radbridge.dicom.web.DicomWebError;
import org.radbridge.ingest.IngestService;
import org.radbridge.ingest.StudyProjector;
import org.radbridge.source.DicomWebPull;
import org.radbridge.source.DimsePull;
import org.radbridge.source.JdbcPullStateStore;
import org.radbridge.source.PullReport;
import org.radbridge.source.StagingSink;
import org.radbridge.staging.Quarantine;
import org.radbridge.staging.StagingRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.net.InetAddress;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Runs one pull ({@link PullRequest}) into this process's staging. In a running server C-MOVE goes to the server's
 * own receiver (which stages each instance before it answers the PACS); in a one-shot process a receiver is started
 * for the pull's duration. The PACS is checked (C-ECHO or a one-study QIDO-RS search) before anything else.
 */
public final class PullService {
    private static final Logger log = LoggerFactory.getLogger(PullService.class);

    /** What the command prints and its exit code (0 complete, 1 incomplete or failed). */
    public record Outcome(String output, int exitCode) {}

    private final RadBridgeSettings settings;
    private final IngestService ingest;
    private final StagingRepository staging;
    private final StudyProjector projector;
    private final Quarantine quarantine;
    private final DataSource dataSource;
    private final StoreScp runningReceiver;

    /** @param runningReceiver the server's C-STORE receiver, or null in a one-shot process */
    public PullService(RadBridgeSettings settings, IngestService ingest, StagingRepository staging, StudyProjector projector,
                       Quarantine quarantine, DataSource dataSource, StoreScp runningReceiver) {
        this.settings = settings;
        this.ingest = ingest;
        this.staging = staging;
        this.projector = projector;
        this.quarantine = quarantine;
        this.dataSource = dataSource;
        this.runningReceiver = runningReceiver;
    }

    /** Why the PACS of this pull cannot be used (unreachable, refuses us), or null when it answers. */
    public static String check(PullRequest r) {
        if (r.dimse()) {
            try (DimseClient client = dimseClient(r)) {
                client.echo(node(r));
                return null;
            } catch (DicomNetworkError e) {
                return e.getMessage();
            }
        }
        try {
            webClient(r).ping();
            return null;
        } catch (DicomWebError e) {
            return e.getMessage();
        }
    }

    public Outcome run(PullRequest r) throws Exception {
        String problem = check(r);
        if (problem != null) return new Outcome("radbridge pull: " + problem + "\n", 1);
        JdbcPullStateStore state = new JdbcPullStateStore(dataSource);
        StagingSink sink = new StagingSink(ingest, staging, projector, quarantine);
        PullReport report;
        if (!r.dimse()) {
            try {
                report = new DicomWebPull(DicomWebPull.of(webClient(r)), state, sink, r.pullOptions()).run(r.query());
            } catch (DicomWebError e) {
                return new Outcome("radbridge pull: " + e.getMessage() + "\n", 1);
            }
        } else {
            DicomNode pacs = node(r);
            try (DimseClient client = dimseClient(r)) {
                if (r.cGet()) {
                    Spool spool = new Spool(settings.dataDir().resolve("spool"));
                    report = new DimsePull(DimsePull.cGet(client, pacs, spool), state, sink, r.pullOptions()).run(r.query());
                } else if (runningReceiver != null) {
                    String refused = refusedByReceiver(runningReceiver.config(), pacs);
                    if (refused != null) return new Outcome("radbridge pull: " + refused + "\n", 1);
                    String ae = runningReceiver.config().aeTitle();
                    log.info("Pull from {}: C-MOVE to the server's receiver {} on port {}", pacs, ae, runningReceiver.port());
                    report = new DimsePull(DimsePull.cMove(client, pacs, ae, runningReceiver.spool()), state, sink, r.pullOptions())
                            .run(r.query());
                } else {
                    Set<String> hosts = new LinkedHashSet<>();
                    for (InetAddress a : InetAddress.getAllByName(pacs.host())) hosts.add(a.getHostAddress());
                    String ourAet = r.options().getOrDefault("our-aet", "RADBRIDGE");
                    StoreScp.Config cfg = new StoreScp.Config(ourAet, r.options().getOrDefault("listen", settings.bindAddress()),
                            settings.dicomPort(), settings.dataDir().resolve("spool"), Set.of(pacs.aeTitle()), hosts, 4);
                    try (StoreScp receiver = new StoreScp(cfg, null)) {
                        receiver.start();
                        report = new DimsePull(DimsePull.cMove(client, pacs, ourAet, receiver.spool()), state, sink, r.pullOptions())
                                .run(r.query());
                    }
                }
            } catch (DicomNetworkError e) {
                return new Outcome("radbridge pull: " + e.getMessage() + "\n", 1);
            }
        }
        return new Outcome(report.describe(), report.complete() ? 0 : 1);
    }

    /** The server's receiver answers only callers on its allow-lists: a PACS outside them could never deliver a C-MOVE. */
    static String refusedByReceiver(StoreScp.Config cfg, DicomNode pacs) throws java.net.UnknownHostException {
        if (!cfg.allowedCallingAets().isEmpty() && !cfg.allowedCallingAets().contains(pacs.aeTitle())) {
            return "the server's DICOM receiver does not accept calling AE " + pacs.aeTitle()
                    + " (RADBRIDGE_DICOM_ALLOWED_AETS=" + String.join(",", cfg.allowedCallingAets()) + ")";
        }
        if (!cfg.allowedHosts().isEmpty()) {
            for (InetAddress a : InetAddress.getAllByName(pacs.host())) {
                if (cfg.allowedHosts().contains(a.getHostAddress()) || cfg.allowedHosts().contains(pacs.host())) return null;
            }
            return "the server's DICOM receiver does not accept connections from " + pacs.host()
                    + " (RADBRIDGE_DICOM_ALLOWED_HOSTS=" + String.join(",", cfg.allowedHosts()) + ")";
        }
        return null;
    }

    private static DicomNode node(PullRequest r) {
        return new DicomNode(r.get("aet"), r.get("host"), Integer.parseInt(r.get("port")));
    }

    private static DimseClient dimseClient(PullRequest r) {
        return new DimseClient(new DimseClient.Options(r.options().getOrDefault("our-aet", "RADBRIDGE"), Duration.ofSeconds(10),
                r.timeout(), r.retry()));
    }

    private static DicomWebClient webClient(PullRequest r) {
        return new DicomWebClient(r.get("url"), Duration.ofSeconds(Math.min(r.timeout().toSeconds(), 300)), r.retry(), Map.of());
    }
}
