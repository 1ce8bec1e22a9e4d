package org.radbridge.server.security;

import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.interceptor.auth.AuthorizationInterceptor;
import ca.uhn.fhir.rest.server.interceptor.auth.IAuthRule;
import ca.uhn.fhir.rest.server.interceptor.auth.IAuthRuleBuilder;
import ca.uhn.fhir.rest.server.interceptor.auth.IAuthRuleBuilderRuleOp;
import ca.uhn.fhir.rest.server.interceptor.auth.PolicyEnum;
import ca.uhn.fhir.rest.server.interceptor.auth.RuleBuilder;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.radbridge.server.security.smart.SmartScopes;
import org.radbridge.server.security.smart.SmartScopes.Context;
import org.radbridge.server.security.smart.SmartScopes.Grant;
import org.radbridge.server.security.smart.SmartScopes.Interaction;

import java.util.List;

/**
 * Who may do what on /fhir. Anonymous callers get the capability statement only (401 otherwise);
 * readers read and search but never write and never see the audit trail; a patient token reads one
 * Patient compartment; admins do everything; a SMART token what its scopes grant (see {@link #smart}).
 * The pipeline writes through the DAOs in-process and is not affected. Refusals answer with an
 * OperationOutcome and are audited ({@link RefusalAudit}).
 */
public final class FhirAccessRules extends AuthorizationInterceptor {
    private static final String[] TERMINOLOGY_OPERATIONS = {"$translate", "$lookup", "$validate-code", "$expand", "$subsumes"};
    private static final String EXPORT = "$export";
    private static final String EXPORT_STATUS = "$export-poll-status";

    private final BearerAuthentication authentication;
    private final RefusalAudit refusals;

    public FhirAccessRules(BearerAuthentication authentication) {
        this(authentication, new RefusalAudit(null));
    }

    public FhirAccessRules(BearerAuthentication authentication, RefusalAudit refusals) {
        super(PolicyEnum.DENY);
        this.authentication = authentication;
        this.refusals = refusals;
    }

    @Override
    public List<IAuthRule> buildRuleList(RequestDetails request) {
        BearerAuthentication.Result auth = authentication.authenticate(request);
        ApiPrincipal p = auth.principal();
        if (p == null) {
            if (isMetadata(request)) return new RuleBuilder().allow("capability statement").metadata().build();
            String reason = auth.description();
            refusals.refused(method(request), path(request), null, remote(request), 401, reason);
            UnauthorizedException e = new UnauthorizedException(reason, outcome(OperationOutcome.IssueType.LOGIN, reason));
            String challenge = "Bearer realm=\"radbridge\"" + (auth.error() == null ? ""
                    : ", error=\"" + auth.error() + "\", error_description=\"" + reason.replace("\"", "'") + "\"");
            e.addResponseHeader("WWW-Authenticate", challenge);
            throw e;
        }
        return switch (p.role()) {
            case ADMIN -> new RuleBuilder().allowAll("admin " + p.name()).build();
            case READER -> terminology(new RuleBuilder()
                    .deny("audit trail is for admins").read().resourcesOfType(AuditEvent.class).withAnyId().andThen()
                    .allow("metadata").metadata().andThen()
                    .allow("read " + p.name()).read().allResources().withAnyId().andThen())
                    .denyAll("readers do not write").build();
            case PATIENT -> terminology(new RuleBuilder()
                    .deny("audit trail is for admins").read().resourcesOfType(AuditEvent.class).withAnyId().andThen()
                    .allow("metadata").metadata().andThen()
                    .allow("compartment of Patient/" + p.patientId()).read().allResources()
                    .inCompartment("Patient", new IdType("Patient", p.patientId())).andThen())
                    .denyAll("outside the patient's compartment").build();
            case RESEARCHER -> new RuleBuilder().allow("metadata").metadata().andThen()
                    .denyAll("researchers use the de-identified /dicomweb and OMOP, not the identified FHIR view").build();
            case SMART -> smart(p);
        };
    }

    /**
     * The rules of a SMART token: per grant, read (read and search; {@link SmartInteractionCheck} tells the two apart),
     * write (create and update) and delete on the granted type, limited to the token's Patient compartment for
     * {@code patient/} scopes. A wildcard type does not reach the audit trail: AuditEvent must be named. Bulk export
     * needs {@code system/*.read} (or .rs). Everything else is refused.
     */
    private List<IAuthRule> smart(ApiPrincipal p) {
        SmartScopes scopes = p.scopes();
        IAuthRuleBuilder b = new RuleBuilder();
        boolean auditNamed = scopes.grants().stream().anyMatch(g -> g.resourceType().equals("AuditEvent"));
        if (!auditNamed) b = b.deny("audit trail needs an AuditEvent scope").read().resourcesOfType(AuditEvent.class).withAnyId().andThen();
        b = b.allow("metadata").metadata().andThen();
        boolean anyRead = false, anyWrite = false;
        for (Grant g : scopes.grants()) {
            IdType patient = p.patientId() == null ? null : new IdType("Patient", p.patientId());
            if (g.context() == Context.PATIENT && patient == null) continue;
            String name = g.scope();
            if (g.interactions().contains(Interaction.READ) || g.interactions().contains(Interaction.SEARCH)) {
                anyRead = true;
                b = target(b.allow(name).read(), g, patient).andThen();
            }
            if (g.interactions().contains(Interaction.CREATE) || g.interactions().contains(Interaction.UPDATE)) {
                anyWrite = true;
                b = target(b.allow(name).write(), g, patient).andThen();
            }
            if (g.interactions().contains(Interaction.DELETE)) {
                anyWrite = true;
                b = target(b.allow(name).delete(), g, patient).andThen();
            }
        }
        if (anyRead) b = terminology(b);
        if (anyWrite) b = b.allow("transaction of granted writes").transaction().withAnyOperation().andApplyNormalRules().andThen();
        if (scopes.allows(Context.SYSTEM, "*", Interaction.READ) && scopes.allows(Context.SYSTEM, "*", Interaction.SEARCH)) {
            // the kick-off is an operation (system, Patient type, Group or Patient instance), then HAPI asks the bulk rule
            b = b.allow("bulk export").operation().named(EXPORT).onServer().andAllowAllResponses().andThen()
                    .allow("bulk export").operation().named(EXPORT).onType(org.hl7.fhir.r4.model.Patient.class).andAllowAllResponses().andThen()
                    .allow("bulk export").operation().named(EXPORT).onAnyInstance().andAllowAllResponses().andThen()
                    .allow("bulk export").bulkExport().any().andThen()
                    .allow("bulk export status").operation().named(EXPORT_STATUS).onServer().andAllowAllResponses().andThen();
        }
        return b.denyAll("not covered by the token's scopes").build();
    }

    private static ca.uhn.fhir.rest.server.interceptor.auth.IAuthRuleFinished target(IAuthRuleBuilderRuleOp op, Grant g, IdType patient) {
        boolean all = g.resourceType().equals("*");
        if (g.context() == Context.PATIENT) {
            return all ? op.allResources().inCompartment("Patient", patient)
                    : op.resourcesOfType(g.resourceType()).inCompartment("Patient", patient);
        }
        return all ? op.allResources().withAnyId() : op.resourcesOfType(g.resourceType()).withAnyId();
    }

    private static IAuthRuleBuilder terminology(IAuthRuleBuilder b) {
        IAuthRuleBuilder builder = b;
        for (String op : TERMINOLOGY_OPERATIONS) {
            builder = builder.allow("terminology " + op).operation().named(op).onAnyType().andAllowAllResponses().andThen();
            builder = builder.allow("terminology " + op).operation().named(op).onAnyInstance().andAllowAllResponses().andThen();
        }
        return builder;
    }

    @Override
    protected void handleDeny(RequestDetails request, Verdict decision) {
        ApiPrincipal p = authentication.principal(request).orElse(null);
        String reason = "access denied: " + ruleName(decision);
        refusals.refused(method(request), path(request), p == null ? null : p.name(), remote(request), 403, reason);
        throw new ForbiddenOperationException(reason, outcome(OperationOutcome.IssueType.FORBIDDEN, reason));
    }

    /** The name of the deciding rule (Verdict shows it in its text only), or why there is none. */
    private static String ruleName(Verdict decision) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("myRuleName=([^,\\]]+)").matcher(String.valueOf(decision));
        return m.find() ? m.group(1) : "no rule of the token allows this request";
    }

    static OperationOutcome outcome(OperationOutcome.IssueType type, String text) {
        OperationOutcome oo = new OperationOutcome();
        oo.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR).setCode(type).setDiagnostics(text);
        return oo;
    }

    static String method(RequestDetails r) {
        return r.getRequestType() == null ? "?" : r.getRequestType().name();
    }

    static String path(RequestDetails r) {
        return "/fhir/" + (r.getRequestPath() == null ? "" : r.getRequestPath());
    }

    static String remote(RequestDetails r) {
        return r instanceof ca.uhn.fhir.rest.server.servlet.ServletRequestDetails s ? s.getServletRequest().getRemoteAddr() : null;
    }

    private static boolean isMetadata(RequestDetails request) {
        return request.getRestOperationType() == RestOperationTypeEnum.METADATA;
    }
}
