package org.radbridge.server.fhir;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.SearchTotalModeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;

/**
 * Runs the searches of the REST API as offset queries: HAPI then answers a page straight from the database (one query
 * for the page, one for {@code total}) and the {@code next} link carries {@code _offset}, instead of registering every
 * search in HFJ_SEARCH, collecting its matches into HFJ_SEARCH_RESULT on a background thread and reading the page back
 * from there. That bookkeeping (several transactions and writes per search, made for re-reading large result sets
 * page by page) was the largest cost of the small searches an EHR makes (a patient's studies, a study by identifier).
 * Pages stay consistent as long as nothing is written meanwhile, like any offset paging; results are ordered by
 * {@code _sort} where the client names one.
 * <p>
 * Left alone: searches that already say how they are to run ({@code _offset}, {@code _summary=count},
 * {@code _count=0}), {@code $everything}, and requests from inside the server (bulk export, subscriptions), which page
 * through the stored search.
 */
@Interceptor
public final class OffsetPagedSearches {
    private final int defaultPageSize;

    public OffsetPagedSearches(int defaultPageSize) {
        this.defaultPageSize = defaultPageSize;
    }

    @Hook(Pointcut.STORAGE_PRESEARCH_REGISTERED)
    public void presearchRegistered(SearchParameterMap map, RequestDetails request) {
        if (request == null || !(request instanceof ca.uhn.fhir.rest.server.servlet.ServletRequestDetails)) return;
        if (map.getOffset() != null || map.isLoadSynchronous() || map.getLoadSynchronousUpTo() != null || map.getEverythingMode() != null
                || map.isWantOnlyCount() || map.getSummaryMode() == ca.uhn.fhir.rest.api.SummaryEnum.COUNT
                || (map.getCount() != null && map.getCount() == 0)) return;
        map.setOffset(0);
        if (map.getCount() == null) map.setCount(defaultPageSize);
        // clients read Bundle.total (HAPI's stored searches give it when the first page completes the search)
        if (map.getSearchTotalMode() == null) map.setSearchTotalMode(SearchTotalModeEnum.ACCURATE);
    }
}
