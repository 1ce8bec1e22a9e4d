package org.radbridge.report;

import org.radbridge.staging.Quarantine;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** Stages reports in radbridge.report; the same text for the same accession is stored once. */
public final class ReportRepository {
    private final DataSource dataSource;

    public ReportRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Returns true when the report was new. */
    public boolean stage(ReportFile r, String source, String sourcePath) throws SQLException {
        String sha = Quarantine.sha256(r.text().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        String reportId = r.accessionNumber() + ":" + sha.substring(0, 16);
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "INSERT INTO radbridge.report (report_id, accession_number, patient_id, issuer_of_patient_id, study_instance_uid, "
                             + "status, report_date, text, text_sha256, source, source_path) VALUES (?,?,?,?,?,?,?,?,?,?,?) "
                             + "ON CONFLICT (report_id) DO NOTHING")) {
            ps.setString(1, reportId);
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
            return ps.executeUpdate() > 0;
        }
    }
}
