package org.radbridge.server.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.subscription.match.registry.ActiveSubscription;
import ca.uhn.fhir.jpa.subscription.match.registry.SubscriptionRegistry;
import ca.uhn.fhir.jpa.subscription.model.CanonicalSubscription;
import ca.uhn.fhir.jpa.subscription.model.ResourceModifiedMessage;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.IdType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AuditEventSubscriptionFilterTest {
    private final FhirContext ctx = FhirContext.forR4Cached();
    private final List<ActiveSubscription> active = new ArrayList<>();
    private final AuditEventSubscriptionFilter filter = new AuditEventSubscriptionFilter(new SubscriptionRegistry() {
        @Override
        public Collection<ActiveSubscription> getAll() {
            return active;
        }
    }, ctx);

    @Test
    void auditEventsSkipTheSubscriptionPipelineOnlyWhileNoSubscriptionCouldMatchThem() {
        assertThat(filter.resourceModified(audit())).as("no subscription at all").isFalse();
        assertThat(filter.resourceModified(report())).as("other types always go through").isTrue();

        active.add(subscription("DiagnosticReport?status=final&category=RAD"));
        assertThat(filter.resourceModified(audit())).isFalse();
        assertThat(filter.resourceModified(report())).isTrue();

        active.add(subscription("AuditEvent?type=rest"));
        assertThat(filter.resourceModified(audit())).as("a subscription on AuditEvent").isTrue();
    }

    @Test
    void wildcardAndMultiTypeCriteriaThatNameAuditEventsLetThemThrough() {
        assertThat(AuditEventSubscriptionFilter.anyCouldMatch(List.of(subscription("[*]")))).isTrue();
        assertThat(AuditEventSubscriptionFilter.anyCouldMatch(List.of(subscription("[Patient,AuditEvent]")))).isTrue();
        assertThat(AuditEventSubscriptionFilter.anyCouldMatch(List.of(subscription("[Patient,Observation]")))).isFalse();
    }

    private static ActiveSubscription subscription(String criteria) {
        CanonicalSubscription s = new CanonicalSubscription();
        s.setIdElement(new IdType("Subscription/" + Math.abs(criteria.hashCode())));
        s.setCriteriaString(criteria);
        return new ActiveSubscription(s, "channel");
    }

    private ResourceModifiedMessage audit() {
        AuditEvent e = new AuditEvent();
        e.setId("AuditEvent/1/_history/1");
        return new ResourceModifiedMessage(ctx, e, ResourceModifiedMessage.OperationTypeEnum.CREATE);
    }

    private ResourceModifiedMessage report() {
        DiagnosticReport r = new DiagnosticReport();
        r.setId("DiagnosticReport/2/_history/1");
        return new ResourceModifiedMessage(ctx, r, ResourceModifiedMessage.OperationTypeEnum.CREATE);
    }
}
