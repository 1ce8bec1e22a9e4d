package org.radbridge.ingest;

import org.radbridge.deid.LogRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Projects studies from continuous sources (inbox, C-STORE) once they have been quiet for a while,
 * and again when late instances arrive, so a study sent instance by instance becomes one
 * ImagingStudy and one set of OMOP rows without being rebuilt for every instance.
 */
public final class ProjectionScheduler implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ProjectionScheduler.class);

    private final StudyProjector projector;
    private final Duration quiet;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "projection-scheduler");
        t.setDaemon(true);
        return t;
    });

    public ProjectionScheduler(StudyProjector projector, Duration quiet) {
        this.projector = projector;
        this.quiet = quiet;
    }

    public void start() {
        long period = Math.max(500, Math.min(5_000, quiet.toMillis() / 2));
        timer.scheduleWithFixedDelay(this::tick, period, period, TimeUnit.MILLISECONDS);
        log.info("Projecting studies after {} s without new instances", quiet.toMillis() / 1000.0);
    }

    private void tick() {
        try {
            StudyProjector.Result r = projector.projectSettled(quiet);
            if (r.projected() > 0) log.info("Projected {} settled studies", r.projected());
            // each failure is logged once by the projector; the lines name studies, so they stay out of the log at WARN
            r.problems().forEach(p -> log.debug("Not projected: {}", p));
        } catch (Exception e) {
            // a database outage must not kill the timer: the studies stay dirty and are retried
            log.warn("Projection run failed, will retry: {}", LogRef.text(e.getMessage()));
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
