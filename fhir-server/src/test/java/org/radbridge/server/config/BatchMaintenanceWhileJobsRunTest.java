package org.radbridge.server.config;

import ca.uhn.fhir.batch2.api.IJobMaintenanceService;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

class BatchMaintenanceWhileJobsRunTest {

    /** Counts the passes asked for. */
    static class CountingMaintenance implements IJobMaintenanceService {
        final AtomicInteger passes = new AtomicInteger();
        @Override public boolean triggerMaintenancePass() { return false; }
        @Override public void runMaintenancePass() { passes.incrementAndGet(); }
        @Override public void forceMaintenancePass() { passes.incrementAndGet(); }
        @Override public void enableMaintenancePass(boolean enable) {}
    }

    @Test
    void thePassRunsOnlyWhileAJobHasNotEnded() throws Exception {
        CountingMaintenance hapi = new CountingMaintenance();
        AtomicBoolean running = new AtomicBoolean(false);
        BatchMaintenanceWhileJobsRun m = new BatchMaintenanceWhileJobsRun(hapi, running::get, 20);
        m.tick();
        m.tick();
        assertThat(hapi.passes).hasValue(0);
        running.set(true);
        m.tick();
        assertThat(hapi.passes).hasValue(1);

        // on its own thread, at its interval, until stopped
        m.start();
        assertThat(m.isRunning()).isTrue();
        long deadline = System.currentTimeMillis() + 10_000;
        while (hapi.passes.get() < 4 && System.currentTimeMillis() < deadline) Thread.sleep(10);
        assertThat(hapi.passes.get()).isGreaterThanOrEqualTo(4);
        running.set(false);
        Thread.sleep(100);
        int after = hapi.passes.get();
        Thread.sleep(200);
        assertThat(hapi.passes.get()).as("no pass once every job has ended").isEqualTo(after);
        m.stop();
        assertThat(m.isRunning()).isFalse();
    }

    @Test
    void aFailingPassDoesNotStopTheLooks() {
        AtomicInteger looks = new AtomicInteger();
        IJobMaintenanceService failing = new CountingMaintenance() {
            @Override public void runMaintenancePass() { throw new IllegalStateException("database away"); }
        };
        BatchMaintenanceWhileJobsRun m = new BatchMaintenanceWhileJobsRun(failing, () -> looks.incrementAndGet() > 0, 1000);
        m.tick();
        m.tick();
        assertThat(looks).hasValue(2);
    }

    @Test
    void theLookReadsHapisJobTable(@TempDir Path tmp) throws Exception {
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(tmp.resolve("pg")).setCleanDataDirectory(true).start()) {
            DataSource db = pg.getPostgresDatabase();
            BooleanSupplier unfinished = BatchMaintenanceWhileJobsRun.unfinishedJobsIn(db);
            assertThat(unfinished.getAsBoolean()).as("no table yet: look failed, so run as before").isTrue();
            try (Connection c = db.getConnection(); Statement st = c.createStatement()) {
                st.execute("create schema fhir; create table fhir.bt2_job_instance (id varchar(100) primary key, stat varchar(20) not null)");
                assertThat(unfinished.getAsBoolean()).as("no job").isFalse();
                st.execute("insert into fhir.bt2_job_instance values ('a', 'COMPLETED'), ('b', 'FAILED'), ('c', 'CANCELLED')");
                assertThat(unfinished.getAsBoolean()).as("only ended jobs").isFalse();
                for (String state : new String[] {"QUEUED", "IN_PROGRESS", "FINALIZE", "ERRORED"}) {
                    st.execute("insert into fhir.bt2_job_instance values ('d', '" + state + "')");
                    assertThat(unfinished.getAsBoolean()).as(state).isTrue();
                    st.execute("delete from fhir.bt2_job_instance where id = 'd'");
                }
            }
        }
    }
}
