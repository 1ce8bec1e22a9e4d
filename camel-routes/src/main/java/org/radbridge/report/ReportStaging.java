package org.radbridge.report;

import org.radbridge.nlp.FindingMention;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The report side of staging that projection needs: linking reports to studies by accession number (and patient),
 * the versions of a study's report, what the last projection of an accession wrote, and the NLP mentions.
 */
public final class ReportStaging {
    private final DataSource dataSource;

    public ReportStaging(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** What one linking pass did. */
    public record LinkOutcome(int linked, int mismatched) {}

    /**
     * Links every report that is not linked yet to the study with its accession number (preferring the study whose
     * UID the report names). A report whose patient differs from the study's is not linked: it becomes 'mismatch'
     * with the reason in link_problem, and is tried again on every pass (the study or the report may be corrected).
     */
    public LinkOutcome link() throws SQLException {
        String sql = """
                WITH cand AS (
                  SELECT DISTINCT ON (r.report_id) r.report_id, s.study_instance_uid,
                         (coalesce(r.patient_id, '') <> '' AND (r.patient_id <> s.patient_id
                           OR (r.issuer_of_patient_id <> '' AND s.issuer_of_patient_id <> ''
                               AND r.issuer_of_patient_id <> s.issuer_of_patient_id))) AS mismatch,
                         format('patient %s%s of the report differs from patient %s%s of study %s with accession %s',
                                r.patient_id, nullif('/' || r.issuer_of_patient_id, '/'), s.patient_id,
                                nullif('/' || s.issuer_of_patient_id, '/'), s.study_instance_uid, r.accession_number) AS problem
                  FROM radbridge.report r
                  JOIN radbridge.study s ON s.accession_number = r.accession_number
                  WHERE r.link_status <> 'linked'
                  ORDER BY r.report_id, (s.study_instance_uid = r.study_instance_uid) DESC NULLS LAST, s.study_instance_uid)
                UPDATE radbridge.report r SET
                  link_status = CASE WHEN c.mismatch THEN 'mismatch' ELSE 'linked' END,
                  study_link_uid = CASE WHEN c.mismatch THEN NULL ELSE c.study_instance_uid END,
                  link_problem = CASE WHEN c.mismatch THEN c.problem END,
                  linked_at = now(), dirty = true
                FROM cand c
                WHERE r.report_id = c.report_id
                  AND (r.link_status, coalesce(r.link_problem, '')) IS DISTINCT FROM
                      (CASE WHEN c.mismatch THEN 'mismatch' ELSE 'linked' END, CASE WHEN c.mismatch THEN c.problem ELSE '' END)
                RETURNING r.link_status""";
        int linked = 0;
        int mismatched = 0;
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                if ("linked".equals(rs.getString(1))) linked++;
                else mismatched++;
            }
        }
        return new LinkOutcome(linked, mismatched);
    }

    /** Studies (already staged) with a linked report that is not projected yet. */
    public List<String> studiesWithDirtyReports(boolean onlyCleanStudies) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT DISTINCT r.study_link_uid FROM radbridge.report r JOIN radbridge.study s ON s.study_instance_uid = r.study_link_uid "
                             + "WHERE r.dirty AND r.link_status = 'linked'" + (onlyCleanStudies ? " AND NOT s.dirty" : "")
                             + " ORDER BY 1");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) out.add(rs.getString(1));
        }
        return out;
    }

    /** Every version of the reports linked to a study. */
    public List<StagedReport> reportsOfStudy(String studyUid) throws SQLException {
        List<StagedReport> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT report_id, accession_number, patient_id, issuer_of_patient_id, study_instance_uid, status, report_date, text, "
                             + "source, received_at FROM radbridge.report WHERE study_link_uid = ? AND link_status = 'linked'")) {
            ps.setString(1, studyUid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Date d = rs.getDate(7);
                    out.add(new StagedReport(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getString(6), d == null ? null : d.toLocalDate(), rs.getString(8), rs.getString(9),
                            rs.getObject(10, OffsetDateTime.class)));
                }
            }
        }
        return out;
    }

    /** A dirty report of a study as a projection read it before loading the study: changed since, it stays dirty. */
    public record Seen(String reportId, OffsetDateTime receivedAt, OffsetDateTime linkedAt, OffsetDateTime updatedAt) {
    }

    /** The dirty reports linked to a study, as committed now: read by a projection before it loads the study. */
    public List<Seen> dirtyReportsOfStudy(String studyUid) throws SQLException {
        List<Seen> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT report_id, received_at, linked_at, updated_at FROM radbridge.report "
                     + "WHERE study_link_uid = ? AND dirty")) {
            ps.setString(1, studyUid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Seen(rs.getString(1), rs.getObject(2, OffsetDateTime.class), rs.getObject(3, OffsetDateTime.class),
                            rs.getObject(4, OffsetDateTime.class)));
                }
            }
        }
        return out;
    }

    /**
     * Clears the dirty mark of the reports a projection read ({@link #dirtyReportsOfStudy}, before its load) that have
     * not changed since: no new version, link or status change (a resend of the same text). Compared for a change, not
     * against the projection's start, for the reason {@code StagingRepository.markProjected} gives (a transaction's
     * {@code now()} is its start, so a change that committed after the load could carry an earlier time). A report
     * that became dirty after the read stays dirty for the next run.
     */
    public void markProjected(String studyUid, List<Seen> seen) throws SQLException {
        if (seen.isEmpty()) return;
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "UPDATE radbridge.report SET dirty = false, projected_at = now() WHERE report_id = ? AND study_link_uid = ? "
                             + "AND dirty AND received_at IS NOT DISTINCT FROM ? AND linked_at IS NOT DISTINCT FROM ? "
                             + "AND updated_at IS NOT DISTINCT FROM ?")) {
            for (Seen r : seen) {
                ps.setString(1, r.reportId());
                ps.setString(2, studyUid);
                ps.setObject(3, r.receivedAt());
                ps.setObject(4, r.linkedAt());
                ps.setObject(5, r.updatedAt());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /**
     * Reports that are not linked: how many wait for their study, how many were refused because the patient differs,
     * and up to {@code maxLines} lines naming them (mismatches first: they need a person to look at them).
     */
    public record Waiting(long pending, long mismatched, List<String> lines) {
        public static final Waiting NONE = new Waiting(0, 0, List.of());
    }

    public Waiting waiting(int maxLines) throws SQLException {
        long pending;
        long mismatched;
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT count(*) FILTER (WHERE link_status = 'pending'), "
                     + "count(*) FILTER (WHERE link_status = 'mismatch') FROM radbridge.report WHERE link_status <> 'linked'");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            pending = rs.getLong(1);
            mismatched = rs.getLong(2);
        }
        List<String> lines = new ArrayList<>();
        if (mismatched > 0) {
            lines.addAll(lines("SELECT 'report ' || report_id || ': not linked: ' || link_problem FROM radbridge.report "
                    + "WHERE link_status = 'mismatch' ORDER BY received_at, report_id LIMIT " + maxLines));
        }
        if (pending > 0 && lines.size() < maxLines) {
            lines.addAll(lines("SELECT 'report ' || report_id || ' (accession ' || coalesce(accession_number, '?') || ', received ' "
                    + "|| to_char(received_at, 'YYYY-MM-DD HH24:MI') || '): its study has not arrived' FROM radbridge.report "
                    + "WHERE link_status = 'pending' ORDER BY received_at, report_id LIMIT " + (maxLines - lines.size())));
        }
        return new Waiting(pending, mismatched, List.copyOf(lines));
    }

    private List<String> lines(String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) out.add(rs.getString(1));
        }
        return out;
    }

    /** The FHIR Observation identifiers the last successful projection of an accession wrote (empty if none). */
    public List<String> projectedObservationKeys(String accession) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT fhir_observation_keys FROM radbridge.report_projection WHERE accession_number = ?")) {
            ps.setString(1, accession);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return List.of();
                return Arrays.asList((String[]) rs.getArray(1).getArray());
            }
        }
    }

    /** Records what the FHIR transaction of an accession's current report wrote, and the mentions it was built from. */
    public void recordFhirProjection(String accession, String studyUid, StagedReport report, List<String> observationKeys,
                                     List<FindingMention> mentions, String nlpSystem) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO radbridge.report_projection (accession_number, study_instance_uid, report_id, fhir_observation_keys, "
                                + "fhir_projected_at) VALUES (?, ?, ?, ?, now()) ON CONFLICT (accession_number) DO UPDATE SET "
                                + "study_instance_uid = EXCLUDED.study_instance_uid, report_id = EXCLUDED.report_id, "
                                + "fhir_observation_keys = EXCLUDED.fhir_observation_keys, fhir_projected_at = now()")) {
                    ps.setString(1, accession);
                    ps.setString(2, studyUid);
                    ps.setString(3, report.reportId());
                    ps.setArray(4, c.createArrayOf("text", observationKeys.toArray()));
                    ps.executeUpdate();
                }
                // staging keeps the mentions of current versions only: superseded versions are re-analysed if they return
                try (PreparedStatement ps = c.prepareStatement(
                        "DELETE FROM radbridge.report_mention m USING radbridge.report r WHERE m.report_id = r.report_id "
                                + "AND r.accession_number = ?")) {
                    ps.setString(1, accession);
                    ps.executeUpdate();
                }
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO radbridge.report_mention (report_id, ordinal, start_offset, end_offset, text, concept_system, concept_code, "
                                + "radlex_id, assertion, temporality, subject, section, laterality, dimensions_mm, body_site_snomed, nlp_system) "
                                + "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
                    int ordinal = 0;
                    for (FindingMention m : mentions) {
                        int i = 1;
                        ps.setString(i++, report.reportId());
                        ps.setInt(i++, ordinal++);
                        ps.setInt(i++, m.start());
                        ps.setInt(i++, m.end());
                        ps.setString(i++, m.text());
                        ps.setString(i++, m.conceptSystem());
                        ps.setString(i++, m.conceptCode());
                        ps.setString(i++, m.radlexId());
                        ps.setString(i++, m.assertion().code());
                        ps.setString(i++, m.temporality().code());
                        ps.setString(i++, m.subject().code());
                        ps.setString(i++, m.section());
                        ps.setString(i++, m.laterality());
                        Array dims = c.createArrayOf("numeric", m.dimensionsMm().toArray(new BigDecimal[0]));
                        ps.setArray(i++, dims);
                        ps.setString(i++, m.bodySiteSnomed());
                        ps.setString(i, nlpSystem);
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }
}
