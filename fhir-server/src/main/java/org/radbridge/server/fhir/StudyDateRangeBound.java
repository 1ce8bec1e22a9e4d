package org.radbridge.server.fhir;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.interceptor.model.RequestPartitionId;
import ca.uhn.fhir.jpa.model.config.PartitionSettings;
import ca.uhn.fhir.jpa.model.entity.BaseResourceIndexedSearchParam;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.model.api.IQueryParameterType;
import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import ca.uhn.fhir.rest.param.DateParam;
import ca.uhn.fhir.rest.param.ParamPrefixEnum;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.ImagingStudy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Gives PostgreSQL a bounded range on one column for {@code ImagingStudy?started=ge...&started=le...}.
 * <p>
 * HAPI indexes a date as its first and last day and searches a range as {@code last day >= from AND first day <= to}:
 * two open ranges on two columns. PostgreSQL estimates each on its own (about half the rows each, so a quarter of all
 * studies for a month out of ten years) and its index on (first day, last day) can only bound the scan on one side.
 * For a page of a modality over a month at 100,000 studies it therefore walked every study of the modality and probed
 * the date index for each until the page was full (~6,700 probes, ~12 ms of the page's query). A study's start is an
 * instant (RadBridge writes StudyDate and StudyTime), so its first and last day are the same day, and
 * {@code last day >= from} then implies {@code first day >= from}. Adding that bound (as {@code sa}, two days early
 * against any difference of time zones between the bound and the index) bounds the first-day column on both sides:
 * the estimate comes close (205 rows for 829) and the scan reads the month alone (~5-6 ms for the same page).
 * <p>
 * Added only while every indexed start is within one day: checked in the database when the server starts, and
 * switched off for good (until a restart checks again) as soon as a study with a start of year or month precision is
 * stored. Other parameters and resource types, whose dates may be periods, are left alone.
 */
@Interceptor
public final class StudyDateRangeBound {
    private static final Logger log = LoggerFactory.getLogger(StudyDateRangeBound.class);
    static final String TYPE = "ImagingStudy";
    static final String PARAM = "started";
    static final int MARGIN_DAYS = 2;

    private volatile boolean startsAreDays;

    StudyDateRangeBound(boolean startsAreDays) {
        this.startsAreDays = startsAreDays;
    }

    /** Checks HAPI's date index: every ImagingStudy start indexed within one day (or none indexed yet). */
    public static StudyDateRangeBound checked(DataSource ds, PartitionSettings partitions) {
        long hash = hashIdentity(partitions);
        try (Connection c = ds.getConnection();
             // an aggregate over the (hash, first day, last day) index: ~35 ms at 100,000 studies; NOT EXISTS was planned
             // as a sequential scan of the whole date index (~250 ms) in the hope of finding a period early
             PreparedStatement ps = c.prepareStatement("SELECT coalesce(bool_and(sp_value_low_date_ordinal IS NOT DISTINCT FROM"
                     + " sp_value_high_date_ordinal), true) FROM fhir.hfj_spidx_date WHERE hash_identity = ?")) {
            ps.setLong(1, hash);
            try (ResultSet rs = ps.executeQuery()) {
                boolean days = rs.next() && rs.getBoolean(1);
                if (!days) log.info("Some ImagingStudy starts are periods (year or month precision): study date ranges are searched as HAPI plans them");
                return new StudyDateRangeBound(days);
            }
        } catch (SQLException e) {
            log.info("ImagingStudy starts not checked ({}); study date ranges are searched as HAPI plans them", e.getMessage());
            return new StudyDateRangeBound(false);
        }
    }

    static long hashIdentity(PartitionSettings partitions) {
        return BaseResourceIndexedSearchParam.calculateHashIdentity(partitions, RequestPartitionId.defaultPartition(), TYPE, PARAM);
    }

    /** Whether range searches get the bound (every indexed start within one day so far). */
    public boolean active() {
        return startsAreDays;
    }

    @Hook(Pointcut.STORAGE_PRESEARCH_REGISTERED)
    public void presearchRegistered(ca.uhn.fhir.rest.server.util.ICachedSearchDetails search, SearchParameterMap map) {
        if (startsAreDays && search != null && TYPE.equals(search.getResourceType())) bound(map);
    }

    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED)
    public void created(IBaseResource resource) {
        noteStart(resource);
    }

    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED)
    public void updated(IBaseResource previous, IBaseResource resource) {
        noteStart(resource);
    }

    private void noteStart(IBaseResource resource) {
        if (startsAreDays && resource instanceof ImagingStudy study && study.hasStarted()
                && study.getStartedElement().getPrecision().ordinal() < TemporalPrecisionEnum.DAY.ordinal()) {
            startsAreDays = false;
            log.info("An ImagingStudy with a start of {} precision was stored: study date ranges are searched as HAPI plans them from now on",
                    study.getStartedElement().getPrecision().name().toLowerCase());
        }
    }

    /** Adds {@code sa(from - 2 days)} to a search bounded by {@code ge}/{@code gt} and by {@code le}/{@code lt}. */
    static void bound(SearchParameterMap map) {
        List<List<IQueryParameterType>> and = map.get(PARAM);
        if (and == null) return;
        LocalDate from = null;
        boolean upper = false;
        for (List<IQueryParameterType> alternatives : and) {
            if (alternatives.size() != 1 || !(alternatives.get(0) instanceof DateParam date) || date.getMissing() != null
                    || date.getValue() == null || date.getPrefix() == null) continue;
            switch (date.getPrefix()) {
                case GREATERTHAN, GREATERTHAN_OR_EQUALS -> {
                    LocalDate day = LocalDate.ofInstant(date.getValue().toInstant(), ZoneOffset.UTC);
                    if (from == null || day.isAfter(from)) from = day;
                }
                case LESSTHAN, LESSTHAN_OR_EQUALS -> upper = true;
                default -> { /* eq, sa, eb, ap, ne: HAPI bounds these itself or they bound nothing */ }
            }
        }
        if (from != null && upper)
            map.add(PARAM, new DateParam(ParamPrefixEnum.STARTS_AFTER, from.minusDays(MARGIN_DAYS).toString()));
    }
}
