package org.radbridge.source;

import org.radbridge.dicom.net.StudyMatch;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** {@link PullStateStore} on radbridge.pull_job / radbridge.pull_study (migration V6__pull_state.sql). */
public final class JdbcPullStateStore implements PullStateStore {
    private final DataSource dataSource;

    public JdbcPullStateStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void register(String jobKey, String kind, String peer, String filters, List<StudyMatch> studies) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO radbridge.pull_job (job_key, kind, peer, filters) VALUES (?,?,?,?) "
                        + "ON CONFLICT (job_key) DO UPDATE SET updated_at = now(), finished_at = NULL")) {
                    ps.setString(1, jobKey);
                    ps.setString(2, kind);
                    ps.setString(3, peer);
                    ps.setString(4, filters);
                    ps.executeUpdate();
                }
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO radbridge.pull_study (job_key, study_instance_uid, expected_instances) "
                        + "VALUES (?,?,?) ON CONFLICT (job_key, study_instance_uid) DO NOTHING")) {
                    for (StudyMatch m : studies) {
                        ps.setString(1, jobKey);
                        ps.setString(2, m.studyInstanceUid());
                        if (m.numberOfInstances() == null) ps.setNull(3, java.sql.Types.INTEGER);
                        else ps.setInt(3, m.numberOfInstances());
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

    @Override
    public Set<String> done(String jobKey) throws SQLException {
        Set<String> out = new HashSet<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT study_instance_uid FROM radbridge.pull_study WHERE job_key = ? AND status = 'done'")) {
            ps.setString(1, jobKey);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(rs.getString(1));
            }
        }
        return out;
    }

    @Override
    public void markDone(String jobKey, String studyUid, int completed, int failed, int warning, long staged) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE radbridge.pull_study SET status = 'done', completed = ?, failed = ?, warning = ?, "
                     + "staged = ?, attempts = attempts + 1, last_error = NULL, updated_at = now() WHERE job_key = ? AND study_instance_uid = ?")) {
            ps.setInt(1, completed);
            ps.setInt(2, failed);
            ps.setInt(3, warning);
            ps.setLong(4, staged);
            ps.setString(5, jobKey);
            ps.setString(6, studyUid);
            ps.executeUpdate();
        }
    }

    @Override
    public void markFailed(String jobKey, String studyUid, String error) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE radbridge.pull_study SET status = 'failed', attempts = attempts + 1, last_error = ?, "
                     + "updated_at = now() WHERE job_key = ? AND study_instance_uid = ?")) {
            ps.setString(1, error);
            ps.setString(2, jobKey);
            ps.setString(3, studyUid);
            ps.executeUpdate();
        }
    }

    @Override
    public void finish(String jobKey) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE radbridge.pull_job SET finished_at = now(), updated_at = now() WHERE job_key = ?")) {
            ps.setString(1, jobKey);
            ps.executeUpdate();
        }
    }
}
