package org.radbridge.server.config;

import ca.uhn.fhir.batch2.api.IJobMaintenanceService;
import ca.uhn.fhir.batch2.model.StatusEnum;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * HAPI's batch2 jobs (bulk export, reindex) advance only in a maintenance pass, and HAPI's pass visits every job
 * instance it still keeps (finished ones for days), each with several queries (polling chunks, ready chunks, gated
 * steps). Run every 2 s so that an export does not take minutes, it cost an idle server a steady few percent of its CPU
 * and took that share from searches. Now HAPI's own schedule runs at the idle interval
 * ({@code radbridge.batch.maintenance-idle-millis}, HAPI's default of a minute; it also purges old finished jobs),
 * and every {@code radbridge.batch.maintenance-millis} (2000) one query asks whether any job instance has not ended;
 * only then does the pass run at that pace. HAPI's pass guards itself, so the two never overlap.
 */
public final class BatchMaintenanceWhileJobsRun implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(BatchMaintenanceWhileJobsRun.class);

    private final IJobMaintenanceService maintenance;
    private final BooleanSupplier jobsUnfinished;
    private final long millis;
    private ScheduledExecutorService ticker;

    public BatchMaintenanceWhileJobsRun(IJobMaintenanceService maintenance, BooleanSupplier jobsUnfinished, long millis) {
        this.maintenance = maintenance;
        this.jobsUnfinished = jobsUnfinished;
        this.millis = millis;
    }

    /** Whether HAPI's job table holds an instance in a state that has not ended; a failed look counts as yes (the old pace). */
    public static BooleanSupplier unfinishedJobsIn(DataSource db) {
        String ended = StatusEnum.getEndedStatuses().stream().map(s -> "'" + s.name() + "'").sorted().collect(Collectors.joining(","));
        String sql = "select 1 from fhir.bt2_job_instance where stat not in (" + ended + ") limit 1";
        return () -> {
            try (Connection c = db.getConnection(); PreparedStatement st = c.prepareStatement(sql); ResultSet rs = st.executeQuery()) {
                return rs.next();
            } catch (Exception e) {
                log.debug("batch job look-up failed; running the maintenance pass", e);
                return true;
            }
        };
    }

    /** One look: the pass runs if a job has not ended. */
    void tick() {
        try {
            if (jobsUnfinished.getAsBoolean()) maintenance.runMaintenancePass();
        } catch (RuntimeException e) {
            log.warn("batch maintenance pass failed: {}", e.toString());
        }
    }

    @Override
    public synchronized void start() {
        if (ticker != null) return;
        ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "batch-maintenance-while-jobs-run");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleWithFixedDelay(this::tick, millis, millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (ticker == null) return;
        ticker.shutdownNow();
        try {
            ticker.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ticker = null;
    }

    @Override
    public synchronized boolean isRunning() {
        return ticker != null;
    }
}
