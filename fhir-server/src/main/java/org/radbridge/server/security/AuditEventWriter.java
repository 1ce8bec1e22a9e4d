package org.radbridge.server.security;

import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.api.server.storage.TransactionDetails;
import ca.uhn.fhir.storage.interceptor.balp.IBalpAuditEventSink;
import org.hl7.fhir.r4.model.AuditEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Stores AuditEvents through the DAO on a background thread: the events are produced inside the
 * request's own (read-only) transaction, where a write cannot join. The queue is bounded; if it
 * overflows, the event is logged to the radbridge.audit log instead of being dropped silently.
 * Whatever has queued up is written in one transaction (up to {@value #BATCH} events): a search
 * produces one BALP event per patient in its results, and a commit per event made the audit trail
 * the largest cost of a search. The events of one batch share their transaction details, as the entries of a FHIR
 * transaction do: HAPI resolves the BALP profile's tag once per transaction details, so a batch written while its tag
 * cache was cold (it expires every minute) otherwise looked the tag up, with a flush of the batch so far, per event.
 *
 * <p>At shutdown the queue is drained for a bounded time; what is left then is logged, not stored: a writer still
 * storing while the application closes re-created the database bean (a second PostgreSQL left running).
 */
public final class AuditEventWriter implements IBalpAuditEventSink, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AuditEventWriter.class);
    private static final Logger audit = LoggerFactory.getLogger("radbridge.audit");
    static final int BATCH = 200;

    private final IFhirResourceDao<AuditEvent> dao;
    private final TransactionTemplate transactions;
    private final BlockingQueue<AuditEvent> queue = new ArrayBlockingQueue<>(10_000);
    private final Thread thread;
    private volatile boolean closing;
    private volatile boolean abandoned;
    private final AtomicLong written = new AtomicLong();

    public AuditEventWriter(IFhirResourceDao<AuditEvent> dao) {
        this(dao, null);
    }

    /** @param transactions the JPA transaction manager, or null for one transaction per event */
    public AuditEventWriter(IFhirResourceDao<AuditEvent> dao, PlatformTransactionManager transactions) {
        this.dao = dao;
        this.transactions = transactions == null ? null : new TransactionTemplate(transactions);
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
        if (transactions != null && batch.size() > 1) {
            try {
                SystemRequestDetails request = new SystemRequestDetails();
                TransactionDetails shared = new TransactionDetails();
                transactions.executeWithoutResult(status -> batch.forEach(e -> dao.create(e, null, true, request, shared)));
                written.addAndGet(batch.size());
                return;
            } catch (RuntimeException e) {
                // one bad event must not cost the others: store them one by one
                log.warn("Could not store {} AuditEvents in one transaction ({}); storing them one by one", batch.size(), e.toString());
            }
        }
        for (AuditEvent event : batch) {
            try {
                dao.create(event, new SystemRequestDetails());
                written.incrementAndGet();
            } catch (RuntimeException e) {
                log.error("Could not store an AuditEvent ({} {}); logged instead", event.getAction(),
                        event.getEntityFirstRep().getWhat().getReference(), e);
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
