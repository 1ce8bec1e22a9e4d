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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit writer's queue holds at most {@value AuditEventWriter#CAPACITY} events, counting each patient of a
 * {@link PatientAuditEvents} hand-over. A hand-over that does not fit waits for room (back-pressure) and is then
 * stored; only when no room comes within the writer's wait is it logged, not stored.
 */
class AuditEventWriterTest {
    @TempDir
    static Path tmp;

    /** A fresh embedded PostgreSQL in {@code dir} with RadBridge's schemas (the audit trail's table among them). */
    private static EmbeddedPostgres migrated(String dir) throws java.io.IOException {
        EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(tmp.resolve(dir)).setCleanDataDirectory(true).start();
        try {
            Flyway.configure().dataSource(pg.getPostgresDatabase()).locations("classpath:db/radbridge").schemas("radbridge", "omop").load().migrate();
            return pg;
        } catch (RuntimeException e) {
            pg.close();
            throw e;
        }
    }

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
        try (EmbeddedPostgres pg = migrated("pg")) {
            DataSource real = pg.getPostgresDatabase();
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
            AuditEventWriter.Activity activity = writer.activity();
            assertThat(activity.waits()).as("no wait for room was allowed").isZero();
            assertThat(activity.loggedOnly()).as("the refused hand-over's events").isEqualTo(100);
            assertThat(activity.batches()).as("a transaction holds about 200 events (under 300 with hand-overs of 100)").isBetween(34L, 9_902L);
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
        try (EmbeddedPostgres pg = migrated("pg-wait")) {
            DataSource real = pg.getPostgresDatabase();
            CountDownLatch open = new CountDownLatch(1);
            DataSource gated = gated(real, open);
            AuditEventWriter writer = new AuditEventWriter(new AuditEventStore(gated, FhirContext.forR4Cached()), java.time.Duration.ofSeconds(60));
            writer.recordAuditEvents(group(1, 0));
            Thread.sleep(500); // the writer has taken it and waits for the database
            // the event in the writer's hands still holds its room: 9,999 more fill the queue (a 10,000th event would
            // wait here, on the test's own thread, until the gate's own time-out)
            for (int g = 0; g < 99; g++) writer.recordAuditEvents(group(100, 1 + g * 100));
            writer.recordAuditEvents(group(99, 1 + 99 * 100));
            CountDownLatch handedOver = new CountDownLatch(1);
            Thread request = new Thread(() -> {
                writer.recordAuditEvents(group(50, 100_000));
                handedOver.countDown();
            });
            request.start();
            assertThat(handedOver.await(700, TimeUnit.MILLISECONDS)).as("waits while the queue is full").isFalse();
            open.countDown();
            assertThat(handedOver.await(30, TimeUnit.SECONDS)).as("handed over once there is room").isTrue();
            awaitWritten(writer, 10_050);
            writer.close();
            assertThat(writer.written()).isEqualTo(10_050);
            assertThat(writer.loggedOnly()).isZero();
            // the benchmark's evidence of back-pressure: the one hand-over that found the queue full, and its wait
            AuditEventWriter.Activity activity = writer.activity();
            assertThat(activity.waits()).isEqualTo(1);
            assertThat(activity.waitedNanos()).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(700));
            assertThat(activity.storeNanos()).isGreaterThanOrEqualTo(activity.databaseNanos()).isPositive();
            assertThat(activity.since(activity)).isEqualTo(new AuditEventWriter.Activity(0, 0, 0, 0, 0, 0, 0));
            try (Connection c = real.getConnection(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT count(*), count(*) FILTER (WHERE patient_refs && ARRAY['Patient/100049']),"
                         + " count(DISTINCT patient_refs[1]) FROM radbridge.audit_event")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(10_050);
                assertThat(rs.getLong(2)).as("the hand-over that waited").isEqualTo(1);
                assertThat(rs.getLong(3)).isEqualTo(10_050);
            }
        }
    }

    @Test
    void everyEventHandedOverIsStoredOrLoggedEvenWhileTheWriterCloses() throws Exception {
        try (EmbeddedPostgres pg = migrated("pg-close")) {
            DataSource db = pg.getPostgresDatabase();
            AuditEventWriter writer = new AuditEventWriter(new AuditEventStore(db, FhirContext.forR4Cached()), java.time.Duration.ofSeconds(5));
            AtomicBoolean closed = new AtomicBoolean();
            AtomicLong handedOver = new AtomicLong();
            List<Thread> requests = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                int first = t * 1_000_000;
                Thread request = new Thread(() -> {
                    // up to 50 hand-overs after close() returned; each of those is a log line
                    for (int n = 0, after = 0; !closed.get() || after++ < 50; n++) {
                        if (n % 2 == 0) writer.recordAuditEvent(group(1, first + n * 10).event(0));
                        else writer.recordAuditEvents(group(3, first + n * 10));
                        handedOver.addAndGet(n % 2 == 0 ? 1 : 3);
                        pause(); // a request rate the writer keeps up with, so that close() finds the queue drained
                    }
                });
                request.start();
                requests.add(request);
            }
            Thread.sleep(300);
            writer.close(); // the requests keep handing over while and after the writer stops
            closed.set(true);
            for (Thread request : requests) request.join(30_000);
            writer.recordAuditEvent(group(1, 9_999_999).event(0)); // after close: refused, logged
            long total = handedOver.get() + 1;

            assertThat(writer.loggedOnly()).as("hand-overs after the writer stopped").isPositive();
            assertThat(writer.written() + writer.loggedOnly()).as("stored or logged, none left in the queue").isEqualTo(total);
            try (Connection c = db.getConnection(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT count(*) FROM radbridge.audit_event")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(writer.written());
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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
