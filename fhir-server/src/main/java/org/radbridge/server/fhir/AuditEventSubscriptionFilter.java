package org.radbridge.server.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.subscription.match.matcher.subscriber.SubscriptionCriteriaParser;
import ca.uhn.fhir.jpa.subscription.match.registry.ActiveSubscription;
import ca.uhn.fhir.jpa.subscription.match.registry.SubscriptionRegistry;
import ca.uhn.fhir.jpa.subscription.model.ResourceModifiedMessage;

import java.util.Collection;

/**
 * Keeps RadBridge's access log out of HAPI's subscription pipeline while no subscription could match it. The BALP
 * interceptor writes an AuditEvent for every patient whose data a search returns (up to 50 per page); HAPI stores a
 * message for each, reads the AuditEvent back and matches it against every active subscription, on the same cores as
 * the searches. In a 100,000-study search benchmark that matching took as much CPU as the searches themselves, for
 * subscriptions that name other resource types.
 * <p>
 * A modification of another type, or of an AuditEvent while a subscription's criteria name AuditEvent (or any type,
 * or a topic), goes through as before. Subscriptions are matched against writes made after they became active; an
 * AuditEvent written in the moment between a new AuditEvent subscription's creation and its activation may not be
 * delivered to it.
 */
@Interceptor
public final class AuditEventSubscriptionFilter {
    private static final String AUDIT_EVENT = "AuditEvent";

    private final SubscriptionRegistry subscriptions;
    private final FhirContext fhirContext;

    public AuditEventSubscriptionFilter(SubscriptionRegistry subscriptions, FhirContext fhirContext) {
        this.subscriptions = subscriptions;
        this.fhirContext = fhirContext;
    }

    /** @return false to drop the message: HAPI then neither stores nor matches it */
    @Hook(Pointcut.SUBSCRIPTION_RESOURCE_MODIFIED)
    public boolean resourceModified(ResourceModifiedMessage message) {
        if (!message.hasResourceType(fhirContext, AUDIT_EVENT)) return true;
        return anyCouldMatch(subscriptions.getAll());
    }

    static boolean anyCouldMatch(Collection<ActiveSubscription> active) {
        for (ActiveSubscription s : active) {
            if (s.getSubscription() != null && s.getSubscription().isTopicSubscription()) return true;
            SubscriptionCriteriaParser.SubscriptionCriteria criteria = s.getCriteria();
            if (criteria == null || criteria.getType() == SubscriptionCriteriaParser.TypeEnum.STARTYPE_EXPRESSION) return true;
            if (criteria.getApplicableResourceTypes() == null || criteria.getApplicableResourceTypes().contains(AUDIT_EVENT)) return true;
        }
        return false;
    }
}
