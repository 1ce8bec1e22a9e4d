package org.radbridge.cli;

import com.pixelmed.dicom.SetOfDicomFiles;
import com.pixelmed.network.MultipleInstanceTransferStatusHandler;
import com.pixelmed.network.StorageSOPClassSCU;
import org.radbridge.bench.fuzz.DicomMutator;
import org.radbridge.bench.fuzz.FuzzTally;
import org.radbridge.bench.fuzz.Hl7Mutator;
import org.radbridge.bench.generate.GenerateOptions;
import org.radbridge.bench.generate.SyntheticPacsGenerator;
import org.radbridge.ingest.IngestService;
import org.radbridge.ingest.IngestSummary;
import org.radbridge.report.hl7.MllpClient;
import org.radbridge.server.RadBridgeApplication;
import org.radbridge.staging.Quarantine;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

import javax.sql.DataSource;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code radbridge bench fuzz [--inputs N] [--cstore N] [--hl7 N] [--seed S] [--dir DIR]}: a fuzzing campaign against
 * a server started for it (own data directory and ports). Mutated public corpus files ({@code ../shared/dicom-corpus})
 * and generator files go through the folder ingest and the C-STORE receiver, mutated ORU^R01 messages through MLLP.
 * Every input must end staged or quarantined with a reason (DICOM) or acknowledged (HL7, and kept when refused), each
 * within its time bound, with the server answering its health check throughout. Prints counts by path, outcome and
 * reason; exit status 1 when anything crashed, hung or was lost.
 */
public final class FuzzCommand {
    private static final Duration INPUT_BOUND = Duration.ofSeconds(60);

    private FuzzCommand() {}

    public record Result(FuzzTally tally, long crashes, long hangs, long lost, long healthFailures) {
        public boolean clean() {
            return crashes + hangs + lost + healthFailures == 0;
        }
    }

    static int run(String[] args) throws Exception {
        int inputs = 10_000;
        int cstore = -1;
        int hl7 = -1;
        long seed = 10L;
        Path dir = null;
        if (!OptionPairs.complete(args, 1)) return 2;
        for (int i = 1; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--inputs" -> inputs = Integer.parseInt(args[i + 1]);
                case "--cstore" -> cstore = Integer.parseInt(args[i + 1]);
                case "--hl7" -> hl7 = Integer.parseInt(args[i + 1]);
                case "--seed" -> seed = Long.parseLong(args[i + 1]);
                case "--dir" -> dir = Path.of(args[i + 1]);
                default -> {
                    System.err.println("unknown option " + args[i]);
                    return 2;
                }
            }
        }
        if (dir == null) dir = Files.createTempDirectory("radbridge-fuzz");
        Result r = campaign(dir.toAbsolutePath(), inputs, cstore < 0 ? Math.max(1, inputs / 4) : cstore, hl7 < 0 ? Math.max(1, inputs / 5) : hl7, seed);
        System.out.print(report(r));
        return r.clean() ? 0 : 1;
    }

    public static String report(Result r) {
        return "Fuzz campaign: outcome counts by path and reason\n" + r.tally().describe()
                + String.format("Totals: folder %d, c-store %d, mllp %d inputs; crashes %d, hangs %d, lost %d, health-check failures %d%n",
                r.tally().total("folder"), r.tally().total("c-store"), r.tally().total("mllp"), r.crashes(), r.hangs(), r.lost(), r.healthFailures());
    }

    /** Runs the campaign on a server of its own under {@code dir} (data, inputs); see the class comment. */
    public static Result campaign(Path dir, int inputs, int cstore, int hl7, long seed) throws Exception {
        Map<String, String> saved = new HashMap<>();
        String[] props = {"radbridge.data", "radbridge.http.port", "radbridge.db.port", "radbridge.dicom.port", "radbridge.mllp.port"};
        for (String p : props) saved.put(p, System.getProperty(p));
        int http = freePort();
        System.setProperty("radbridge.data", dir.resolve("data").toString());
        System.setProperty("radbridge.http.port", String.valueOf(http));
        System.setProperty("radbridge.db.port", String.valueOf(freePort()));
        System.setProperty("radbridge.dicom.port", String.valueOf(freePort()));
        System.setProperty("radbridge.mllp.port", String.valueOf(freePort()));
        SpringApplication app = new SpringApplication(RadBridgeApplication.class);
        app.setWebApplicationType(WebApplicationType.SERVLET);
        app.setDefaultProperties(Map.of("server.port", String.valueOf(http), "server.address", "127.0.0.1", "radbridge.server", "true"));
        try (ConfigurableApplicationContext ctx = app.run()) {
            return campaign(ctx, dir, inputs, cstore, hl7, seed);
        } finally {
            saved.forEach((k, v) -> {
                if (v == null) System.clearProperty(k);
                else System.setProperty(k, v);
            });
        }
    }

    /**
     * Runs the campaign against a running server context (web server, C-STORE receiver and MLLP listener on), with the
     * inputs written under {@code dir}.
     */
    public static Result campaign(ConfigurableApplicationContext ctx, Path dir, int inputs, int cstore, int hl7, long seed) throws Exception {
        Random rnd = new Random(seed);
        List<byte[]> sources = sources(dir.resolve("generated"));
        System.err.println("fuzz: " + sources.size() + " source files; " + inputs + " DICOM inputs (" + cstore + " also by C-STORE), "
                + hl7 + " HL7 messages; seed " + seed);
        Path folder = Files.createDirectories(dir.resolve("inputs"));
        DicomMutator dicom = new DicomMutator();
        List<Path> files = new ArrayList<>();
        Map<Path, String> kindOf = new HashMap<>();
        for (int i = 0; i < inputs; i++) {
            DicomMutator.Mutant m = dicom.mutate(sources.get(rnd.nextInt(sources.size())), rnd);
            Path f = folder.resolve(String.format("%06d-%s.dcm", i, m.kind()));
            Files.write(f, m.bytes());
            files.add(f);
            kindOf.put(f, m.kind());
        }
        org.radbridge.config.RadBridgeSettings settings = ctx.getBean(org.radbridge.config.RadBridgeSettings.class);
        int http = Integer.parseInt(ctx.getEnvironment().getProperty("local.server.port", String.valueOf(settings.httpPort())));
        int dicomPort = settings.dicomPort();
        int mllpPort = settings.mllpPort();
        Path spool = settings.dataDir().resolve("spool");
        FuzzTally tally = new FuzzTally();
        long[] crashes = {0};
        long[] hangs = {0};
        long[] lost = {0};
        long[] unhealthy = {0};
        {
            // the SCU side of this campaign is PixelMed too: its traces for files it cannot send are not results
            if (org.slf4j.LoggerFactory.getLogger("com.pixelmed") instanceof ch.qos.logback.classic.Logger l) {
                l.setLevel(ch.qos.logback.classic.Level.OFF);
            }
            DataSource db = ctx.getBean("radbridgeDataSource", DataSource.class);
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            Runnable health = () -> {
                if (!healthy(client, http)) unhealthy[0]++;
            };

            // 1. folder ingest: one run over every input; no input may stop it
            System.err.println("fuzz: folder ingest of " + files.size() + " files");
            try {
                IngestSummary s = ctx.getBean(IngestService.class).ingest(List.of(folder), "folder");
                System.err.println("fuzz: " + s.describe().lines().findFirst().orElse(""));
            } catch (Throwable t) {
                crashes[0]++;
                tally.add("folder", "CRASH (run stopped)", t.toString());
            }
            Set<String> staged = strings(db, "SELECT file_path FROM radbridge.instance");
            Map<String, String> quarantined = quarantine(db);
            Set<String> stagedUids = strings(db, "SELECT sop_instance_uid FROM radbridge.instance");
            org.radbridge.dicom.DicomHeaderReader reader = new org.radbridge.dicom.DicomHeaderReader();
            for (Path f : files) {
                String p = f.toAbsolutePath().toString();
                if (staged.contains(p)) tally.add("folder", "staged", kindOf.get(f));
                else if (quarantined.containsKey(p)) tally.add("folder", "quarantined", quarantined.get(p));
                else if (stagedUids.contains(sopUid(reader, f))) tally.add("folder", "already staged (same SOP UID)", kindOf.get(f));
                else {
                    lost[0]++;
                    tally.add("folder", "LOST", kindOf.get(f));
                }
            }
            health.run();

            // 2. C-STORE: the same kind of inputs through the receiver, each send bounded in time
            System.err.println("fuzz: C-STORE of " + Math.min(cstore, files.size()) + " files");
            ExecutorService sender = Executors.newSingleThreadExecutor();
            try {
                for (int i = 0; i < Math.min(cstore, files.size()); i++) {
                    Path f = files.get(i);
                    Future<String> sent = sender.submit(() -> store(f, dicomPort));
                    try {
                        String outcome = sent.get(INPUT_BOUND.toSeconds(), TimeUnit.SECONDS);
                        tally.add("c-store", outcome, outcome.equals("sent, success") ? kindOf.get(f) : kindOf.get(f));
                    } catch (java.util.concurrent.TimeoutException e) {
                        sent.cancel(true);
                        hangs[0]++;
                        tally.add("c-store", "HANG", kindOf.get(f));
                        sender.shutdownNow();
                        sender = Executors.newSingleThreadExecutor();
                    }
                    if (i % 250 == 249) health.run();
                }
            } finally {
                sender.shutdownNow();
            }
            // whatever the receiver acknowledged is in the spool; each spooled file must be staged or quarantined
            staged = strings(db, "SELECT file_path FROM radbridge.instance");
            stagedUids = strings(db, "SELECT sop_instance_uid FROM radbridge.instance");
            quarantined = quarantine(db);
            if (Files.isDirectory(spool)) {
                try (Stream<Path> s = Files.walk(spool)) {
                    for (Path p : (Iterable<Path>) s.filter(Files::isRegularFile).filter(x -> !x.toString().contains("/.incoming/"))::iterator) {
                        String key = p.toAbsolutePath().toString();
                        String sop = p.getFileName().toString().replaceFirst("\\.dcm$", "");
                        if (staged.contains(key) || stagedUids.contains(sop)) tally.add("c-store", "spooled: staged", "-");
                        else if (quarantined.containsKey(key)) tally.add("c-store", "spooled: quarantined", quarantined.get(key));
                        else {
                            lost[0]++;
                            tally.add("c-store", "spooled: LOST", key);
                        }
                    }
                }
            }
            health.run();

            // 3. MLLP: every message acknowledged on its connection; every refused one kept
            System.err.println("fuzz: MLLP, " + hl7 + " messages");
            Hl7Mutator hl7Mutator = new Hl7Mutator();
            ExecutorService mllp = Executors.newSingleThreadExecutor();
            try {
                for (int i = 0; i < hl7; i++) {
                    String valid = Hl7Mutator.oru("FZ" + seed + "-" + i, "MRN" + rnd.nextInt(500), "ACCFZ" + seed + "-" + i,
                            "FINDINGS: " + (rnd.nextBoolean() ? "No pneumothorax." : "Small left pleural effusion.") + "\nIMPRESSION: Case " + i + ".");
                    Hl7Mutator.Mutant m = hl7Mutator.mutate(valid, rnd);
                    Future<String> acked = mllp.submit(() -> {
                        try (MllpClient c = new MllpClient("127.0.0.1", mllpPort)) {
                            return MllpClient.ackCode(c.send(m.bytes()));
                        }
                    });
                    String code;
                    try {
                        code = acked.get(INPUT_BOUND.toSeconds(), TimeUnit.SECONDS);
                    } catch (java.util.concurrent.TimeoutException e) {
                        acked.cancel(true);
                        hangs[0]++;
                        tally.add("mllp", "HANG", m.kind());
                        mllp.shutdownNow();
                        mllp = Executors.newSingleThreadExecutor();
                        continue;
                    } catch (java.util.concurrent.ExecutionException e) {
                        lost[0]++;
                        tally.add("mllp", "NO ACK", m.kind() + ": " + e.getCause().getMessage());
                        continue;
                    }
                    if (code == null) {
                        lost[0]++;
                        tally.add("mllp", "ACK WITHOUT MSA", m.kind());
                    } else if (code.equals("AA")) {
                        tally.add("mllp", "AA", m.kind());
                    } else if (keptInQuarantine(db, m.bytes())) {
                        tally.add("mllp", code + ", kept", m.kind());
                    } else {
                        lost[0]++;
                        tally.add("mllp", code + ", NOT KEPT", m.kind());
                    }
                    if (i % 250 == 249) health.run();
                }
            } finally {
                mllp.shutdownNow();
            }
            health.run();
        }
        return new Result(tally, crashes[0], hangs[0], lost[0], unhealthy[0]);
    }

    /** Corpus files (where ../shared exists) and a small generated PACS. */
    private static List<byte[]> sources(Path generated) throws Exception {
        List<byte[]> out = new ArrayList<>();
        Path corpus = org.radbridge.config.RadBridgeSettings.fromEnvironment().home().resolve("../shared/dicom-corpus").normalize();
        if (Files.isDirectory(corpus)) {
            try (Stream<Path> s = Files.list(corpus)) {
                for (Path p : s.filter(x -> x.toString().endsWith(".dcm")).sorted().toList()) {
                    if (Files.size(p) <= 2_000_000) out.add(Files.readAllBytes(p));
                }
            }
        } else {
            System.err.println("fuzz: no public corpus at " + corpus + "; generator files only");
        }
        new SyntheticPacsGenerator(new GenerateOptions(3, 7L, generated)).generate();
        try (Stream<Path> s = Files.walk(generated.resolve("dicom"))) {
            for (Path p : s.filter(x -> x.toString().endsWith(".dcm")).sorted().limit(60).toList()) out.add(Files.readAllBytes(p));
        }
        return out;
    }

    private static String store(Path f, int port) {
        SetOfDicomFiles set = new SetOfDicomFiles();
        try {
            // reads the meta header (SOP Class, Transfer Syntax) the association is negotiated with
            set.add(f.toFile());
        } catch (Exception | StackOverflowError e) {
            return "not sendable by the SCU (" + e.getClass().getSimpleName() + ")";
        }
        int[] status = new int[3];
        StorageSOPClassSCU scu;
        try {
            scu = new StorageSOPClassSCU("127.0.0.1", port, "RADBRIDGE", "FUZZ", set, 0, new MultipleInstanceTransferStatusHandler() {
                @Override
                public void updateStatus(int remaining, int completed, int failed, int warning, String sopInstanceUid) {
                    status[0] = completed;
                    status[1] = failed;
                    status[2] = warning;
                }
            });
        } catch (Exception | StackOverflowError e) {
            return "send failed (" + e.getClass().getSimpleName() + ")";
        }
        if (status[0] + status[2] > 0) return "sent, success";
        if (status[1] > 0) return "sent, failure status";
        return scu.encounteredTrappedExceptions() ? "not sendable by the SCU (no presentation context)" : "sent, no status";
    }

    private static String sopUid(org.radbridge.dicom.DicomHeaderReader reader, Path f) {
        try {
            return reader.read(f).sopInstanceUid();
        } catch (Exception | StackOverflowError e) {
            return null;
        }
    }

    private static boolean keptInQuarantine(DataSource db, byte[] payload) throws Exception {
        // frames shorter than four bytes arrive padded with segment terminators (ShortFrameSafeMllpComponent)
        byte[] padded = payload.length >= 4 ? payload : java.util.Arrays.copyOf(payload, 4);
        for (int i = payload.length; i < padded.length; i++) padded[i] = '\r';
        String a = Quarantine.sha256(payload);
        String b = Quarantine.sha256(padded);
        try (Connection c = db.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM radbridge.quarantine WHERE content_sha256 IN ('" + a + "', '" + b + "')")) {
            rs.next();
            return rs.getLong(1) > 0;
        }
    }

    private static boolean healthy(HttpClient client, int port) {
        try {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200;
        } catch (Exception e) {
            return false;
        }
    }

    private static Set<String> strings(DataSource db, String sql) throws Exception {
        Set<String> out = new HashSet<>();
        try (Connection c = db.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) out.add(rs.getString(1));
        }
        return out;
    }

    private static Map<String, String> quarantine(DataSource db) throws Exception {
        Map<String, String> out = new HashMap<>();
        try (Connection c = db.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT original_path, reason FROM radbridge.quarantine")) {
            while (rs.next()) out.put(rs.getString(1), rs.getString(2));
        }
        return out;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
