package org.radbridge.server.security;

import org.hl7.fhir.r4.model.AuditEvent;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * The BALP events of one request that differ only in their patient: a request's event (agents, query or data entity,
 * recording time) and the patients whose data it showed, one event each. A search page of 50 studies has ~48 of them;
 * handed over as one, the request thread copies nothing and the audit writer encodes the shared part once
 * ({@link AuditEventStore}). {@link #events()} gives the same events one by one, as the capture built them before.
 *
 * @param template the request's event without a patient; not changed after it is handed over
 * @param patients the patient references, in order, one event each
 * @param recorded the recording time of the events
 */
public record PatientAuditEvents(AuditEvent template, List<String> patients, Date recorded) {
    public PatientAuditEvents {
        patients = List.copyOf(patients);
        if (patients.isEmpty()) throw new IllegalArgumentException("no patient");
    }

    /** The event for the {@code i}th patient: a copy of the template with its recording time and that patient. */
    public AuditEvent event(int i) {
        return BalpAuditCapture.addPatient(template.copy().setRecorded(new Date(recorded.getTime())), patients.get(i));
    }

    public List<AuditEvent> events() {
        List<AuditEvent> out = new ArrayList<>(patients.size());
        for (int i = 0; i < patients.size(); i++) out.add(event(i));
        return out;
    }

    public int size() { return patients.size(); }
}
