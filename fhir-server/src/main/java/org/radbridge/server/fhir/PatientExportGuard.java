package org.radbridge.server.fhir;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import org.hl7.fhir.r4.model.OperationOutcome;

/**
 * HAPI runs a Patient-level {@code $export} only with "index missing fields" on, which writes an index row for every
 * search parameter a resource does not use: many more rows per ImagingStudy, paid on every ingest. RadBridge leaves it
 * off unless RADBRIDGE_FHIR_INDEX_MISSING_FIELDS=true; while off, a Patient-level kick-off is refused at once with a
 * 400 OperationOutcome naming the setting and the alternatives (system or Group level), instead of a job that fails
 * later with a 500 at status polling.
 */
@Interceptor
public final class PatientExportGuard {
    private final boolean enabled;

    public PatientExportGuard(boolean indexMissingFields) {
        this.enabled = indexMissingFields;
    }

    @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
    public void check(RequestDetails request, RestOperationTypeEnum operation) {
        if (enabled || !"$export".equals(request.getOperation()) || !"Patient".equals(request.getResourceName())) return;
        String text = "Patient-level $export needs RADBRIDGE_FHIR_INDEX_MISSING_FIELDS=true on the server (it costs index rows on every "
                + "write); use the system-level /$export with _type, or Group/ID/$export for a set of patients";
        OperationOutcome oo = new OperationOutcome();
        oo.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR).setCode(OperationOutcome.IssueType.NOTSUPPORTED).setDiagnostics(text);
        throw new InvalidRequestException(text, oo);
    }
}
