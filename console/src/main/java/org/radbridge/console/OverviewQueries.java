package org.radbridge.console;

import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The figures of the overview page: one row per kind of thing, counted in staging, FHIR and OMOP. */
public final class OverviewQueries {
    /** A row of the side-by-side table; a null count means the view has no such thing. */
    public record Row(String what, Long staging, Long fhir, Long omop, String note) {}

    /** {@code lastActivity} as shown (UTC), empty when the receiver never brought anything. */
    public record Receiver(String name, String source, String kind, String lastActivity, long last24h) {}

    public record Day(LocalDate day, long studies) {}

    public record RunningPull(String kind, String peer, long done, long failed, long total, Instant started, String eta) {}

    public record Counts(List<Row> rows, long quarantineOpen, long studiesWaiting, long reportsWaiting) {}

    /** Receivers and the source names their rows carry in staging (see the source classes of camel-routes). */
    static final List<String[]> RECEIVERS = List.of(
            new String[] {"DICOM C-STORE receiver", org.radbridge.source.SpoolStager.SOURCE, "studies"},
            new String[] {"Inbox folder (DICOM)", "inbox", "studies"},
            new String[] {"Inbox folder (reports)", "inbox", "reports"},
            new String[] {"HL7v2 MLLP receiver", org.radbridge.report.hl7.OruReceiver.SOURCE, "reports"},
            new String[] {"DICOM SR reports", org.radbridge.report.SrReports.SOURCE, "reports"},
            new String[] {"Pull C-MOVE / C-GET", org.radbridge.source.DimsePull.SOURCE, "studies"},
            new String[] {"Pull DICOMweb", org.radbridge.source.DicomWebPull.SOURCE, "studies"},
            new String[] {"ingest command (DICOM)", "folder", "studies"},
            new String[] {"ingest command (reports)", "folder", "reports"});

    private final JdbcTemplate jdbc;

    public OverviewQueries(DataSource radbridge) {
        this.jdbc = new JdbcTemplate(radbridge);
    }

    /** Whole-table counts: costly on a large archive, so the page shows them from a {@link Snapshot}. */
    public Counts counts() {
        Map<String, Long> fhir = new HashMap<>();
        jdbc.query("SELECT res_type, count(*) FROM fhir.hfj_resource WHERE res_deleted_at IS NULL "
                + "AND res_type IN ('Patient','ImagingStudy','DiagnosticReport','Observation') GROUP BY res_type",
                rs -> { fhir.put(rs.getString(1), rs.getLong(2)); });
        Map<String, Long> reports = new HashMap<>();
        jdbc.query("SELECT link_status, count(*) FROM radbridge.report GROUP BY link_status", rs -> { reports.put(rs.getString(1), rs.getLong(2)); });
        // linked accessions: a report is stored once per version, the views hold the current one per accession
        long linkedAccessions = one("SELECT count(DISTINCT accession_number) FROM radbridge.report WHERE link_status = 'linked'");
        List<Row> rows = new ArrayList<>();
        rows.add(new Row("Patients / persons", one("SELECT count(*) FROM (SELECT DISTINCT issuer_of_patient_id, patient_id FROM radbridge.study) p"),
                fhir.getOrDefault("Patient", 0L), one("SELECT count(*) FROM omop.person"), "OMOP: pseudonymised"));
        rows.add(new Row("Studies", one("SELECT count(*) FROM radbridge.study"), fhir.getOrDefault("ImagingStudy", 0L),
                one("SELECT count(*) FROM omop.procedure_occurrence"), "FHIR ImagingStudy, OMOP PROCEDURE_OCCURRENCE"));
        // series and instances as counted while staging (V18): a scan of radbridge.instance reads every ~2 KB header
        rows.add(new Row("Series", one("SELECT coalesce(sum(records), 0) FROM radbridge.series_source_count WHERE field = 'series'"), null,
                one("SELECT count(*) FROM omop.image_occurrence"), "OMOP IMAGE_OCCURRENCE; FHIR holds series inside ImagingStudy"));
        rows.add(new Row("Instances", one("SELECT coalesce(sum(records), 0) FROM radbridge.series_source_count WHERE field = 'instances'"), null, null, "FHIR lists them inside ImagingStudy"));
        rows.add(new Row("Reports linked (accessions)", linkedAccessions, fhir.getOrDefault("DiagnosticReport", 0L),
                one("SELECT count(*) FROM omop.note"), "report versions linked: " + reports.getOrDefault("linked", 0L)));
        rows.add(new Row("Reports pending (study not arrived)", reports.getOrDefault("pending", 0L), null, null, ""));
        rows.add(new Row("Reports mismatched (other patient)", reports.getOrDefault("mismatch", 0L), null, null, ""));
        rows.add(new Row("NLP finding mentions", one("SELECT count(*) FROM radbridge.report_mention"), fhir.getOrDefault("Observation", 0L),
                one("SELECT count(*) FROM omop.note_nlp"), "FHIR: one Observation per distinct finding of a patient; OMOP NOTE_NLP"));
        return new Counts(rows,
                one("SELECT count(*) FROM radbridge.quarantine WHERE resolution IS NULL"),
                one("SELECT count(*) FROM radbridge.study WHERE dirty"),
                one("SELECT count(*) FROM radbridge.report WHERE dirty"));
    }

    /** Last activity of each receiver: the newest study (or report) it brought, an index lookup each. */
    public List<Receiver> receivers() {
        List<Receiver> out = new ArrayList<>();
        for (String[] r : RECEIVERS) {
            boolean studies = r[2].equals("studies");
            String table = studies ? "radbridge.study" : "radbridge.report";
            String column = studies ? "first_received_at" : "received_at";
            OffsetDateTime last = jdbc.queryForObject("SELECT max(" + column + ") FROM " + table + " WHERE source = ?", OffsetDateTime.class, r[1]);
            long recent = one("SELECT count(*) FROM " + table + " WHERE source = ? AND " + column + " >= now() - interval '24 hours'", r[1]);
            out.add(new Receiver(r[0], r[1], r[2], Times.utc(last), recent));
        }
        return out;
    }

    /** Studies received per day over the last 30 days (today included), days without studies as 0. */
    public List<Day> studiesPerDay() {
        Map<LocalDate, Long> byDay = new LinkedHashMap<>();
        LocalDate today = jdbc.queryForObject("SELECT current_date", LocalDate.class);
        for (int i = 29; i >= 0; i--) byDay.put(today.minusDays(i), 0L);
        jdbc.query("SELECT (first_received_at AT TIME ZONE current_setting('TimeZone'))::date, count(*) FROM radbridge.study "
                + "WHERE first_received_at >= current_date - 29 GROUP BY 1", rs -> {
            byDay.computeIfPresent(rs.getObject(1, LocalDate.class), (k, v) -> v + safeLong(rs, 2));
        });
        return byDay.entrySet().stream().map(e -> new Day(e.getKey(), e.getValue())).toList();
    }

    /** What is arriving now: studies and reports received in the last five minutes (index range scans). */
    public record Arriving(long studies, long reports) {
        public boolean any() {
            return studies + reports > 0;
        }
    }

    public Arriving arriving() {
        return new Arriving(one("SELECT count(*) FROM radbridge.study WHERE first_received_at >= now() - interval '5 minutes'"),
                one("SELECT count(*) FROM radbridge.report WHERE received_at >= now() - interval '5 minutes'"));
    }

    /** Pulls not finished yet, with their progress and an ETA from the rate so far. */
    public List<RunningPull> runningPulls() {
        return jdbc.query("SELECT j.kind, j.peer, j.created_at, count(*) FILTER (WHERE s.status = 'done'), "
                + "count(*) FILTER (WHERE s.status = 'failed'), count(s.study_instance_uid) "
                + "FROM radbridge.pull_job j LEFT JOIN radbridge.pull_study s USING (job_key) WHERE j.finished_at IS NULL "
                + "GROUP BY j.job_key, j.kind, j.peer, j.created_at ORDER BY j.created_at DESC LIMIT 20", (rs, i) -> {
            Instant started = rs.getObject(3, OffsetDateTime.class).toInstant();
            long done = rs.getLong(4);
            long failed = rs.getLong(5);
            long total = rs.getLong(6);
            return new RunningPull(rs.getString(1), rs.getString(2), done, failed, total, started, eta(started, done + failed, total));
        });
    }

    static String eta(Instant started, long done, long total) {
        if (done <= 0 || total <= done) return "-";
        double secs = Math.max(1, java.time.Duration.between(started, Instant.now()).toSeconds());
        long left = Math.round((total - done) * secs / done);
        return left >= 3600 ? String.format("%d h %02d min", left / 3600, (left % 3600) / 60)
                : left >= 60 ? String.format("%d min", left / 60) : left + " s";
    }

    private long one(String sql, Object... args) {
        Long v = jdbc.queryForObject(sql, Long.class, args);
        return v == null ? 0 : v;
    }

    private static long safeLong(java.sql.ResultSet rs, int i) {
        try {
            return rs.getLong(i);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
