package org.radbridge.console;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

import javax.sql.DataSource;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Studies that are not (fully) in the views, with the reason staging recorded (issue 10): a projection that failed for a
 * data problem (in neither view until new instances arrive or the mappings change) and studies FHIR has but OMOP's rules
 * exclude. The same split as {@code ingest}'s list: a failed study is listed only as failed. Both lists are paged in the
 * database along the partial indexes of V10 ({@code study_failed_idx}, {@code study_omop_excluded_idx}).
 */
public final class NotProjectedQueries {
    public static final int PAGE_SIZE = 50;
    static final String FAILED = "projection_failed_reason IS NOT NULL";
    static final String EXCLUDED = "omop_excluded_reason IS NOT NULL AND projection_failed_reason IS NULL";

    /** {@code at}: when the projection failed (empty for an exclusion); {@code retryDue}: the study is queued again. */
    public record Row(String uid, String accession, String studyDate, String description, String reason, String at, boolean retryDue) {}

    public record Counts(long failed, long excluded) {}

    public record Page(List<Row> rows, long total, int page) {
        public int pages() {
            return (int) Math.max(1, (total + PAGE_SIZE - 1) / PAGE_SIZE);
        }
    }

    private static final String COLUMNS = "study_instance_uid, accession_number, study_date::text, study_description, ";
    private static final RowMapper<Row> FAILED_ROW = (rs, i) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
            rs.getString(5), Times.utc(rs.getObject(6, OffsetDateTime.class)), rs.getBoolean(7));
    private static final RowMapper<Row> EXCLUDED_ROW = (rs, i) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
            rs.getString(5), "", false);

    private final JdbcTemplate jdbc;

    public NotProjectedQueries(DataSource radbridge) {
        this.jdbc = new JdbcTemplate(radbridge);
    }

    public Counts counts() {
        return new Counts(count(FAILED), count(EXCLUDED));
    }

    /** Newest failure first. */
    public Page failed(int page) {
        int p = Math.max(0, page);
        List<Row> rows = jdbc.query("SELECT " + COLUMNS + "projection_failed_reason, projection_failed_at, dirty FROM radbridge.study WHERE "
                + FAILED + " ORDER BY projection_failed_at DESC, study_instance_uid LIMIT ? OFFSET ?", FAILED_ROW, PAGE_SIZE, (long) p * PAGE_SIZE);
        return new Page(rows, count(FAILED), p);
    }

    /** By Study Instance UID (staging records no time for an exclusion; it is set at each projection). */
    public Page excluded(int page) {
        int p = Math.max(0, page);
        List<Row> rows = jdbc.query("SELECT " + COLUMNS + "omop_excluded_reason FROM radbridge.study WHERE "
                + EXCLUDED + " ORDER BY study_instance_uid LIMIT ? OFFSET ?", EXCLUDED_ROW, PAGE_SIZE, (long) p * PAGE_SIZE);
        return new Page(rows, count(EXCLUDED), p);
    }

    private long count(String where) {
        Long n = jdbc.queryForObject("SELECT count(*) FROM radbridge.study WHERE " + where, Long.class);
        return n == null ? 0 : n;
    }
}
