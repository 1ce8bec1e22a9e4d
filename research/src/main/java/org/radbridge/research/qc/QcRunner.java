package org.radbridge.research.qc;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluates the QC rules over staging (the DICOM headers and reports as received) and stores the outcome in
 * radbridge.qc_result, keyed by OMOP ids so cohorts can exclude failing studies. Replaces the previous results in the
 * caller's transaction. Messages hold numbers and rule text only, never identifiers.
 */
public final class QcRunner {
    /** cos(25°): a series is axial when its slice normal is this close to the head-foot axis. */
    static final double AXIAL_COSINE = Math.cos(Math.toRadians(25));

    public record Outcome(String ruleId, String status, Integer personId, Integer procedureId, Integer imageId, BigDecimal value,
                          BigDecimal threshold, String message, String stagingRef) {}

    /** Per series, from its instances. */
    record Series(String studyUid, String seriesUid, String modality, String bodyPart, BigDecimal sliceThickness, boolean axial, int instances,
                  Integer minNumber, Integer maxNumber, int distinctNumbers, BigDecimal ctdiVol) {}

    private QcRunner() {}

    public static List<Outcome> run(Connection c, List<QcRule> rules) throws SQLException {
        List<Series> series = series(c);
        Map<String, RdsrDose.Dose> rdsr = rules.stream().anyMatch(r -> r.check() == QcRule.Check.DOSE_DLP || r.check() == QcRule.Check.DOSE_CTDIVOL)
                ? doseReports(c) : Map.of();
        Map<String, List<Series>> byStudy = new LinkedHashMap<>();
        for (Series s : series) byStudy.computeIfAbsent(s.studyUid(), k -> new ArrayList<>()).add(s);
        List<Outcome> raw = new ArrayList<>();
        for (QcRule rule : rules) {
            switch (rule.check()) {
                case REQUIRED_SERIES -> requiredSeries(rule, byStudy, raw);
                case DOSE_CTDIVOL -> dose(rule, byStudy, rdsr, raw);
                case DOSE_DLP -> dlp(rule, byStudy, rdsr, raw);
                case INSTANCE_GAPS -> gaps(rule, series, raw);
                case STUDY_WITHOUT_REPORT -> studiesWithoutReport(c, rule, raw);
                case REPORT_WITHOUT_STUDY -> reportsWithoutStudy(c, rule, raw);
            }
        }
        return withOmopIds(c, raw);
    }

    private static boolean applies(QcRule rule, List<Series> study) {
        return study.stream().anyMatch(s -> (rule.modality() == null || rule.modality().equals(s.modality()))
                && (rule.bodyPart() == null || rule.bodyPart().equals(s.bodyPart())));
    }

    private static void requiredSeries(QcRule rule, Map<String, List<Series>> byStudy, List<Outcome> out) {
        for (List<Series> study : byStudy.values()) {
            if (!applies(rule, study)) continue;
            BigDecimal thinnest = study.stream().filter(s -> rule.modality().equals(s.modality()) && s.axial() && s.sliceThickness() != null)
                    .map(Series::sliceThickness).min(BigDecimal::compareTo).orElse(null);
            boolean ok = thinnest != null && thinnest.compareTo(rule.threshold()) <= 0;
            out.add(new Outcome(rule.id(), ok ? "pass" : rule.severity(), null, null, null, thinnest, rule.threshold(),
                    ok ? "axial " + rule.modality() + " series of " + plain(thinnest) + " mm"
                            : thinnest == null ? "no axial " + rule.modality() + " series with a slice thickness"
                            : "thinnest axial " + rule.modality() + " series is " + plain(thinnest) + " mm, more than " + plain(rule.threshold()) + " mm",
                    "study:" + study.get(0).studyUid()));
        }
    }

    /** The study's highest CTDIvol from its image headers, else from its dose report. */
    private static void dose(QcRule rule, Map<String, List<Series>> byStudy, Map<String, RdsrDose.Dose> rdsr, List<Outcome> out) {
        for (List<Series> study : byStudy.values()) {
            if (!applies(rule, study)) continue;
            BigDecimal max = study.stream().map(Series::ctdiVol).filter(v -> v != null).max(BigDecimal::compareTo).orElse(null);
            String source = "image headers";
            RdsrDose.Dose d = rdsr.get(study.get(0).studyUid());
            if (max == null && d != null && d.maxCtdiVol() != null) {
                max = d.maxCtdiVol();
                source = "dose report";
            }
            if (max == null) continue;
            boolean ok = max.compareTo(rule.threshold()) <= 0;
            out.add(new Outcome(rule.id(), ok ? "pass" : rule.severity(), null, null, null, max, rule.threshold(),
                    "CTDIvol " + plain(max) + " mGy (" + source + ") " + (ok ? "within" : "above") + " the reference level " + plain(rule.threshold()) + " mGy",
                    "study:" + study.get(0).studyUid()));
        }
    }

    /** DLP total of the study's radiation dose SR (the largest, when it has several). */
    private static void dlp(QcRule rule, Map<String, List<Series>> byStudy, Map<String, RdsrDose.Dose> rdsr, List<Outcome> out) {
        for (List<Series> study : byStudy.values()) {
            if (!applies(rule, study)) continue;
            RdsrDose.Dose d = rdsr.get(study.get(0).studyUid());
            if (d == null || d.dlpTotal() == null) continue;
            boolean ok = d.dlpTotal().compareTo(rule.threshold()) <= 0;
            out.add(new Outcome(rule.id(), ok ? "pass" : rule.severity(), null, null, null, d.dlpTotal(), rule.threshold(),
                    "DLP " + plain(d.dlpTotal()) + " mGy.cm (dose report, " + d.events() + " irradiation events) " + (ok ? "within" : "above")
                            + " the reference level " + plain(rule.threshold()) + " mGy.cm", "study:" + study.get(0).studyUid()));
        }
    }

    /** Per study, the CT dose of its X-Ray Radiation Dose SR files (read from file_path; files no longer there are skipped). */
    static Map<String, RdsrDose.Dose> doseReports(Connection c) throws SQLException {
        Map<String, RdsrDose.Dose> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT study_instance_uid, file_path FROM radbridge.instance WHERE sop_class_uid = ? AND file_path IS NOT NULL")) {
            ps.setString(1, RdsrDose.XRAY_RDSR_CLASS);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String study = rs.getString(1);
                    RdsrDose.read(java.nio.file.Path.of(rs.getString(2))).ifPresent(d -> out.merge(study, d, (a, b) ->
                            a.dlpTotal() == null || (b.dlpTotal() != null && b.dlpTotal().compareTo(a.dlpTotal()) > 0) ? b : a));
                }
            }
        }
        return out;
    }

    private static void gaps(QcRule rule, List<Series> series, List<Outcome> out) {
        for (Series s : series) {
            if (rule.modality() != null && !rule.modality().equals(s.modality())) continue;
            if (rule.bodyPart() != null && !rule.bodyPart().equals(s.bodyPart())) continue;
            if (s.minNumber() == null) continue;
            int missing = s.maxNumber() - s.minNumber() + 1 - s.distinctNumbers();
            if (missing <= rule.threshold().intValue()) continue;
            out.add(new Outcome(rule.id(), rule.severity(), null, null, null, BigDecimal.valueOf(missing), rule.threshold(),
                    missing + " instance number(s) missing between " + s.minNumber() + " and " + s.maxNumber() + " (" + s.distinctNumbers() + " present)",
                    "series:" + s.seriesUid()));
        }
    }

    private static void studiesWithoutReport(Connection c, QcRule rule, List<Outcome> out) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT s.study_instance_uid, extract(day FROM now() - s.first_received_at)::int FROM radbridge.study s "
                        + "WHERE s.first_received_at < now() - make_interval(days => ?) "
                        + "AND NOT EXISTS (SELECT 1 FROM radbridge.report r WHERE r.study_link_uid = s.study_instance_uid) "
                        + "AND (?::text IS NULL OR EXISTS (SELECT 1 FROM radbridge.instance i WHERE i.study_instance_uid = s.study_instance_uid AND i.modality = ?))")) {
            ps.setInt(1, rule.threshold().intValue());
            ps.setString(2, rule.modality());
            ps.setString(3, rule.modality());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Outcome(rule.id(), rule.severity(), null, null, null, BigDecimal.valueOf(rs.getInt(2)), rule.threshold(),
                            "no report linked " + rs.getInt(2) + " days after the study arrived", "study:" + rs.getString(1)));
                }
            }
        }
    }

    private static void reportsWithoutStudy(Connection c, QcRule rule, List<Outcome> out) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT r.report_id, extract(day FROM now() - r.received_at)::int FROM radbridge.report r "
                        + "WHERE r.link_status = 'pending' AND r.received_at < now() - make_interval(days => ?)")) {
            ps.setInt(1, rule.threshold().intValue());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Outcome(rule.id(), rule.severity(), null, null, null, BigDecimal.valueOf(rs.getInt(2)), rule.threshold(),
                            "report waiting " + rs.getInt(2) + " days for its study", "report:" + rs.getString(1)));
                }
            }
        }
    }

    static List<Series> series(Connection c) throws SQLException {
        String num = "CASE WHEN i.attributes->>'%1$s' ~ '^ *[0-9]+(\\.[0-9]+)? *$' THEN trim(i.attributes->>'%1$s')::numeric END";
        String sql = "SELECT i.study_instance_uid, i.series_instance_uid, max(upper(i.modality)), max(upper(i.body_part_examined)), "
                + "min(" + num.formatted("SliceThickness") + "), mode() WITHIN GROUP (ORDER BY i.attributes->>'ImageOrientationPatient'), count(*), "
                + "min(i.instance_number), max(i.instance_number), count(DISTINCT i.instance_number), max(" + num.formatted("CTDIvol") + ") "
                + "FROM radbridge.instance i GROUP BY 1, 2 ORDER BY 1, 2";
        List<Series> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                Integer min = (Integer) rs.getObject(8);
                Integer max = (Integer) rs.getObject(9);
                out.add(new Series(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getBigDecimal(5), axial(rs.getString(6)),
                        rs.getInt(7), min, max, rs.getInt(10), rs.getBigDecimal(11)));
            }
        }
        return out;
    }

    /** ImageOrientationPatient "rx\ry\rz\cx\cy\cz": axial when the normal (row × column) points along z. */
    static boolean axial(String orientation) {
        if (orientation == null) return false;
        String[] p = orientation.trim().split("\\\\");
        if (p.length != 6) return false;
        double[] v = new double[6];
        try {
            for (int i = 0; i < 6; i++) v[i] = Double.parseDouble(p[i].trim());
        } catch (NumberFormatException e) {
            return false;
        }
        double nx = v[1] * v[5] - v[2] * v[4], ny = v[2] * v[3] - v[0] * v[5], nz = v[0] * v[4] - v[1] * v[3];
        double len = Math.sqrt(nx * nx + ny * ny + nz * nz);
        return len > 0 && Math.abs(nz) / len >= AXIAL_COSINE;
    }

    private static List<Outcome> withOmopIds(Connection c, List<Outcome> raw) throws SQLException {
        List<String> studies = new ArrayList<>();
        List<String> series = new ArrayList<>();
        for (Outcome o : raw) {
            if (o.stagingRef().startsWith("study:")) studies.add(o.stagingRef().substring(6));
            if (o.stagingRef().startsWith("series:")) series.add(o.stagingRef().substring(7));
        }
        Map<String, Integer> procIds = ids(c, "procedure_occurrence", studies);
        Map<String, Integer> imageIds = ids(c, "image_occurrence", series);
        Map<Integer, Integer> procOfImage = new HashMap<>();
        Map<Integer, Integer> personOfProc = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT image_occurrence_id, procedure_occurrence_id, person_id FROM omop.image_occurrence "
                + "WHERE image_occurrence_id = ANY(?)")) {
            ps.setArray(1, c.createArrayOf("integer", imageIds.values().toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    procOfImage.put(rs.getInt(1), rs.getInt(2));
                    personOfProc.put(rs.getInt(2), rs.getInt(3));
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT procedure_occurrence_id, person_id FROM omop.procedure_occurrence WHERE procedure_occurrence_id = ANY(?)")) {
            ps.setArray(1, c.createArrayOf("integer", procIds.values().toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) personOfProc.put(rs.getInt(1), rs.getInt(2));
            }
        }
        List<Outcome> out = new ArrayList<>(raw.size());
        for (Outcome o : raw) {
            Integer image = o.stagingRef().startsWith("series:") ? imageIds.get(o.stagingRef().substring(7)) : null;
            Integer proc = o.stagingRef().startsWith("study:") ? procIds.get(o.stagingRef().substring(6)) : image == null ? null : procOfImage.get(image);
            Integer person = proc == null ? null : personOfProc.get(proc);
            out.add(new Outcome(o.ruleId(), o.status(), person, proc, image, o.value(), o.threshold(), o.message(), o.stagingRef()));
        }
        return out;
    }

    private static Map<String, Integer> ids(Connection c, String kind, Collection<String> keys) throws SQLException {
        Map<String, Integer> out = new HashMap<>();
        if (keys.isEmpty()) return out;
        try (PreparedStatement ps = c.prepareStatement("SELECT natural_key, omop_id FROM radbridge.omop_id_map WHERE kind = ? AND natural_key = ANY(?)")) {
            ps.setString(1, kind);
            ps.setArray(2, c.createArrayOf("text", keys.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.put(rs.getString(1), rs.getInt(2));
            }
        }
        return out;
    }

    /** Replaces radbridge.qc_result with these outcomes. */
    public static void store(Connection c, List<Outcome> outcomes) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("DELETE FROM radbridge.qc_result");
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO radbridge.qc_result (rule_id, status, person_id, procedure_occurrence_id, "
                + "image_occurrence_id, value_as_number, threshold, message, staging_ref) VALUES (?,?,?,?,?,?,?,?,?)")) {
            for (Outcome o : outcomes) {
                ps.setString(1, o.ruleId());
                ps.setString(2, o.status());
                setInt(ps, 3, o.personId());
                setInt(ps, 4, o.procedureId());
                setInt(ps, 5, o.imageId());
                ps.setBigDecimal(6, o.value());
                ps.setBigDecimal(7, o.threshold());
                ps.setString(8, o.message());
                ps.setString(9, o.stagingRef());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static void setInt(PreparedStatement ps, int i, Integer v) throws SQLException {
        if (v == null) ps.setNull(i, Types.INTEGER);
        else ps.setInt(i, v);
    }

    private static String plain(BigDecimal d) {
        return d == null ? "?" : d.setScale(Math.min(2, Math.max(0, d.scale())), RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }
}
