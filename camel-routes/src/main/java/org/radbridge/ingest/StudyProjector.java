package org.radbridge.ingest;

import org.radbridge.map.ImagingStudyBundleBuilder;
import org.radbridge.staging.StagingRepository;
import org.radbridge.staging.StudyView;
import org.radbridge.write.fhir.FhirSink;
import org.radbridge.write.omop.OmopStudyWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Rebuilds both views of a study from staging. A study stays dirty until both writes succeeded,
 * so a crash or an outage between them is repaired by the next projection run.
 */
public final class StudyProjector {
    private static final Logger log = LoggerFactory.getLogger(StudyProjector.class);

    public record Result(int projected, List<String> problems) {}

    private final StagingRepository staging;
    private final ImagingStudyBundleBuilder fhirBuilder;
    private final FhirSink fhir;
    private final OmopStudyWriter omop;

    public StudyProjector(StagingRepository staging, ImagingStudyBundleBuilder fhirBuilder, FhirSink fhir, OmopStudyWriter omop) {
        this.staging = staging;
        this.fhirBuilder = fhirBuilder;
        this.fhir = fhir;
        this.omop = omop;
    }

    public synchronized Result projectDirty() throws SQLException {
        return project(staging.dirtyStudies());
    }

    /** Projects the dirty studies that have been quiet for the given period (continuous sources). */
    public synchronized Result projectSettled(java.time.Duration quiet) throws SQLException {
        return project(staging.dirtyStudiesQuietFor(quiet));
    }

    public synchronized Result projectAll() throws SQLException {
        return project(staging.allStudies());
    }

    /** Projects those of the given studies that are dirty (a running ingest hands over the studies it has passed). */
    public synchronized Result projectDirtyAmong(List<String> uids) throws SQLException {
        return project(staging.dirtyAmong(uids));
    }

    private Result project(List<String> uids) throws SQLException {
        if (uids.isEmpty()) return new Result(0, List.of());
        Progress progress = new Progress(log, "Projecting studies", uids.size());
        List<String> problems = new ArrayList<>();
        int done = 0;
        long loadNanos = 0;
        long fhirNanos = 0;
        long omopNanos = 0;
        for (String uid : uids) {
            OffsetDateTime start = OffsetDateTime.now();
            long t0 = System.nanoTime();
            StudyView s = staging.load(uid);
            long t1 = System.nanoTime();
            loadNanos += t1 - t0;
            if (s == null) continue;
            try {
                fhir.transaction(fhirBuilder.build(s));
                long t2 = System.nanoTime();
                fhirNanos += t2 - t1;
                omop.write(s, staging.studyDatesOfPatient(s.issuerOfPatientId(), s.patientId()));
                omopNanos += System.nanoTime() - t2;
                staging.markProjected(uid, start);
            } catch (OmopStudyWriter.UnprojectableStudyException e) {
                // FHIR has the study; OMOP cannot take it without the missing attribute
                problems.add("study " + uid + ": " + e.getMessage());
                staging.markProjected(uid, start);
            } catch (RuntimeException | SQLException e) {
                problems.add("study " + uid + ": projection failed, will retry: " + e.getMessage());
                log.warn("Projection of study {} failed; it stays pending", uid, e);
            }
            progress.update(++done);
        }
        log.info("Projected {} studies: staging reads {} s, FHIR {} s, OMOP {} s", done,
                String.format("%.1f", loadNanos / 1e9), String.format("%.1f", fhirNanos / 1e9), String.format("%.1f", omopNanos / 1e9));
        return new Result(done, problems);
    }
}
