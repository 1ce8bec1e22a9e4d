package org.radbridge.ingest;

import org.radbridge.deid.LogRef;
import org.radbridge.dicom.DicomHeader;
import org.radbridge.dicom.DicomHeaderReader;
import org.radbridge.dicom.DicomParseException;
import org.radbridge.report.ReportFile;
import org.radbridge.report.ReportFileParser;
import org.radbridge.report.ReportParseException;
import org.radbridge.report.ReportRepository;
import org.radbridge.report.SrReports;
import org.radbridge.staging.InstanceRecord;
import org.radbridge.staging.InstanceRecords;
import org.radbridge.staging.Quarantine;
import org.radbridge.staging.StagingRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * Ingests files and folders: DICOM headers are parsed on a small pool (each file with a time
 * budget, so one pathological file cannot stall the run), staged in batches, and the studies that
 * changed are projected at the end. Files that cannot be taken in go to the quarantine; the run
 * goes on. The user's files are only read.
 */
public final class IngestService {
    private static final Logger log = LoggerFactory.getLogger(IngestService.class);
    private static final int BATCH = 500;
    /** Studies named per kind of note in a summary (the counts are complete). */
    static final int NOTE_LINES = 50;

    /** A file being parsed on the pool. */
    private record Pending(Path file, Future<Parsed> parsed) {}

    private final DicomHeaderReader reader = new DicomHeaderReader();
    private final ReportFileParser reportParser = new ReportFileParser();
    private final SrReports srReports = new SrReports();
    private final StagingRepository staging;
    private final ReportRepository reports;
    private final Quarantine quarantine;
    private final StudyProjector projector;
    private final int threads;
    private final long fileTimeoutMillis;
    private final java.time.Duration sidecarWait;
    private volatile RunningJobs jobs;

    public IngestService(StagingRepository staging, ReportRepository reports, Quarantine quarantine, StudyProjector projector,
                         int threads, long fileTimeoutMillis) {
        this(staging, reports, quarantine, projector, threads, fileTimeoutMillis, SIDECAR_WAIT);
    }

    /**
     * @param sidecarWait how long an inbox report without a header block waits for its sidecar ({@code NAME.txt.json}),
     *                    and an inbox sidecar for its report, before either is quarantined
     */
    public IngestService(StagingRepository staging, ReportRepository reports, Quarantine quarantine, StudyProjector projector,
                         int threads, long fileTimeoutMillis, java.time.Duration sidecarWait) {
        this.sidecarWait = sidecarWait;
        this.staging = staging;
        this.reports = reports;
        this.quarantine = quarantine;
        this.projector = projector;
        this.threads = Math.max(1, threads);
        this.fileTimeoutMillis = fileTimeoutMillis;
    }

    /** Default of how long report and sidecar wait for each other in the inbox. */
    public static final java.time.Duration SIDECAR_WAIT = java.time.Duration.ofSeconds(30);
    /** A sidecar modified more recently than this may be incomplete (the inbox route checks only the report file). */
    private static final java.time.Duration SIDECAR_SETTLE = java.time.Duration.ofSeconds(2);

    private sealed interface Parsed permits ParsedInstance, ParsedReport, Rejected {}
    /** An instance; for a narrative SR also its report, or why the report could not be taken (the instance still is). */
    private record ParsedInstance(InstanceRecord record, Path file, ReportFile srReport, String srProblem) implements Parsed {}
    /** A report file, with its sidecar when the fields came from one. */
    private record ParsedReport(Path file, ReportFile report, Path sidecar) implements Parsed {}
    private record Rejected(Path file, String kind, String reason, Path sidecar, boolean missingHeader) implements Parsed {
        Rejected(Path file, String kind, String reason) {
            this(file, kind, reason, null, false);
        }
    }

    /** Where a running ingest shows its progress (the console's Overview); optional, the command line has none. */
    public void reportTo(RunningJobs jobs) {
        this.jobs = jobs;
    }

    public synchronized IngestSummary ingest(List<Path> roots, String source) throws IOException, SQLException {
        long total = countFiles(roots);
        RunningJobs registry = jobs;
        if (registry == null) return ingest(roots, source, total, null);
        try (RunningJobs.Job job = registry.start("ingest",
                // a source is a configured name ("folder", a pull's peer), never a path
                String.format("%s (%,d files)", "folder".equals(source) ? "folder ingest" : "ingest from " + source, total), total)) {
            IngestSummary s = ingest(roots, source, total, job);
            job.finish(s.quarantined().isEmpty() && s.projectionProblems().isEmpty(), String.format(
                    "%,d files read, %,d quarantined, %,d studies projected", s.filesSeen(), s.quarantined().size(), s.studiesProjected()));
            return s;
        }
    }

    private IngestSummary ingest(List<Path> roots, String source, long total, RunningJobs.Job job) throws IOException, SQLException {
        long t0 = System.nanoTime();
        Progress progress = new Progress(log, "Reading files", total);
        List<String> quarantined = new ArrayList<>();
        long seen = 0;
        long[] reportCounts = new long[2];
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "dicom-parse");
            t.setDaemon(true);
            return t;
        });
        Pipeline pipeline = new Pipeline();
        try {
            Deque<Pending> window = new ArrayDeque<>();
            for (Path root : roots) {
                if (!Files.exists(root)) {
                    quarantined.add(root + ": no such file or folder");
                    continue;
                }
                try (Stream<Path> files = walk(root)) {
                    for (Path f : (Iterable<Path>) files::iterator) {
                        window.add(new Pending(f, pool.submit(() -> parse(f, source))));
                        // a bounded window keeps memory flat however many files there are
                        if (window.size() >= threads * 64) {
                            seen++;
                            handle(await(window.poll()), pipeline, quarantined, reportCounts, source);
                            progress.update(seen);
                            if (job != null) job.update(seen);
                        }
                    }
                }
            }
            while (!window.isEmpty()) {
                seen++;
                handle(await(window.poll()), pipeline, quarantined, reportCounts, source);
                progress.update(seen);
                if (job != null) job.update(seen);
            }
            pipeline.finish();
        } finally {
            pool.shutdownNow();
            pipeline.close();
        }
        quarantined.addAll(pipeline.stagingRejects);
        // what is left is projected on as many workers as there are parse threads: reading is over, the cores are free
        StudyProjector.Result projected = projector.projectDirty(threads);
        List<String> problems = new ArrayList<>(pipeline.projectionProblems);
        problems.addAll(projected.problems());
        double secs = (System.nanoTime() - t0) / 1e9;
        // instances the database refused were neither new nor already staged: they are among the quarantined
        long alreadyStaged = pipeline.instancesOld - pipeline.stagingRejects.size();
        return new IngestSummary(seen, pipeline.instancesNew, alreadyStaged, reportCounts[0], reportCounts[1], quarantined,
                pipeline.projectedCount(projected), problems, pipeline.reportsProjected + projected.reportsProjected(),
                projected.reportsWaiting(), secs, staging.studyNotes(NOTE_LINES));
    }

    /**
     * Staging and projection run beside the reading: a full batch is committed on the staging thread while the next
     * one is read, and the studies the run has left behind (committed, and none of their instances in the batch being
     * committed; files come sorted, a study at a time) are projected on the projection thread. A study that gains an instance after
     * all is marked dirty again by staging and projected once more at the end, so the early projection is only a
     * head start. A staging error stops the run as before.
     */
    private final class Pipeline implements AutoCloseable {
        private final ExecutorService stager = single("staging");
        private final ExecutorService projection = single("projection");
        private List<InstanceRecord> batch = new ArrayList<>(BATCH);
        private Future<Integer> inFlight;
        private int inFlightSize;
        private int batchNo;
        private final java.util.Map<String, Integer> lastBatchOfStudy = new java.util.HashMap<>();
        private Future<?> projecting;
        private final List<String> projectionProblems = java.util.Collections.synchronizedList(new ArrayList<>());
        /** Files whose instance the database refused; quarantined by the staging thread. */
        private final List<String> stagingRejects = java.util.Collections.synchronizedList(new ArrayList<>());

        /**
         * Stages a batch; an instance the database refuses for its content is quarantined alone with the reason and the
         * rest of the batch staged (an outage still stops the run: every file is read again next time).
         */
        private int stageOrQuarantine(List<InstanceRecord> b) throws SQLException, IOException {
            List<StagingRepository.Rejection> rejected = new ArrayList<>();
            int n = staging.stageSplitting(b, rejected);
            for (StagingRepository.Rejection r : rejected) {
                Path file = Path.of(r.record().filePath());
                quarantine.put(file, "dicom", r.reason(), false);
                stagingRejects.add(file + ": " + r.reason());
            }
            return n;
        }
        private final java.util.Set<String> projectedStudies = java.util.concurrent.ConcurrentHashMap.newKeySet();
        private volatile int reportsProjected;

        /** Studies projected during the run or at its end, each counted once (a late report projects a study again). */
        int projectedCount(StudyProjector.Result atEnd) {
            java.util.Set<String> all = new java.util.HashSet<>(projectedStudies);
            all.addAll(atEnd.studies());
            return all.size();
        }
        long instancesNew;
        long instancesOld;

        void add(InstanceRecord r) throws SQLException {
            batch.add(r);
            lastBatchOfStudy.put(r.studyInstanceUid(), batchNo);
            if (batch.size() >= BATCH) flush();
        }

        private void flush() throws SQLException {
            awaitStaged();
            if (batch.isEmpty()) return;
            List<InstanceRecord> b = batch;
            inFlight = stager.submit(() -> stageOrQuarantine(b));
            inFlightSize = b.size();
            batch = new ArrayList<>(BATCH);
            int committedBefore = batchNo - 1;
            batchNo++;
            handOverSettled(committedBefore);
        }

        private void awaitStaged() throws SQLException {
            if (inFlight == null) return;
            int inserted = Futures.join(inFlight);
            instancesNew += inserted;
            instancesOld += inFlightSize - inserted;
            inFlight = null;
        }

        /** Studies last seen in a batch up to {@code committed} (staged for sure) go to the projection thread. */
        private void handOverSettled(int committed) {
            if (projecting != null && !projecting.isDone()) return; // it catches up at the next batch
            List<String> settled = new ArrayList<>();
            lastBatchOfStudy.entrySet().removeIf(e -> {
                if (e.getValue() > committed) return false;
                settled.add(e.getKey());
                return true;
            });
            if (settled.isEmpty()) return;
            projecting = projection.submit(() -> {
                try {
                    StudyProjector.Result r = projector.projectDirtyAmong(settled);
                    projectedStudies.addAll(r.studies());
                    reportsProjected += r.reportsProjected();
                    projectionProblems.addAll(r.problems());
                } catch (SQLException | RuntimeException e) {
                    // the studies stay dirty: the projection at the end of the run takes them
                    log.warn("Early projection of {} studies failed; they are projected at the end: {}", settled.size(), LogRef.text(e.getMessage()));
                }
            });
        }

        void finish() throws SQLException {
            flush();
            awaitStaged();
            if (projecting != null) {
                try {
                    projecting.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IllegalStateException(e.getCause());
                }
            }
        }

        @Override
        public void close() {
            stager.shutdown();
            projection.shutdown();
            try {
                // a failed run must not leave a commit or a projection running behind the caller's back
                stager.awaitTermination(5, TimeUnit.MINUTES);
                projection.awaitTermination(5, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private ExecutorService single(String name) {
            return Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "ingest-" + name);
                t.setDaemon(true);
                return t;
            });
        }
    }

    /**
     * Takes one file dropped into the inbox: staged and moved to {@code doneDir}, or moved to the
     * quarantine with its reason. Projection is left to the quiet-period scheduler, so that a study
     * arriving file by file is projected once it is complete. Returns false when quarantined.
     */
    public boolean ingestInboxFile(Path file, Path doneDir) throws IOException, SQLException {
        String name = file.getFileName().toString();
        if (!Files.exists(file)) return true; // a sidecar already moved away with its report in the same poll
        if (isSidecar(file)) {
            // taken with its report; alone for longer than the wait, it has lost its report
            Path report = file.resolveSibling(name.substring(0, name.length() - ReportFileParser.SIDECAR_SUFFIX.length()));
            if (Files.exists(report) || youngerThan(file, sidecarWait)) return true;
            quarantine.put(file, "report", "sidecar without its report file " + report.getFileName(), true);
            return false;
        }
        Path sidecar = file.resolveSibling(name + ReportFileParser.SIDECAR_SUFFIX);
        if (name.toLowerCase(Locale.ROOT).endsWith(".txt") && Files.exists(sidecar) && youngerThan(sidecar, SIDECAR_SETTLE)) {
            return true; // the sidecar may still be being written; the next poll takes both
        }
        Parsed p = parse(file, "inbox");
        if (p instanceof Rejected r) {
            if (r.missingHeader() && youngerThan(file, sidecarWait)) {
                log.debug("{}: no header block yet, waiting up to {} s for its sidecar", file, sidecarWait.toSeconds());
                return true;
            }
            quarantine.put(file, r.kind(), r.reason(), true);
            if (r.sidecar() != null && Files.exists(r.sidecar())) quarantine.put(r.sidecar(), r.kind(), "sidecar of a quarantined report: " + r.reason(), true);
            return false;
        }
        if (p instanceof ParsedInstance i) {
            List<StagingRepository.Rejection> rejected = new ArrayList<>();
            staging.stageSplitting(List.of(i.record()), rejected);
            if (!rejected.isEmpty()) {
                quarantine.put(file, "dicom", rejected.get(0).reason(), true);
                return false;
            }
            stageSrReport(i, "inbox", null);
        } else if (p instanceof ParsedReport r) {
            reports.stage(r.report(), "inbox", file.toString());
        }
        // staged and committed before the move: a crash in between re-reads the file, which stages nothing twice
        Files.createDirectories(doneDir);
        Files.move(file, doneDir.resolve(file.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        if (p instanceof ParsedReport r && r.sidecar() != null) {
            Files.move(r.sidecar(), doneDir.resolve(r.sidecar().getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        return true;
    }

    /**
     * Stages the report of a narrative SR instance that has just been staged, or quarantines a copy of the file with
     * the reason its report could not be taken. Returns 1 when a new report was staged.
     */
    private int stageSrReport(ParsedInstance i, String source, List<String> quarantined) throws IOException, SQLException {
        if (i.srProblem() != null) {
            quarantine.put(i.file(), "report", i.srProblem(), false);
            if (quarantined != null) quarantined.add(i.file() + ": " + i.srProblem() + " (instance staged)");
            return 0;
        }
        if (i.srReport() == null) return 0;
        return reports.stage(i.srReport(), SrReports.SOURCE, i.file().toString()) ? 1 : 0;
    }

    static boolean isSidecar(Path file) {
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".txt" + ReportFileParser.SIDECAR_SUFFIX);
    }

    private static boolean youngerThan(Path file, java.time.Duration age) {
        try {
            return Files.getLastModifiedTime(file).toMillis() > System.currentTimeMillis() - age.toMillis();
        } catch (IOException e) {
            return false;
        }
    }

    /** The parse result of a file; a file that overran its time budget or broke the parser is rejected with the reason. */
    private Parsed await(Pending p) {
        try {
            return p.parsed().get(fileTimeoutMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            p.parsed().cancel(true);
            return new Rejected(p.file(), "dicom", "parsing exceeded its time budget of " + fileTimeoutMillis + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            return new Rejected(p.file(), "dicom", "could not be read: " + e.getCause());
        }
    }

    /** Parses one file; never throws, so that no file can stop a run (the error becomes the file's quarantine reason). */
    private Parsed parse(Path f, String source) {
        try {
            return parseOrThrow(f, source);
        } catch (RuntimeException | StackOverflowError e) {
            log.debug("{}: unexpected error while reading", f, e);
            return new Rejected(f, f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".txt") ? "report" : "dicom",
                    "could not be read: " + e);
        } catch (OutOfMemoryError e) {
            return new Rejected(f, "dicom", "too large to read within the memory given to RadBridge");
        }
    }

    private Parsed parseOrThrow(Path f, String source) {
        String name = f.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".txt")) {
            Path sidecar = f.resolveSibling(f.getFileName() + ReportFileParser.SIDECAR_SUFFIX);
            boolean paired = Files.isRegularFile(sidecar);
            try {
                ReportFile r = paired ? reportParser.parse(Files.readAllBytes(f), Files.readAllBytes(sidecar))
                        : reportParser.parse(Files.readAllBytes(f));
                return new ParsedReport(f, r, paired ? sidecar : null);
            } catch (ReportParseException e) {
                return new Rejected(f, "report", e.getMessage() + (paired ? " (with sidecar " + sidecar.getFileName() + ")" : ""),
                        paired ? sidecar : null, !paired && ReportFileParser.isMissingHeaderBlock(e));
            } catch (IOException e) {
                return new Rejected(f, "report", "unreadable: " + e.getMessage());
            }
        }
        try {
            DicomHeader h = reader.read(f);
            InstanceRecord record = InstanceRecords.from(h, f, Files.size(f), source);
            if (!SrReports.applies(h)) return new ParsedInstance(record, f, null, null);
            try {
                return new ParsedInstance(record, f, srReports.read(f).orElse(null), null);
            } catch (ReportParseException e) {
                return new ParsedInstance(record, f, null, e.getMessage());
            }
        } catch (DicomParseException e) {
            return new Rejected(f, "dicom", e.getMessage());
        } catch (IOException e) {
            return new Rejected(f, "dicom", "unreadable: " + e.getMessage());
        }
    }

    private void handle(Parsed p, Pipeline pipeline, List<String> quarantined, long[] reportCounts, String source)
            throws SQLException, IOException {
        if (p instanceof ParsedInstance i) {
            pipeline.add(i.record());
            if (i.srReport() != null || i.srProblem() != null) {
                // the SR's report may be staged before its instance batch is flushed; both are keyed, order does not matter
                int fresh = stageSrReport(i, source, quarantined);
                if (i.srReport() != null) {
                    reportCounts[0] += fresh;
                    reportCounts[1] += 1 - fresh;
                }
            }
        } else if (p instanceof ParsedReport r) {
            if (reports.stage(r.report(), source, r.file().toString())) reportCounts[0]++;
            else reportCounts[1]++;
        } else if (p instanceof Rejected r) {
            quarantine.put(r.file(), r.kind(), r.reason(), false);
            quarantined.add(r.file() + ": " + r.reason());
        }
    }

    private static Stream<Path> walk(Path root) throws IOException {
        if (Files.isRegularFile(root)) return isSidecar(root) ? Stream.empty() : Stream.of(root);
        return Files.walk(root).filter(Files::isRegularFile).filter(p -> !isHidden(p)).sorted();
    }

    private static boolean isHidden(Path p) {
        String n = p.getFileName().toString();
        // generator sidecars (truth labels) and hidden files are not inputs
        return n.startsWith(".") || n.endsWith(".json");
    }

    private static long countFiles(List<Path> roots) throws IOException {
        long n = 0;
        for (Path r : roots) {
            if (!Files.exists(r)) continue;
            try (Stream<Path> s = walk(r)) {
                n += s.count();
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        }
        return n;
    }
}
