package org.radbridge.research.cohort;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** {@link ConceptResolver} on omop.concept. */
public final class JdbcConceptResolver implements ConceptResolver {
    private final Connection connection;

    public JdbcConceptResolver(Connection connection) {
        this.connection = connection;
    }

    @Override
    public List<Integer> byCode(String vocabulary, String code) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT concept_id FROM omop.concept WHERE concept_code = ? AND lower(vocabulary_id) = lower(?) ORDER BY concept_id")) {
            ps.setString(1, code);
            ps.setString(2, vocabulary);
            List<Integer> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(rs.getInt(1));
            }
            return out;
        }
    }

    @Override
    public boolean exists(int conceptId) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT 1 FROM omop.concept WHERE concept_id = ?")) {
            ps.setInt(1, conceptId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }
}
