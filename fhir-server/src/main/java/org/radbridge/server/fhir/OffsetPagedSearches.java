package org.radbridge.server.fhir;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.model.api.IQueryParameterType;
import ca.uhn.fhir.rest.api.SearchTotalModeEnum;
import ca.uhn.fhir.rest.api.SortOrderEnum;
import ca.uhn.fhir.rest.api.SortSpec;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.DateParam;
import ca.uhn.fhir.rest.param.ParamPrefixEnum;

import java.util.List;
import java.util.Map;

/**
 * Runs the searches of the REST API as offset queries: HAPI then answers a page straight from the database and the
 * {@code next} link carries {@code _offset}, instead of registering every
 * search in HFJ_SEARCH, collecting its matches into HFJ_SEARCH_RESULT on a background thread and reading the page back
 * from there. That bookkeeping (several transactions and writes per search, made for re-reading large result sets
 * page by page) was the largest cost of the small searches an EHR makes (a patient's studies, a study by identifier).
 * Pages stay consistent as long as nothing is written meanwhile, like any offset paging; results are ordered by
 * {@code _sort} where the client names one.
 * <p>
 * {@code Bundle.total} is given when it costs nothing (the page is not full, so the search ends on it) or when the
 * client asks with {@code _total=accurate} or {@code _total=estimated}; otherwise it is absent, as FHIR R4 allows and
 * as HAPI does by default. Counting is a second query of the same joins as the page, over all matches rather than the
 * first page's worth: on a broad search (a modality over a month) it cost as much as the page itself, on every page.
 * HAPI counts only for {@code accurate}; an exact count is a valid estimate, so {@code estimated} is counted too.
 * <p>
 * A search bounded on both sides by a date parameter (say {@code ImagingStudy?modality=CT&started=ge2021-09-01&started=le2021-10-01})
 * that names no {@code _sort} is answered newest first by that date, ties by resource: the order an imaging worklist
 * shows, and pages that do not overlap. It is also what keeps such a search cheap. Without an order PostgreSQL may
 * take the first page from a "first rows" plan: walk every study of the modality in storage order and probe the date
 * index for each until the page is full, because it estimates the two date bounds independently (each about half of
 * the rows) and so believes a quarter of the modality matches where a month of ten years does. At 100,000 studies that
 * walk was ~6,700 probes for a page of 50 (~15 ms of PostgreSQL, the largest cost of such a search). Ordered, the
 * database collects the bounded match set (a few hundred studies) by joining the two indexes and sorts it.
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
        if (map.getSort() == null) {
            String bounded = boundedDateParameter(map);
            if (bounded != null)
                map.setSort(new SortSpec(bounded, SortOrderEnum.DESC, new SortSpec(PID, SortOrderEnum.ASC)));
        }
    }

    /** HAPI's sort by resource id (the database's), which its offset queries already group by: the cheapest tie-break. */
    static final String PID = "_pid";

    /**
     * The first date parameter the search bounds from below and from above (each bound one value, not a list of
     * alternatives; an {@code eq} date, a day or a month, is bounded on both sides), or null.
     */
    static String boundedDateParameter(SearchParameterMap map) {
        for (Map.Entry<String, List<List<IQueryParameterType>>> parameter : map.entrySet()) {
            boolean lower = false, upper = false;
            for (List<IQueryParameterType> alternatives : parameter.getValue()) {
                if (alternatives.size() != 1 || !(alternatives.get(0) instanceof DateParam date) || date.getMissing() != null
                        || date.getValue() == null) continue;
                ParamPrefixEnum prefix = date.getPrefix() == null ? ParamPrefixEnum.EQUAL : date.getPrefix();
                switch (prefix) {
                    case GREATERTHAN, GREATERTHAN_OR_EQUALS, STARTS_AFTER -> lower = true;
                    case LESSTHAN, LESSTHAN_OR_EQUALS, ENDS_BEFORE -> upper = true;
                    case EQUAL -> { lower = true; upper = true; }
                    default -> { /* ne, ap: no bound */ }
                }
            }
            if (lower && upper) return parameter.getKey();
        }
        return null;
    }
}
