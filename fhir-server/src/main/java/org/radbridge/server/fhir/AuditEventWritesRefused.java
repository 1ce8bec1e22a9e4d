package org.radbridge.server.fhir;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RequestTypeEnum;
import ca.uhn.fhir.rest.server.exceptions.MethodNotAllowedException;
import jakarta.servlet.http.HttpServletRequest;
import org.hl7.fhir.r4.model.OperationOutcome;

import java.util.Set;

/**
 * The audit trail is written by the server alone: a client's create, update, patch or delete of an AuditEvent is
 * answered 405 with an OperationOutcome (HAPI would otherwise say 400, "does not know how to handle"), whoever asks.
 */
@Interceptor
public final class AuditEventWritesRefused {
    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

    @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_PROCESSED)
    public boolean preProcessed(HttpServletRequest request) {
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        boolean auditEvent = path.equals("/AuditEvent") || path.startsWith("/AuditEvent/") || path.startsWith("/AuditEvent?");
        if (!auditEvent || READS.contains(request.getMethod())) return true;
        String text = "The audit trail is read-only: AuditEvents are written by RadBridge itself (" + request.getMethod() + " refused)";
        OperationOutcome oo = new OperationOutcome();
        oo.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR).setCode(OperationOutcome.IssueType.NOTSUPPORTED).setDiagnostics(text);
        MethodNotAllowedException e = new MethodNotAllowedException(text, oo);
        e.setAllowedMethods(RequestTypeEnum.GET);
        throw e;
    }
}
