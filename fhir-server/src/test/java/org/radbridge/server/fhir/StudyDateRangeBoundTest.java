package org.radbridge.server.fhir;

import ca.uhn.fhir.jpa.entity.Search;
import ca.uhn.fhir.jpa.model.config.PartitionSettings;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.model.api.IQueryParameterType;
import ca.uhn.fhir.rest.param.DateOrListParam;
import ca.uhn.fhir.rest.param.DateParam;
import ca.uhn.fhir.rest.param.ParamPrefixEnum;
import ca.uhn.fhir.rest.param.TokenParam;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.ImagingStudy;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StudyDateRangeBoundTest {

    @Test
    void theHashIsHapisForImagingStudyStarted() {
        // as read from fhir.hfj_spidx_date (res_type ImagingStudy, sp_name started) of a database HAPI filled
        assertThat(StudyDateRangeBound.hashIdentity(new PartitionSettings())).isEqualTo(4920921274994621922L);
    }

    @Test
    void aRangeBoundedOnBothSidesGetsTheImpliedFirstDayBound() {
        SearchParameterMap m = between(ParamPrefixEnum.GREATERTHAN_OR_EQUALS, "2021-09-29", ParamPrefixEnum.LESSTHAN_OR_EQUALS, "2021-10-29");
        search(new StudyDateRangeBound(true), "ImagingStudy", m);
        List<List<IQueryParameterType>> started = m.get("started");
        assertThat(started).hasSize(3);
        DateParam added = (DateParam) started.get(2).get(0);
        assertThat(added.getPrefix()).isEqualTo(ParamPrefixEnum.STARTS_AFTER);
        assertThat(added.getValueAsString()).isEqualTo("2021-09-27");
        assertThat(m.get("modality")).hasSize(1);

        SearchParameterMap strict = between(ParamPrefixEnum.GREATERTHAN, "2021-09-29T10:00:00Z", ParamPrefixEnum.LESSTHAN, "2021-10-29");
        strict.add("started", new DateParam(ParamPrefixEnum.GREATERTHAN_OR_EQUALS, "2021-10-02"));
        search(new StudyDateRangeBound(true), "ImagingStudy", strict);
        assertThat(((DateParam) strict.get("started").get(3).get(0)).getValueAsString()).as("the latest lower bound").isEqualTo("2021-09-30");
    }

    @Test
    void openRangesListsOtherTypesAndPeriodsAreLeftAlone() {
        SearchParameterMap open = new SearchParameterMap().add("started", new DateParam(ParamPrefixEnum.GREATERTHAN_OR_EQUALS, "2021-09-29"));
        search(new StudyDateRangeBound(true), "ImagingStudy", open);
        assertThat(open.get("started")).hasSize(1);

        SearchParameterMap upperOnly = new SearchParameterMap().add("started", new DateParam(ParamPrefixEnum.LESSTHAN_OR_EQUALS, "2021-09-29"));
        search(new StudyDateRangeBound(true), "ImagingStudy", upperOnly);
        assertThat(upperOnly.get("started")).hasSize(1);

        SearchParameterMap alternatives = new SearchParameterMap().add("started",
                new DateOrListParam().addOr(new DateParam(ParamPrefixEnum.GREATERTHAN_OR_EQUALS, "2021-09-29"))
                        .addOr(new DateParam(ParamPrefixEnum.LESSTHAN_OR_EQUALS, "2021-10-29")));
        search(new StudyDateRangeBound(true), "ImagingStudy", alternatives);
        assertThat(alternatives.get("started")).hasSize(1);

        SearchParameterMap report = between(ParamPrefixEnum.GREATERTHAN_OR_EQUALS, "2021-09-29", ParamPrefixEnum.LESSTHAN_OR_EQUALS, "2021-10-29");
        search(new StudyDateRangeBound(true), "DiagnosticReport", report);
        assertThat(report.get("started")).as("another resource type").hasSize(2);

        SearchParameterMap periods = between(ParamPrefixEnum.GREATERTHAN_OR_EQUALS, "2021-09-29", ParamPrefixEnum.LESSTHAN_OR_EQUALS, "2021-10-29");
        search(new StudyDateRangeBound(false), "ImagingStudy", periods);
        assertThat(periods.get("started")).as("some starts are periods").hasSize(2);
    }

    @Test
    void aStudyStartedInAMonthOrYearSwitchesTheBoundOff() {
        StudyDateRangeBound bound = new StudyDateRangeBound(true);
        bound.created(new ImagingStudy().setStartedElement(new DateTimeType("2021-10-14T07:34:42+00:00")));
        bound.updated(null, new ImagingStudy().setStartedElement(new DateTimeType("2021-10-14")));
        bound.created(new ImagingStudy());
        bound.created(new DiagnosticReport().setEffective(new DateTimeType("2021")));
        assertThat(bound.active()).as("instants and days keep it").isTrue();

        bound.updated(null, new ImagingStudy().setStartedElement(new DateTimeType("2021-10")));
        assertThat(bound.active()).isFalse();
        SearchParameterMap m = between(ParamPrefixEnum.GREATERTHAN_OR_EQUALS, "2021-09-29", ParamPrefixEnum.LESSTHAN_OR_EQUALS, "2021-10-29");
        search(bound, "ImagingStudy", m);
        assertThat(m.get("started")).hasSize(2);
    }

    private static void search(StudyDateRangeBound bound, String type, SearchParameterMap map) {
        Search search = new Search();
        search.setResourceType(type);
        bound.presearchRegistered(search, map);
    }

    private static SearchParameterMap between(ParamPrefixEnum lowerPrefix, String lower, ParamPrefixEnum upperPrefix, String upper) {
        return new SearchParameterMap()
                .add("modality", new TokenParam("http://dicom.nema.org/resources/ontology/DCM", "CT"))
                .add("started", new DateParam(lowerPrefix, lower))
                .add("started", new DateParam(upperPrefix, upper));
    }
}
