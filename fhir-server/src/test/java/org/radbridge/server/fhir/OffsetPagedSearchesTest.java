package org.radbridge.server.fhir;

import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.SearchTotalModeEnum;
import ca.uhn.fhir.rest.api.SortOrderEnum;
import ca.uhn.fhir.rest.api.SortSpec;
import ca.uhn.fhir.rest.api.SummaryEnum;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OffsetPagedSearchesTest {
    private final OffsetPagedSearches hook = new OffsetPagedSearches(20);

    @Test
    void aRestSearchBecomesAnOffsetQueryCountedOnlyWhenAsked() {
        SearchParameterMap m = new SearchParameterMap();
        hook.presearchRegistered(m, new ServletRequestDetails());
        assertThat(m.isOffsetQuery()).isTrue();
        assertThat(m.getOffset()).isZero();
        assertThat(m.getCount()).isEqualTo(20);
        assertThat(m.getSearchTotalMode()).as("no count unless asked: HAPI's default").isNull();

        SearchParameterMap none = new SearchParameterMap().setCount(50);
        none.setSearchTotalMode(SearchTotalModeEnum.NONE);
        hook.presearchRegistered(none, new ServletRequestDetails());
        assertThat(none.getCount()).isEqualTo(50);
        assertThat(none.getSearchTotalMode()).as("the client's choice").isEqualTo(SearchTotalModeEnum.NONE);

        SearchParameterMap accurate = new SearchParameterMap();
        accurate.setSearchTotalMode(SearchTotalModeEnum.ACCURATE);
        hook.presearchRegistered(accurate, new ServletRequestDetails());
        assertThat(accurate.getSearchTotalMode()).isEqualTo(SearchTotalModeEnum.ACCURATE);

        SearchParameterMap estimated = new SearchParameterMap();
        estimated.setSearchTotalMode(SearchTotalModeEnum.ESTIMATED);
        hook.presearchRegistered(estimated, new ServletRequestDetails());
        assertThat(estimated.getSearchTotalMode()).as("an exact count answers an estimate").isEqualTo(SearchTotalModeEnum.ACCURATE);

        SearchParameterMap nextPage = new SearchParameterMap().setCount(50);
        nextPage.setOffset(50);
        nextPage.setSearchTotalMode(SearchTotalModeEnum.ESTIMATED);
        hook.presearchRegistered(nextPage, new ServletRequestDetails());
        assertThat(nextPage.getOffset()).isEqualTo(50);
        assertThat(nextPage.getSearchTotalMode()).isEqualTo(SearchTotalModeEnum.ACCURATE);
    }

    @Test
    void searchesThatSayHowToRunAndInternalOnesAreLeftAlone() {
        SearchParameterMap internal = new SearchParameterMap();
        internal.setSearchTotalMode(SearchTotalModeEnum.ESTIMATED);
        hook.presearchRegistered(internal, new SystemRequestDetails());
        assertThat(internal.isOffsetQuery()).isFalse();
        assertThat(internal.getSearchTotalMode()).isEqualTo(SearchTotalModeEnum.ESTIMATED);

        SearchParameterMap countOnly = new SearchParameterMap();
        countOnly.setSummaryMode(SummaryEnum.COUNT);
        hook.presearchRegistered(countOnly, new ServletRequestDetails());
        assertThat(countOnly.isOffsetQuery()).isFalse();

        SearchParameterMap everything = new SearchParameterMap();
        everything.setEverythingMode(SearchParameterMap.EverythingModeEnum.PATIENT_INSTANCE);
        everything.setSearchTotalMode(SearchTotalModeEnum.ESTIMATED);
        hook.presearchRegistered(everything, new ServletRequestDetails());
        assertThat(everything.isOffsetQuery()).isFalse();
        assertThat(everything.getSearchTotalMode()).as("HAPI's stored search estimates by itself").isEqualTo(SearchTotalModeEnum.ESTIMATED);

        SearchParameterMap paged = new SearchParameterMap();
        paged.setOffset(40);
        hook.presearchRegistered(paged, new ServletRequestDetails());
        assertThat(paged.getOffset()).isEqualTo(40);
    }

    @Test
    void offsetPagesFollowOneOrderTheClientsSortKept() {
        SearchParameterMap first = new SearchParameterMap();
        hook.presearchRegistered(first, new ServletRequestDetails());
        assertThat(first.getSort().getParamName()).as("without ORDER BY the plan gives the order").isEqualTo("_id");

        SearchParameterMap later = new SearchParameterMap().setCount(20);
        later.setOffset(40);
        hook.presearchRegistered(later, new ServletRequestDetails());
        assertThat(later.getSort().getParamName()).as("every page of the search in the same order").isEqualTo("_id");

        SearchParameterMap byDate = new SearchParameterMap();
        byDate.setSort(new SortSpec("started", SortOrderEnum.DESC));
        hook.presearchRegistered(byDate, new ServletRequestDetails());
        assertThat(byDate.getSort().getParamName()).isEqualTo("started");
        assertThat(byDate.getSort().getChain()).as("nothing chained after the client's sort").isNull();

        SearchParameterMap internal = new SearchParameterMap();
        hook.presearchRegistered(internal, new SystemRequestDetails());
        assertThat(internal.getSort()).as("stored searches of the server keep HAPI's way").isNull();
    }
}
