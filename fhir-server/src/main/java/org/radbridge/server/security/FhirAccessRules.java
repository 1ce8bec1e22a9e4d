package org.radbridge.server.security;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;
import ca.uhn.fhir.rest.server.interceptor.auth.AuthorizationInterceptor;
import ca.uhn.fhir.rest.server.interceptor.auth.IAuthRule;
import ca.uhn.fhir.rest.server.interceptor.auth.IAuthRuleBuilder;
import ca.uhn.fhir.rest.server.interceptor.auth.PolicyEnum;
import ca.uhn.fhir.rest.server.interceptor.auth.RuleBuilder;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.IdType;

import java.util.List;

/**
 * Who may do what on /fhir. Anonymous callers get the capability statement only (401 otherwise);
 * readers read and search but never write and never see the audit trail; a patient token reads one
 * Patient compartment; admins do everything. The pipeline writes through the DAOs in-process and is
 * not affected.
 */
public final class FhirAccessRules extends AuthorizationInterceptor {
    private static final String[] TERMINOLOGY_OPERATIONS = {"$translate", "$lookup", "$validate-code", "$expand", "$subsumes"};

    private final BearerAuthentication authentication;

    public FhirAccessRules(BearerAuthentication authentication) {
        super(PolicyEnum.DENY);
        this.authentication = authentication;
    }

    @Override
    public List<IAuthRule> buildRuleList(RequestDetails request) {
        ApiPrincipal p = authentication.principal(request).orElse(null);
        if (p == null) {
            if (isMetadata(request)) return new RuleBuilder().allow("capability statement").metadata().build();
            throw new AuthenticationException("Authorization: Bearer token missing or not valid for this server")
                    .addAuthenticateHeaderForRealm("radbridge");
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
        };
    }

    private static IAuthRuleBuilder terminology(IAuthRuleBuilder b) {
        IAuthRuleBuilder builder = b;
        for (String op : TERMINOLOGY_OPERATIONS) {
            builder = builder.allow("terminology " + op).operation().named(op).onAnyType().andAllowAllResponses().andThen();
            builder = builder.allow("terminology " + op).operation().named(op).onAnyInstance().andAllowAllResponses().andThen();
        }
        return builder;
    }

    private static boolean isMetadata(RequestDetails request) {
        return request.getRestOperationType() == ca.uhn.fhir.rest.api.RestOperationTypeEnum.METADATA;
    }
}
