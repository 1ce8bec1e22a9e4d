package org.radbridge.research.manifest;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Acquisition facts of series that OMOP has no column for (slice thickness, pixel spacing, manufacturer, model), read
 * from the staged DICOM headers through the OMOP id map. Only for a database user that may read staging: for
 * omop_reader the answer is empty and the manifest leaves the columns blank. No identifier leaves this class: rows are
 * keyed by image_occurrence_id.
 */
public final class SeriesFacts {
    private SeriesFacts() {}

    public record Facts(BigDecimal sliceThicknessMm, BigDecimal pixelSpacingRowMm, BigDecimal pixelSpacingColumnMm, String manufacturer,
                        String model) {}

    /** @param studyTable a table with procedure_occurrence_id and image_occurrence_id columns (the cohort's series) */
    public static Optional<Map<Integer, Facts>> read(Connection c, String studyTable) throws SQLException {
        Savepoint sp = c.getAutoCommit() ? null : c.setSavepoint();
        String sql = "WITH studies AS (SELECT m.natural_key AS study_uid FROM radbridge.omop_id_map m WHERE m.kind = 'procedure_occurrence' "
                + "AND m.omop_id IN (SELECT DISTINCT procedure_occurrence_id FROM " + studyTable + ")),\n"
                + "wanted AS (SELECT DISTINCT image_occurrence_id FROM " + studyTable + ")\n"
                + "SELECT sm.omop_id, mode() WITHIN GROUP (ORDER BY i.attributes->>'SliceThickness'), mode() WITHIN GROUP (ORDER BY i.attributes->>'PixelSpacing'), "
                + "mode() WITHIN GROUP (ORDER BY i.manufacturer), mode() WITHIN GROUP (ORDER BY i.model_name)\n"
                + "FROM studies s JOIN radbridge.instance i ON i.study_instance_uid = s.study_uid\n"
                + "JOIN radbridge.omop_id_map sm ON sm.kind = 'image_occurrence' AND sm.natural_key = i.series_instance_uid\n"
                + "WHERE sm.omop_id IN (SELECT image_occurrence_id FROM wanted) GROUP BY sm.omop_id";
        Map<Integer, Facts> out = new HashMap<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                BigDecimal[] spacing = spacing(rs.getString(3));
                out.put(rs.getInt(1), new Facts(decimal(rs.getString(2)), spacing[0], spacing[1], rs.getString(4), rs.getString(5)));
            }
        } catch (SQLException e) {
            if (!"42501".equals(e.getSQLState())) throw e;
            if (sp != null) c.rollback(sp);
            return Optional.empty();
        }
        if (sp != null) c.releaseSavepoint(sp);
        return Optional.of(out);
    }

    static BigDecimal decimal(String s) {
        if (s == null || s.isBlank()) return null;
        try {
            return new BigDecimal(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** PixelSpacing (0028,0030) is "row\column" in mm. */
    static BigDecimal[] spacing(String s) {
        if (s == null) return new BigDecimal[2];
        String[] p = s.split("\\\\");
        return new BigDecimal[] {decimal(p[0]), p.length > 1 ? decimal(p[1]) : decimal(p[0])};
    }
}
