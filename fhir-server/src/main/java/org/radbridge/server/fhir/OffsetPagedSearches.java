package org.radbridge.server.fhir;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.SearchTotalModeEnum;
import ca.uhn.fhir.rest.api.SortSpec;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import org.hl7.fhir.instance.model.api.IAnyResource;

/**
 * Runs the searches of the REST API as offset queries: HAPI then answers a page straight from the database and the
 * {@code next} link carries {@code _offset}, instead of registering every
 * search in HFJ_SEARCH, collecting its matches into HFJ_SEARCH_RESULT on a background thread and reading the page back
 * from there. That bookkeeping (several transactions and writes per search, made for re-reading large result sets
 * page by page) was the largest cost of the small searches an EHR makes (a patient's studies, a study by identifier).
 * Pages stay consistent as long as nothing is written meanwhile, like any offset paging. Each page is its own query, so
 * the pages need one order whatever their offset and size: without a {@code _sort} of the client's, HAPI's query has no
 * {@code ORDER BY} and PostgreSQL's plan (which changes with the limit) gave the order, so that following the next
 * links of a search in pages of one came back in another order than one page of the whole search, which can repeat or
 * skip resources (an end-to-end test saw it). Offset pages without a {@code _sort} are therefore ordered by resource
 * id ({@code _sort=_id}); a client's {@code _sort} is kept.
 * <p>
 * {@code Bundle.total} is given when it costs nothing (the page is not full, so the search ends on it) or when the
 * client asks with {@code _total=accurate} or {@code _total=estimated}; otherwise it is absent, as FHIR R4 allows and
 * as HAPI does by default. Counting is a second query of the same joins as the page, over all matches rather than the
 * first page's worth: on a broad search (a modality over a month) it cost as much as the page itself, on every page.
 * HAPI counts only for {@code accurate}; an exact count is a valid estimate, so {@code estimated} is counted too.
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
        if (map.getOffset() == null) {
            if (map.isLoadSynchronous() || map.getLoadSynchronousUpTo() != null || map.getEverythingMode() != null
                    || map.isWantOnlyCount() || map.getSummaryMode() == ca.uhn.fhir.rest.api.SummaryEnum.COUNT
                    || (map.getCount() != null && map.getCount() == 0)) return;
            map.setOffset(0);
            if (map.getCount() == null) map.setCount(defaultPageSize);
        }
        if (map.getSearchTotalMode() == SearchTotalModeEnum.ESTIMATED) map.setSearchTotalMode(SearchTotalModeEnum.ACCURATE);
        if (map.getSort() == null && map.getEverythingMode() == null) map.setSort(new SortSpec(IAnyResource.SP_RES_ID));
    }
}
