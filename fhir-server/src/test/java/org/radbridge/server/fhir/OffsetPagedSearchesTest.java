package org.radbridge.server.fhir;

import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.SearchTotalModeEnum;
import ca.uhn.fhir.rest.api.SummaryEnum;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OffsetPagedSearchesTest {
    private final OffsetPagedSearches hook = new OffsetPagedSearches(20);

    @Test
    void aRestSearchBecomesAnOffsetQueryWithItsTotal() {
        SearchParameterMap m = new SearchParameterMap();
        hook.presearchRegistered(m, new ServletRequestDetails());
        assertThat(m.isOffsetQuery()).isTrue();
        assertThat(m.getOffset()).isZero();
        assertThat(m.getCount()).isEqualTo(20);
        assertThat(m.getSearchTotalMode()).isEqualTo(SearchTotalModeEnum.ACCURATE);

        SearchParameterMap counted = new SearchParameterMap().setCount(50);
        counted.setSearchTotalMode(SearchTotalModeEnum.NONE);
        hook.presearchRegistered(counted, new ServletRequestDetails());
        assertThat(counted.getCount()).isEqualTo(50);
        assertThat(counted.getSearchTotalMode()).as("the client's choice").isEqualTo(SearchTotalModeEnum.NONE);
    }

    @Test
    void searchesThatSayHowToRunAndInternalOnesAreLeftAlone() {
        SearchParameterMap internal = new SearchParameterMap();
        hook.presearchRegistered(internal, new SystemRequestDetails());
        assertThat(internal.isOffsetQuery()).isFalse();

        SearchParameterMap countOnly = new SearchParameterMap();
        countOnly.setSummaryMode(SummaryEnum.COUNT);
        hook.presearchRegistered(countOnly, new ServletRequestDetails());
        assertThat(countOnly.isOffsetQuery()).isFalse();

        SearchParameterMap everything = new SearchParameterMap();
        everything.setEverythingMode(SearchParameterMap.EverythingModeEnum.PATIENT_INSTANCE);
        hook.presearchRegistered(everything, new ServletRequestDetails());
        assertThat(everything.isOffsetQuery()).isFalse();

        SearchParameterMap paged = new SearchParameterMap();
        paged.setOffset(40);
        hook.presearchRegistered(paged, new ServletRequestDetails());
        assertThat(paged.getOffset()).isEqualTo(40);
    }
}
