package org.radbridge.server.fhir;

import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.SearchTotalModeEnum;
import ca.uhn.fhir.rest.api.SortOrderEnum;
import ca.uhn.fhir.rest.api.SortSpec;
import ca.uhn.fhir.rest.param.DateOrListParam;
import ca.uhn.fhir.rest.param.DateParam;
import ca.uhn.fhir.rest.param.ParamPrefixEnum;
import ca.uhn.fhir.rest.param.TokenParam;
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
    void aSearchBoundedByADateIsAnsweredNewestFirstTiesByResource() {
        SearchParameterMap m = modalityBetween("2021-09-29", "2021-10-29");
        hook.presearchRegistered(m, new ServletRequestDetails());
        assertThat(m.getSort().getParamName()).isEqualTo("started");
        assertThat(m.getSort().getOrder()).isEqualTo(SortOrderEnum.DESC);
        assertThat(m.getSort().getChain().getParamName()).isEqualTo("_pid");
        assertThat(m.getSort().getChain().getOrder()).isEqualTo(SortOrderEnum.ASC);

        SearchParameterMap nextPage = modalityBetween("2021-09-29", "2021-10-29");
        nextPage.setOffset(50);
        hook.presearchRegistered(nextPage, new ServletRequestDetails());
        assertThat(nextPage.getSort().getParamName()).as("every page in the same order").isEqualTo("started");

        SearchParameterMap oneDay = new SearchParameterMap().add("started", new DateParam("2021-10-01"));
        hook.presearchRegistered(oneDay, new ServletRequestDetails());
        assertThat(oneDay.getSort().getParamName()).as("an eq date is bounded on both sides").isEqualTo("started");
    }

    @Test
    void theClientsOrderOpenRangesAndListsOfDatesAreKept() {
        SearchParameterMap own = modalityBetween("2021-09-29", "2021-10-29");
        own.setSort(new SortSpec("_lastUpdated", SortOrderEnum.ASC));
        hook.presearchRegistered(own, new ServletRequestDetails());
        assertThat(own.getSort().getParamName()).isEqualTo("_lastUpdated");
        assertThat(own.getSort().getChain()).isNull();

        SearchParameterMap open = new SearchParameterMap()
                .add("started", new DateParam(ParamPrefixEnum.GREATERTHAN_OR_EQUALS, "2021-09-29"));
        hook.presearchRegistered(open, new ServletRequestDetails());
        assertThat(open.getSort()).as("unbounded above: could be every study").isNull();

        SearchParameterMap alternatives = new SearchParameterMap().add("started",
                new DateOrListParam().addOr(new DateParam(ParamPrefixEnum.GREATERTHAN_OR_EQUALS, "2021-09-29"))
                        .addOr(new DateParam(ParamPrefixEnum.LESSTHAN_OR_EQUALS, "2021-10-29")));
        hook.presearchRegistered(alternatives, new ServletRequestDetails());
        assertThat(alternatives.getSort()).as("ge OR le bounds nothing").isNull();

        SearchParameterMap notEqual = new SearchParameterMap()
                .add("started", new DateParam(ParamPrefixEnum.NOT_EQUAL, "2021-09-29"));
        hook.presearchRegistered(notEqual, new ServletRequestDetails());
        assertThat(notEqual.getSort()).isNull();

        SearchParameterMap internal = modalityBetween("2021-09-29", "2021-10-29");
        hook.presearchRegistered(internal, new SystemRequestDetails());
        assertThat(internal.getSort()).as("bulk export and subscriptions keep HAPI's own order").isNull();

        SearchParameterMap countOnly = modalityBetween("2021-09-29", "2021-10-29");
        countOnly.setSummaryMode(SummaryEnum.COUNT);
        hook.presearchRegistered(countOnly, new ServletRequestDetails());
        assertThat(countOnly.getSort()).isNull();
    }

    private static SearchParameterMap modalityBetween(String from, String to) {
        return new SearchParameterMap()
                .add("modality", new TokenParam("http://dicom.nema.org/resources/ontology/DCM", "CT"))
                .add("started", new DateParam(ParamPrefixEnum.GREATERTHAN_OR_EQUALS, from))
                .add("started", new DateParam(ParamPrefixEnum.LESSTHAN_OR_EQUALS, to));
    }
}
