package org.radbridge.ingest;

import org.radbridge.deid.LogRef;
import org.hl7.fhir.r4.model.Bundle;
import org.radbridge.map.ImagingStudyBundleBuilder;
import org.radbridge.report.ReportStaging;
import org.radbridge.staging.InstanceRecord;
import org.radbridge.staging.StagingRepository;
import org.radbridge.staging.StudyView;
import org.radbridge.write.fhir.FhirSink;
import org.radbridge.write.omop.OmopStudyWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Rebuilds both views of a study from staging, with its current report. A study (and its reports) stays dirty until
 * both writes succeeded, so a crash or an outage between them is repaired by the next projection run. Each run first
 * links reports that arrived before their study; a report that arrives for a study already projected makes the
 * study due again.
 */
public final class StudyProjector {
    private static final Logger log = LoggerFactory.getLogger(StudyProjector.class);

    /** Lines naming unlinked reports in a result; the counts are always complete. */
    static final int WAITING_LINES = 50;

    /**
     * @param projected        studies projected
     * @param problems         what could not be projected, and why
     * @param reportsProjected reports (current versions) projected with their study
     * @param reportsWaiting   reports waiting for their study, or not linked because the patient differs (counts, and
     *                         the first lines naming them); empty for the quiet-period runs, which nobody reads
     * @param studies          the UIDs of the studies projected (a caller running several projections counts each once)
     */
    public record Result(int projected, List<String> problems, int reportsProjected, ReportStaging.Waiting reportsWaiting,
                         Set<String> studies) {
        public Result(int projected, List<String> problems) {
            this(projected, problems, 0, ReportStaging.Waiting.NONE, Set.of());
        }

        public Result(int projected, List<String> problems, int reportsProjected, ReportStaging.Waiting reportsWaiting) {
            this(projected, problems, reportsProjected, reportsWaiting, Set.of());
        }
    }

    private interface Due {
        List<String> studies() throws SQLException;
    }

    private final StagingRepository staging;
    private final ImagingStudyBundleBuilder fhirBuilder;
    private final FhirSink fhir;
    private final OmopStudyWriter omop;
    private final ReportProjection reports;

    public StudyProjector(StagingRepository staging, ImagingStudyBundleBuilder fhirBuilder, FhirSink fhir, OmopStudyWriter omop) {
        this(staging, fhirBuilder, fhir, omop, null);
    }

    /**
     * A projector of the OMOP view alone, for commands that open only the database (no HAPI FHIR): studies it projects
     * whose FHIR resources are then behind are marked {@code fhir_pending} (see {@link StagingRepository#markOmopProjected}),
     * and the whole pipeline projects them into both views when it next runs.
     */
    public static StudyProjector omopOnly(StagingRepository staging, OmopStudyWriter omop, ReportProjection reports) {
        return new StudyProjector(staging, null, null, omop, reports);
    }

    /** True for a projector of the OMOP view alone. */
    public boolean omopOnly() {
        return fhir == null;
    }

    /** @param reports the report projection, or null to project studies only */
    public StudyProjector(StagingRepository staging, ImagingStudyBundleBuilder fhirBuilder, FhirSink fhir, OmopStudyWriter omop,
                          ReportProjection reports) {
        this.staging = staging;
        this.fhirBuilder = fhirBuilder;
        this.fhir = fhir;
        this.omop = omop;
        this.reports = reports;
    }

    public synchronized Result projectDirty() throws SQLException {
        return projectDirty(1);
    }

    /** Told how many studies a run projects (once, at its start) and how many it has done (after each study). */
    @FunctionalInterface
    public interface ProgressListener {
        ProgressListener NONE = (done, total) -> { };

        void progress(long done, long total);
    }

    /** As {@link #projectDirty()}, telling {@code listener} the number of dirty studies at the start and each one done. */
    public synchronized Result projectDirty(ProgressListener listener) throws SQLException {
        return project(() -> union(staging.dirtyStudies(), reports == null ? List.of() : reports.staging().studiesWithDirtyReports(false)),
                true, 1, listener);
    }

    /**
     * As {@link #projectDirty()}, on up to {@code workers} threads (the end of a batch ingest, when nothing else is left
     * to do). No other projection runs meanwhile (this holds the projector's lock), and the studies are split so that
     * no two workers ever write for the same patient or the same source endpoint: every study of a patient goes to one
     * worker, and every patient with a study that names an endpoint (shared by the studies of one PACS) to the first.
     * So the conditional writes (Patient, Endpoint, person rows) never race with each other.
     */
    public synchronized Result projectDirty(int workers) throws SQLException {
        return project(() -> union(staging.dirtyStudies(), reports == null ? List.of() : reports.staging().studiesWithDirtyReports(false)),
                true, workers);
    }

    /** Projects the dirty studies that have been quiet for the given period (continuous sources), and studies whose report arrived. */
    public synchronized Result projectSettled(java.time.Duration quiet) throws SQLException {
        return project(() -> withoutBackingOff(union(staging.dirtyStudiesQuietFor(quiet),
                reports == null ? List.of() : reports.staging().studiesWithDirtyReports(true))), false);
    }

    public synchronized Result projectAll() throws SQLException {
        return project(staging::allStudies);
    }

    /** Projects those of the given studies that are dirty (a running ingest hands over the studies it has passed). */
    public synchronized Result projectDirtyAmong(List<String> uids) throws SQLException {
        return project(() -> staging.dirtyAmong(uids), false);
    }

    private static List<String> union(List<String> a, List<String> b) {
        Set<String> all = new LinkedHashSet<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }

    private Result project(Due due) throws SQLException {
        return project(due, true);
    }

    private Result project(Due due, boolean listWaiting) throws SQLException {
        return project(due, listWaiting, 1);
    }

    /** What one run gathers; its workers add to it concurrently. */
    private static final class Tally {
        final List<String> problems = java.util.Collections.synchronizedList(new ArrayList<>());
        final Set<String> studies = java.util.concurrent.ConcurrentHashMap.newKeySet();
        final java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
        final java.util.concurrent.atomic.AtomicInteger reportsDone = new java.util.concurrent.atomic.AtomicInteger();
        final java.util.concurrent.atomic.LongAdder loadNanos = new java.util.concurrent.atomic.LongAdder();
        final java.util.concurrent.atomic.LongAdder fhirNanos = new java.util.concurrent.atomic.LongAdder();
        final java.util.concurrent.atomic.LongAdder omopNanos = new java.util.concurrent.atomic.LongAdder();
        final java.util.concurrent.atomic.LongAdder reportNanos = new java.util.concurrent.atomic.LongAdder();
        /** Studies whose projection failed on a worker, to be projected once more alone. */
        final List<String> retry = java.util.Collections.synchronizedList(new ArrayList<>());
        final ProgressListener listener;
        final long total;

        Tally(ProgressListener listener, long total) {
            this.listener = listener;
            this.total = total;
        }
    }

    private Result project(Due due, boolean listWaiting, int workers) throws SQLException {
        return project(due, listWaiting, workers, ProgressListener.NONE);
    }

    private Result project(Due due, boolean listWaiting, int workers, ProgressListener listener) throws SQLException {
        if (reports != null) {
            ReportStaging.LinkOutcome linked = reports.staging().link();
            if (linked.linked() + linked.mismatched() > 0) {
                log.info("Reports linked to their study: {}; not linked because the patient differs: {}", linked.linked(), linked.mismatched());
            }
        }
        List<String> uids = due.studies();
        Tally tally = new Tally(listener, uids.size());
        listener.progress(0, uids.size());
        if (!uids.isEmpty()) {
            Progress progress = new Progress(log, "Projecting studies", uids.size());
            if (workers > 1 && uids.size() > 2 && reports != null) {
                // the NLP Device every report's Provenance names is created by the first report projected: one study
                // with a report goes first, alone, so that the workers find the Device rather than race to create it
                Set<String> withReport = new java.util.HashSet<>(reports.staging().studiesWithDirtyReports(false));
                Optional<String> first = uids.stream().filter(withReport::contains).findFirst();
                if (first.isPresent()) {
                    projectOne(first.get(), tally, progress, true);
                    uids = uids.stream().filter(u -> !u.equals(first.get())).toList();
                }
            }
            List<List<String>> parts = workers <= 1 || uids.size() < 2 ? List.of(uids) : partition(uids, workers);
            if (parts.size() == 1) {
                for (String uid : uids) projectOne(uid, tally, progress, true);
            } else {
                java.util.concurrent.atomic.AtomicInteger names = new java.util.concurrent.atomic.AtomicInteger();
                java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(parts.size(), r -> {
                    Thread t = new Thread(r, "projection-worker-" + names.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
                try {
                    List<java.util.concurrent.Future<?>> running = new ArrayList<>();
                    for (List<String> part : parts) {
                        running.add(pool.submit(() -> {
                            for (String uid : part) projectOne(uid, tally, progress, false);
                            return null;
                        }));
                    }
                    for (java.util.concurrent.Future<?> f : running) Futures.join(f);
                } finally {
                    pool.shutdownNow();
                }
                // resources shared beyond one patient (the NLP Device of the report Provenance, say) can be created by two
                // workers at once; HAPI's unique search URLs let one of them fail and roll back, so the failed ones are
                // projected once more, alone, with everything the others created in place
                List<String> again = List.copyOf(tally.retry);
                if (!again.isEmpty()) log.info("Projecting {} studies again one at a time after a concurrent write conflict", again.size());
                for (String uid : again) projectOne(uid, tally, progress, true);
            }
            log.info("Projected {} studies ({} reports): staging reads {} s, reports (NLP) {} s, FHIR {} s, OMOP {} s", tally.done.get(),
                    tally.reportsDone.get(), secs(tally.loadNanos.sum()), secs(tally.reportNanos.sum()), secs(tally.fhirNanos.sum()),
                    secs(tally.omopNanos.sum()));
        }
        ReportStaging.Waiting waiting = reports != null && listWaiting ? reports.staging().waiting(WAITING_LINES) : ReportStaging.Waiting.NONE;
        return new Result(tally.done.get(), new ArrayList<>(tally.problems), tally.reportsDone.get(), waiting, Set.copyOf(tally.studies));
    }

    /**
     * Projects one study into both views; what went wrong is added to the tally, so one study never stops the others.
     * With {@code lastAttempt} false (a parallel worker) a failed study is only queued for another attempt.
     */
    private void projectOne(String uid, Tally tally, Progress progress, boolean lastAttempt) throws SQLException {
        long t0 = System.nanoTime();
        // read before the load: what arrives after this read, committed before or after the load, keeps the study dirty
        OffsetDateTime seen = staging.lastReceivedAt(uid);
        List<ReportStaging.Seen> seenReports = reports == null ? List.of() : reports.staging().dirtyReportsOfStudy(uid);
        StudyView s = staging.load(uid);
        long t1 = System.nanoTime();
        tally.loadNanos.add(t1 - t0);
        if (s == null) return; // gone from staging meanwhile
        Optional<ReportProjection.Prepared> report = Optional.empty();
        try {
            Bundle bundle = omopOnly() ? null : fhirBuilder.build(s);
            if (reports != null) report = omopOnly() ? reports.analyse(s) : reports.prepare(s, bundle);
            report.map(ReportProjection.Prepared::problem).ifPresent(tally.problems::add);
            long t2 = System.nanoTime();
            tally.reportNanos.add(t2 - t1);
            if (!omopOnly()) {
                fhir.transaction(bundle);
                if (report.isPresent()) reports.fhirWritten(s, report.get());
            }
            long t3 = System.nanoTime();
            tally.fhirNanos.add(t3 - t2);
            omop.write(s, patientStudyDates(s));
            if (report.isPresent()) reports.writeOmop(s, studyDate(s), report.get());
            tally.omopNanos.add(System.nanoTime() - t3);
            markProjected(uid, seen, seenReports);
            tally.studies.add(uid);
            if (report.isPresent()) tally.reportsDone.incrementAndGet();
        } catch (OmopStudyWriter.UnprojectableStudyException e) {
            // FHIR has the study and its report; OMOP cannot take them without the missing attribute: listed, not silent
            tally.problems.add("study " + uid + ": " + (omopOnly() ? "" : "in FHIR, ") + "not in OMOP: " + e.getMessage());
            markProjected(uid, seen, seenReports);
            staging.markOmopExcluded(uid, e.getMessage());
            tally.studies.add(uid);
            if (report.isPresent()) tally.reportsDone.incrementAndGet();
        } catch (RuntimeException | SQLException | StackOverflowError e) {
            if (!lastAttempt) {
                log.debug("Projection of study {} failed on a worker; it is projected again alone", uid, e);
                tally.retry.add(uid);
                return;
            }
            failed(uid, seen, e, tally);
        }
        int n = tally.done.incrementAndGet();
        synchronized (progress) {
            progress.update(n);
            tally.listener.progress(n, tally.total);
        }
    }

    /**
     * Splits the studies over the workers: by patient, and every patient with a study that has an endpoint to the
     * first worker (see {@link #projectDirty(int)}). Each part keeps the order of {@code uids}.
     */
    private List<List<String>> partition(List<String> uids, int workers) throws SQLException {
        Map<String, StagingRepository.PatientOfStudy> of = staging.patientsOf(uids);
        Set<String> withEndpoint = new java.util.HashSet<>();
        for (StagingRepository.PatientOfStudy p : of.values()) if (p.hasEndpoint()) withEndpoint.add(p.patientKey());
        List<List<String>> parts = new ArrayList<>();
        for (int i = 0; i < workers; i++) parts.add(new ArrayList<>());
        for (String uid : uids) {
            StagingRepository.PatientOfStudy p = of.get(uid);
            // a study gone from staging meanwhile is looked at (and skipped) by the first worker
            int i = p == null || withEndpoint.contains(p.patientKey()) ? 0 : Math.floorMod(p.patientKey().hashCode(), workers);
            parts.get(i).add(uid);
        }
        parts.removeIf(List::isEmpty);
        return parts;
    }

    /**
     * A data problem marks the study failed with its reason (not retried until its data or the mappings change); an
     * outage leaves it pending, and the quiet-period runs wait longer after each failure. Either is logged once, in one
     * line without identifiers; the stack trace goes to DEBUG.
     */
    private void failed(String uid, OffsetDateTime seen, Throwable e, Tally tally) throws SQLException {
        String reason = ProjectionFailure.describe(e);
        log.debug("Projection of study {} failed", uid, e);
        if (ProjectionFailure.classify(e) == ProjectionFailure.DATA) {
            backoff.remove(uid);
            tally.problems.add("study " + uid + ": projection failed (a data problem; retried when the study or the mappings change): "
                    + reason);
            staging.markFailed(uid, seen, reason);
            log.warn("Projection of study {} failed for a data problem, marked failed (ingest lists it): {}", LogRef.of(uid), LogRef.text(reason));
            return;
        }
        tally.problems.add("study " + uid + ": projection failed, will retry: " + reason);
        Backoff b = backoff.merge(uid, new Backoff(1, 0), (old, one) -> new Backoff(old.failures() + 1, 0));
        long delay = Math.min(MAX_BACKOFF_MILLIS, 1000L << Math.min(20, b.failures()));
        backoff.put(uid, new Backoff(b.failures(), System.currentTimeMillis() + delay));
        if (b.failures() == 1) log.warn("Projection of study {} failed, retrying with back-off: {}", LogRef.of(uid), LogRef.text(reason));
    }

    /** Consecutive outage failures of a study and when the quiet-period runs may try it again. */
    private record Backoff(int failures, long notBefore) {}

    private static final long MAX_BACKOFF_MILLIS = 10 * 60_000L;
    private final Map<String, Backoff> backoff = new java.util.concurrent.ConcurrentHashMap<>();

    /** Studies the quiet-period runs leave alone for now: they failed for an outage a moment ago. */
    private List<String> withoutBackingOff(List<String> uids) {
        if (backoff.isEmpty()) return uids;
        long now = System.currentTimeMillis();
        return uids.stream().filter(u -> {
            Backoff b = backoff.get(u);
            return b == null || b.notBefore() <= now;
        }).toList();
    }

    /**
     * @param seen        the study's last receipt as read before its load ({@link StagingRepository#markProjected})
     * @param seenReports its dirty reports as read before its load ({@link ReportStaging#markProjected})
     */
    private void markProjected(String uid, OffsetDateTime seen, List<ReportStaging.Seen> seenReports) throws SQLException {
        backoff.remove(uid);
        // the study first: its OMOP-only mark reads the report dirty flags the next line clears
        if (omopOnly()) staging.markOmopProjected(uid, seen);
        else staging.markProjected(uid, seen);
        if (reports != null) reports.staging().markProjected(uid, seenReports);
    }

    /** The procedure date OMOP uses (OmopStudyWriter has already refused a study without one). */
    private static LocalDate studyDate(StudyView s) {
        return s.facts().date();
    }

    /** Dates of the patient's studies for the observation period: this study's own alone for a placeholder patient. */
    private List<LocalDate> patientStudyDates(StudyView s) throws SQLException {
        List<LocalDate> dates = new ArrayList<>();
        if (!s.placeholderPatient()) dates.addAll(staging.studyDatesOfPatient(s.issuerOfPatientId(), s.patientId()));
        // a date derived from series or acquisition dates is not in the study_date column the query reads
        if (s.facts().date() != null && !dates.contains(s.facts().date())) dates.add(s.facts().date());
        return dates;
    }

    private static String secs(long nanos) {
        return String.format("%.1f", nanos / 1e9);
    }
}
