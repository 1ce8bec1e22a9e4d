package org.radbridge.server.security;

import ca.uhn.fhir.storage.interceptor.balp.IBalpAuditEventSink;

/** A BALP sink that takes the per-patient events of a request as one hand-over ({@link PatientAuditEvents}). */
public interface PatientEventsSink extends IBalpAuditEventSink {
    void recordAuditEvents(PatientAuditEvents events);
}
