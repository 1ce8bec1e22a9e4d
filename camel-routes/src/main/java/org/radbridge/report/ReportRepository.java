package org.radbridge.report;

import org.radbridge.staging.Quarantine;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Stages reports in radbridge.report. A report is identified by its accession number and the first 16 hex digits of
 * the SHA-256 of its text, so the same text for the same accession is stored once. When the same text comes again
 * with another status (preliminary, then final), the row takes the newer status unless the stored version is known
 * to be more recent ({@code reported_at}), and {@code updated_at} records the change.
 */
public final class ReportRepository {
    private static final String UPSERT =
            "INSERT INTO radbridge.report (report_id, accession_number, patient_id, issuer_of_patient_id, study_instance_uid, "
                    + "status, report_date, text, text_sha256, source, source_path, reported_at, observed_at, source_message_id, patient_class) "
                    + "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) "
                    + "ON CONFLICT (report_id) DO UPDATE SET status = EXCLUDED.status, "
                    + "reported_at = COALESCE(EXCLUDED.reported_at, report.reported_at), "
                    + "source_message_id = COALESCE(EXCLUDED.source_message_id, report.source_message_id), "
                    + "patient_class = COALESCE(EXCLUDED.patient_class, report.patient_class), updated_at = now(), dirty = true "
                    + "WHERE report.status IS DISTINCT FROM EXCLUDED.status "
                    + "AND (EXCLUDED.reported_at IS NULL OR report.reported_at IS NULL OR EXCLUDED.reported_at >= report.reported_at) "
                    + "RETURNING (xmax = 0)";

    private final DataSource dataSource;

    public ReportRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The staging key of a report: accession number, ':', 16 hex digits of the SHA-256 of the text. */
    public static String reportId(ReportFile r) {
        return r.accessionNumber() + ":" + Quarantine.sha256(r.text().getBytes(StandardCharsets.UTF_8)).substring(0, 16);
    }

    /** Returns true when the report was new. */
    public boolean stage(ReportFile r, String source, String sourcePath) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return stage(c, r, source, sourcePath);
        }
    }

    /**
     * Stages several reports (the OBR groups of one HL7 message) in one transaction: all are committed when this
     * returns, none when it throws. Returns how many were new.
     */
    public int stageAll(List<ReportFile> reports, String source, String sourcePath) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                int fresh = 0;
                for (ReportFile r : reports) if (stage(c, r, source, sourcePath)) fresh++;
                c.commit();
                return fresh;
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw e;
            } finally {
                try {
                    c.setAutoCommit(auto);
                } catch (SQLException ignored) {
                    // the connection is broken; the pool discards it
                }
            }
        }
    }

    private static boolean stage(Connection c, ReportFile r, String source, String sourcePath) throws SQLException {
        String sha = Quarantine.sha256(r.text().getBytes(StandardCharsets.UTF_8));
        try (PreparedStatement ps = c.prepareStatement(UPSERT)) {
            ps.setString(1, r.accessionNumber() + ":" + sha.substring(0, 16));
            ps.setString(2, r.accessionNumber());
            ps.setString(3, r.patientId());
            ps.setString(4, r.issuerOfPatientId() == null ? "" : r.issuerOfPatientId());
            ps.setString(5, r.studyInstanceUid());
            ps.setString(6, r.status());
            ps.setDate(7, r.reportDate() == null ? null : Date.valueOf(r.reportDate()));
            ps.setString(8, r.text().replace("\u0000", ""));
            ps.setString(9, sha);
            ps.setString(10, source);
            ps.setString(11, sourcePath);
            ps.setTimestamp(12, timestamp(r.reportedAt()));
            ps.setTimestamp(13, timestamp(r.observedAt()));
            ps.setString(14, r.sourceMessageId());
            ps.setString(15, r.patientClass());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    private static Timestamp timestamp(OffsetDateTime t) {
        return t == null ? null : Timestamp.from(t.toInstant());
    }
}
