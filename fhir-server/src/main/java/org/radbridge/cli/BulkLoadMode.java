package org.radbridge.cli;

import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.jpa.subscription.submit.interceptor.SubscriptionMatcherInterceptor;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * What the bench's bulk load switches off while it writes, and on again when it ends, so that the server answers the
 * timed searches as it always does. Only work that leaves no trace in the stored resources, their indexes or the
 * search answers is switched off:
 * <ul>
 * <li>HAPI's subscription matcher, when no Subscription is active or requested: for every resource written it builds a
 * message holding the encoded resource, stores it in a table of its own inside the write's transaction, and after the
 * commit a matching thread reads the resource back, finds no Subscription to match and deletes the message (one more
 * transaction per resource). Without Subscriptions that is about as much work again as the write; a Subscription
 * created later is matched against later writes only, so nothing it would have seen is lost.</li>
 * </ul>
 */
final class BulkLoadMode implements AutoCloseable {
    private final IInterceptorService storageInterceptors;
    private final SubscriptionMatcherInterceptor matcher;

    private BulkLoadMode(IInterceptorService storageInterceptors, SubscriptionMatcherInterceptor matcher) {
        this.storageInterceptors = storageInterceptors;
        this.matcher = matcher;
    }

    static BulkLoadMode enter(ConfigurableApplicationContext ctx) {
        IInterceptorService interceptors = ctx.getBean(IInterceptorService.class);
        SubscriptionMatcherInterceptor matcher = ctx.getBeanProvider(SubscriptionMatcherInterceptor.class).getIfAvailable();
        boolean unhooked = matcher != null && !anySubscriptionListening(ctx.getBean(DaoRegistry.class))
                && interceptors.unregisterInterceptor(matcher);
        return new BulkLoadMode(interceptors, unhooked ? matcher : null);
    }

    /** Whether the matcher was switched off (there was no Subscription to feed). */
    boolean subscriptionMatchingOff() {
        return matcher != null;
    }

    private static boolean anySubscriptionListening(DaoRegistry daos) {
        if (!daos.isResourceTypeSupported("Subscription")) return false;
        SearchParameterMap active = SearchParameterMap.newSynchronous()
                .add("status", new TokenOrListParam().add(new TokenParam("active")).add(new TokenParam("requested")).add(new TokenParam("error")));
        active.setLoadSynchronousUpTo(1);
        return !daos.getResourceDao("Subscription").search(active, new SystemRequestDetails()).isEmpty();
    }

    @Override
    public void close() {
        if (matcher != null) storageInterceptors.registerInterceptor(matcher);
    }
}
