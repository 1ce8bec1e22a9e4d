package org.radbridge.server.security;

import ca.uhn.fhir.context.FhirContext;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit writer's queue holds at most {@value AuditEventWriter#CAPACITY} events, counting each patient of a
 * {@link PatientAuditEvents} hand-over. A hand-over that does not fit waits for room (back-pressure) and is then
 * stored; only when no room comes within the writer's wait is it logged, not stored.
 */
class AuditEventWriterTest {
    @TempDir
    static Path tmp;

    /** {@code real}, except that a connection is handed out only once {@code open} has counted down: a held database. */
    private static DataSource gated(DataSource real, CountDownLatch open) {
        return (DataSource) Proxy.newProxyInstance(AuditEventWriterTest.class.getClassLoader(), new Class<?>[]{DataSource.class}, (p, m, a) -> {
            if (m.getName().equals("getConnection")) open.await(60, TimeUnit.SECONDS);
            try {
                return m.invoke(real, a);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        });
    }

    @Test
    void queueBoundCountsTheEventsOfEachHandOver() throws Exception {
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(tmp.resolve("pg")).setCleanDataDirectory(true).start()) {
            DataSource real = pg.getPostgresDatabase();
            Flyway.configure().dataSource(real).locations("classpath:db/radbridge").schemas("radbridge", "omop").load().migrate();
            CountDownLatch open = new CountDownLatch(1);
            DataSource gated = gated(real, open);
            // no wait for room: a hand-over that does not fit is logged at once
            AuditEventWriter writer = new AuditEventWriter(new AuditEventStore(gated, FhirContext.forR4Cached()), java.time.Duration.ZERO);
            writer.recordAuditEvents(group(1, 0));
            Thread.sleep(500); // the writer has taken it and waits for the database
            for (int g = 0; g < 99; g++) writer.recordAuditEvents(group(100, 1 + g * 100));
            writer.recordAuditEvents(group(100, 100_000)); // 1 + 9,900 + 100 > 10,000: refused
            writer.recordAuditEvent(group(1, 200_000).event(0)); // 9,902: fits
            open.countDown();
            awaitWritten(writer, 9_902); // close() gives up after a bounded time, which a loaded machine can exceed
            writer.close();
            assertThat(writer.written()).isEqualTo(9_902);
            try (Connection c = real.getConnection(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT count(*), count(*) FILTER (WHERE patient_refs && ARRAY['Patient/100000']),"
                         + " count(DISTINCT patient_refs[1]) FROM radbridge.audit_event")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(9_902);
                assertThat(rs.getLong(2)).as("the refused hand-over").isZero();
                assertThat(rs.getLong(3)).isEqualTo(9_902);
            }
        }
    }

    @Test
    void aFullQueueMakesTheAuditingRequestWaitAndNoEventIsLost() throws Exception {
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(tmp.resolve("pg-wait")).setCleanDataDirectory(true).start()) {
            DataSource real = pg.getPostgresDatabase();
            Flyway.configure().dataSource(real).locations("classpath:db/radbridge").schemas("radbridge", "omop").load().migrate();
            CountDownLatch open = new CountDownLatch(1);
            DataSource gated = gated(real, open);
            AuditEventWriter writer = new AuditEventWriter(new AuditEventStore(gated, FhirContext.forR4Cached()), java.time.Duration.ofSeconds(60));
            writer.recordAuditEvents(group(1, 0));
            Thread.sleep(500); // the writer has taken it and waits for the database
            for (int g = 0; g < 100; g++) writer.recordAuditEvents(group(100, 1 + g * 100)); // the queue is full: 10,000
            CountDownLatch handedOver = new CountDownLatch(1);
            Thread request = new Thread(() -> {
                writer.recordAuditEvents(group(50, 100_000));
                handedOver.countDown();
            });
            request.start();
            assertThat(handedOver.await(700, TimeUnit.MILLISECONDS)).as("waits while the queue is full").isFalse();
            open.countDown();
            assertThat(handedOver.await(30, TimeUnit.SECONDS)).as("handed over once there is room").isTrue();
            awaitWritten(writer, 10_051);
            writer.close();
            assertThat(writer.written()).isEqualTo(10_051);
            try (Connection c = real.getConnection(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT count(*), count(*) FILTER (WHERE patient_refs && ARRAY['Patient/100049']),"
                         + " count(DISTINCT patient_refs[1]) FROM radbridge.audit_event")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(10_051);
                assertThat(rs.getLong(2)).as("the hand-over that waited").isEqualTo(1);
                assertThat(rs.getLong(3)).isEqualTo(10_051);
            }
        }
    }

    private static void awaitWritten(AuditEventWriter writer, long events) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (writer.written() < events && System.nanoTime() < end) Thread.sleep(50);
    }

    private static PatientAuditEvents group(int patients, int first) {
        AuditEvent template = new AuditEvent();
        template.setType(new Coding("http://terminology.hl7.org/CodeSystem/audit-event-type", "rest", "Restful Operation"));
        template.setAction(AuditEvent.AuditEventAction.E).setOutcome(AuditEvent.AuditEventOutcome._0);
        template.addAgent().setRequestor(true).setWho(new Reference().setDisplay("test"));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < patients; i++) ids.add("Patient/" + (first + i));
        return new PatientAuditEvents(template, ids, new Date());
    }
}
