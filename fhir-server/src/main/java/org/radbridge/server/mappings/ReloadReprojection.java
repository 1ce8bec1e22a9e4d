package org.radbridge.server.mappings;

import org.radbridge.deid.LogRef;
import org.radbridge.ingest.StudyProjector;
import org.radbridge.map.MappingImpact;
import org.radbridge.mappings.MappingSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * After a reload, re-projects the studies whose mapped values changed, on a background thread so the
 * reload answers at once. Reloads in quick succession share one run: the run takes whatever is dirty.
 * A failed run leaves the studies dirty; the next projection (scheduler, ingest, rebuild) takes them.
 */
public final class ReloadReprojection implements MappingsService.Reprojection, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ReloadReprojection.class);

    private final MappingImpact impact;
    private final StudyProjector projector;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "mapping-reprojection");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean queued = new AtomicBoolean();
    private volatile org.radbridge.ingest.RunningJobs jobs;

    public ReloadReprojection(MappingImpact impact, StudyProjector projector) {
        this.impact = impact;
        this.projector = projector;
    }

    /** Where a running re-projection shows on the console's Overview. */
    public void reportTo(org.radbridge.ingest.RunningJobs jobs) {
        this.jobs = jobs;
    }

    @Override
    public MappingImpact.Affected mark(MappingSet before, MappingSet after) throws SQLException {
        return impact.markAffected(before, after);
    }

    @Override
    public void start() {
        if (!queued.compareAndSet(false, true)) return;
        executor.execute(() -> {
            queued.set(false);
            org.radbridge.ingest.RunningJobs registry = jobs;
            // the total (the dirty studies) is known once the projector has listed them
            org.radbridge.ingest.RunningJobs.Job job = registry == null ? null
                    : registry.start("re-projection", "re-projection after a mappings reload", -1);
            try {
                StudyProjector.Result r = projector.projectDirty(job == null ? StudyProjector.ProgressListener.NONE : (done, total) -> {
                    job.total(total);
                    job.update(done);
                });
                log.info("Re-projected {} studies ({} reports) with the reloaded mappings", r.projected(), r.reportsProjected());
                r.problems().forEach(p -> log.warn("Not re-projected: {}", LogRef.text(p)));
                if (job != null) {
                    job.update(r.projected());
                    job.finish(r.problems().isEmpty(), String.format("studies re-projected: %,d; not re-projected: %,d (see the log)",
                            r.projected(), r.problems().size()));
                }
            } catch (SQLException | RuntimeException e) {
                log.warn("Re-projection after the reload failed; the studies stay dirty and are projected later: {}", e.getMessage());
                if (job != null) job.finish(false, "failed; the studies stay dirty and are projected later");
            }
        });
    }

    /**
     * Waits until the re-projection queued so far has run: a command-line reload or vocabulary import must not
     * close the database under it (the OMOP rows would keep concepts the import made non-standard).
     */
    public void awaitIdle() throws InterruptedException, java.util.concurrent.ExecutionException {
        executor.submit(() -> { }).get();
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
