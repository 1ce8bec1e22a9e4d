package org.radbridge.server.security;

import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Date;

/**
 * Records every refused request (a token refused at /auth/token, a 401 or 403 on /fhir) as an AuditEvent with outcome
 * "minor failure" and the reason, and in the radbridge.audit log. The log line names the path without its query (a
 * query may carry identifiers); the AuditEvent, in the identified view and readable by admins only, keeps the reason.
 */
public final class RefusalAudit {
    private static final Logger audit = LoggerFactory.getLogger("radbridge.audit");
    static final String CLIENT_SYSTEM = "urn:radbridge:client";

    private final AuditEventWriter writer;

    public RefusalAudit(AuditEventWriter writer) {
        this.writer = writer;
    }

    /**
     * @param who    the client or token holder as far as known (a client id from a refused assertion is the claimed
     *               one), or null when anonymous
     * @param status the HTTP status answered
     */
    public void refused(String method, String path, String who, String remoteAddress, int status, String reason) {
        audit.warn("refused {} {} from {} ({}): {} {}", method, path, remoteAddress, who == null ? "anonymous" : who, status, reason);
        if (writer == null) return;
        AuditEvent e = new AuditEvent();
        e.setType(new Coding("http://dicom.nema.org/resources/ontology/DCM", "110113", "Security Alert"));
        e.addSubtype(new Coding("http://terminology.hl7.org/CodeSystem/audit-event-type", "rest", "RESTful Operation"));
        e.setAction(method.equals("GET") ? AuditEvent.AuditEventAction.R : AuditEvent.AuditEventAction.E);
        e.setRecorded(new Date());
        e.setOutcome(AuditEvent.AuditEventOutcome._4);
        e.setOutcomeDesc(status + " " + reason);
        AuditEvent.AuditEventAgentComponent agent = e.addAgent().setRequestor(true);
        agent.setWho(who == null ? new Reference().setDisplay("anonymous")
                : new Reference().setIdentifier(new Identifier().setSystem(CLIENT_SYSTEM).setValue(who)).setDisplay(who));
        if (remoteAddress != null)
            agent.getNetwork().setAddress(remoteAddress).setType(AuditEvent.AuditEventAgentNetworkType._2);
        e.getSource().setObserver(new Reference().setDisplay("RadBridge"));
        e.addEntity().setWhat(new Reference().setDisplay(method + " " + path));
        writer.recordAuditEvent(e);
    }
}
