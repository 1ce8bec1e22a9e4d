package org.radbridge.server.security;

import ca.uhn.fhir.storage.interceptor.balp.IBalpAuditEventSink;
import org.hl7.fhir.r4.model.AuditEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Stores AuditEvents in the audit trail's table ({@link AuditEventStore}) on a background thread, off the request
 * path. The queue is bounded; if it overflows, the event is logged to the radbridge.audit log instead of being dropped
 * silently. Whatever has queued up is written as one JDBC batch in one transaction (up to {@value #BATCH} events): a
 * search produces one BALP event per patient in its results. (Through HAPI's JPA DAO an event cost about 2 ms of CPU,
 * and the writer fell behind the searches; as a row of its own table it costs its JSON encoding and an insert.)
 *
 * <p>At shutdown the queue is drained for a bounded time; what is left then is logged, not stored: a writer still
 * storing while the application closes re-created the database bean (a second PostgreSQL left running).
 */
public final class AuditEventWriter implements IBalpAuditEventSink, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AuditEventWriter.class);
    private static final Logger audit = LoggerFactory.getLogger("radbridge.audit");
    static final int BATCH = 200;

    private final AuditEventStore store;
    private final BlockingQueue<AuditEvent> queue = new ArrayBlockingQueue<>(10_000);
    private final Thread thread;
    private volatile boolean closing;
    private volatile boolean abandoned;
    private final AtomicLong written = new AtomicLong();

    public AuditEventWriter(AuditEventStore store) {
        this.store = store;
        this.thread = new Thread(this::drain, "audit-event-writer");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void recordAuditEvent(AuditEvent event) {
        if (abandoned || !queue.offer(event)) logOnly(abandoned ? "audit writer stopped" : "audit queue full", event);
    }

    private static void logOnly(String why, AuditEvent event) {
        audit.warn("{}, event logged only: {} {} by {}", why, event.getAction(),
                event.getEntityFirstRep().getWhat().getReference(), event.getAgentFirstRep().getWho().getDisplay());
    }

    private void drain() {
        List<AuditEvent> batch = new ArrayList<>(BATCH);
        while (!abandoned && (!closing || !queue.isEmpty())) {
            try {
                AuditEvent first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) continue;
                batch.add(first);
                queue.drainTo(batch, BATCH - 1);
                store(batch);
            } catch (InterruptedException e) {
                closing = true;
            } finally {
                batch.clear();
            }
        }
    }

    private void store(List<AuditEvent> batch) {
        if (batch.size() > 1) {
            try {
                store.insert(batch);
                written.addAndGet(batch.size());
                return;
            } catch (SQLException | RuntimeException e) {
                // one bad event must not cost the others: store them one by one
                log.warn("Could not store {} AuditEvents in one transaction ({}); storing them one by one", batch.size(), e.toString());
            }
        }
        for (AuditEvent event : batch) {
            try {
                store.insert(List.of(event));
                written.incrementAndGet();
            } catch (SQLException | RuntimeException e) {
                log.error("Could not store an AuditEvent ({} {}); logged instead", event.getAction(),
                        event.getEntityFirstRep().getWhat().getReference(), e);
                logOnly("not stored", event);
            }
        }
    }

    public long written() { return written.get(); }

    @Override
    public void close() throws InterruptedException {
        closing = true;
        thread.join(10_000);
        if (!thread.isAlive()) return;
        abandoned = true;
        thread.join(10_000);
        List<AuditEvent> left = new ArrayList<>();
        queue.drainTo(left);
        if (!left.isEmpty()) log.warn("{} AuditEvents were still queued at shutdown; written to the audit log (logs/audit.log) instead", left.size());
        left.forEach(e -> logOnly("shutdown", e));
    }
}
