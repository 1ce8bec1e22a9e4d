package org.radbridge.ingest;

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
        return project(() -> union(staging.dirtyStudies(), reports == null ? List.of() : reports.staging().studiesWithDirtyReports(false)));
    }

    /** Projects the dirty studies that have been quiet for the given period (continuous sources), and studies whose report arrived. */
    public synchronized Result projectSettled(java.time.Duration quiet) throws SQLException {
        return project(() -> union(staging.dirtyStudiesQuietFor(quiet),
                reports == null ? List.of() : reports.staging().studiesWithDirtyReports(true)), false);
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
        if (reports != null) {
            ReportStaging.LinkOutcome linked = reports.staging().link();
            if (linked.linked() + linked.mismatched() > 0) {
                log.info("Reports linked to their study: {}; not linked because the patient differs: {}", linked.linked(), linked.mismatched());
            }
        }
        List<String> uids = due.studies();
        List<String> problems = new ArrayList<>();
        int done = 0;
        int reportsDone = 0;
        Set<String> studies = new LinkedHashSet<>();
        if (!uids.isEmpty()) {
            Progress progress = new Progress(log, "Projecting studies", uids.size());
            long loadNanos = 0;
            long fhirNanos = 0;
            long omopNanos = 0;
            long reportNanos = 0;
            for (String uid : uids) {
                OffsetDateTime start = OffsetDateTime.now();
                long t0 = System.nanoTime();
                StudyView s = staging.load(uid);
                long t1 = System.nanoTime();
                loadNanos += t1 - t0;
                if (s == null) continue;
                Optional<ReportProjection.Prepared> report = Optional.empty();
                try {
                    Bundle bundle = fhirBuilder.build(s);
                    if (reports != null) report = reports.prepare(s, bundle);
                    report.map(ReportProjection.Prepared::problem).ifPresent(problems::add);
                    long t2 = System.nanoTime();
                    reportNanos += t2 - t1;
                    fhir.transaction(bundle);
                    if (report.isPresent()) reports.fhirWritten(s, report.get());
                    long t3 = System.nanoTime();
                    fhirNanos += t3 - t2;
                    omop.write(s, staging.studyDatesOfPatient(s.issuerOfPatientId(), s.patientId()));
                    if (report.isPresent()) reports.writeOmop(s, studyDate(s), report.get());
                    omopNanos += System.nanoTime() - t3;
                    markProjected(uid, start);
                    studies.add(uid);
                    if (report.isPresent()) reportsDone++;
                } catch (OmopStudyWriter.UnprojectableStudyException e) {
                    // FHIR has the study and its report; OMOP cannot take them without the missing attribute
                    problems.add("study " + uid + ": " + e.getMessage());
                    markProjected(uid, start);
                    studies.add(uid);
                    if (report.isPresent()) reportsDone++;
                } catch (RuntimeException | SQLException e) {
                    problems.add("study " + uid + ": projection failed, will retry: " + e.getMessage());
                    log.warn("Projection of study {} failed; it stays pending", uid, e);
                }
                progress.update(++done);
            }
            log.info("Projected {} studies ({} reports): staging reads {} s, reports (NLP) {} s, FHIR {} s, OMOP {} s", done, reportsDone,
                    secs(loadNanos), secs(reportNanos), secs(fhirNanos), secs(omopNanos));
        }
        ReportStaging.Waiting waiting = reports != null && listWaiting ? reports.staging().waiting(WAITING_LINES) : ReportStaging.Waiting.NONE;
        return new Result(done, problems, reportsDone, waiting, Set.copyOf(studies));
    }

    private void markProjected(String uid, OffsetDateTime start) throws SQLException {
        staging.markProjected(uid, start);
        if (reports != null) reports.staging().markProjected(uid, start);
    }

    /** The procedure date OMOP uses (OmopStudyWriter has already refused a study without one). */
    private static LocalDate studyDate(StudyView s) {
        if (s.studyDate() != null) return s.studyDate();
        return s.instances().stream().map(InstanceRecord::seriesDate).filter(d -> d != null).findFirst().orElseThrow();
    }

    private static String secs(long nanos) {
        return String.format("%.1f", nanos / 1e9);
    }
}
