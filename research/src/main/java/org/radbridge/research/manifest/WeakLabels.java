package org.radbridge.research.manifest;

import org.radbridge.research.cohort.StudyNotes;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Report-level weak labels per study from NOTE_NLP, CheXpert convention: 1 if any mention of the label (about the
 * patient, current) is present, else -1 if any is possible, else 0 if any is absent, else blank (not mentioned).
 * "No Finding" is 1 when the study has a report and no other label but Support Devices is 1 or -1, else blank.
 */
public final class WeakLabels {
    private WeakLabels() {}

    /** Labels of one study; a missing label is blank. */
    public record StudyLabels(boolean hasReport, Map<String, Integer> values, Set<String> nlpSystems) {}

    public static Map<Integer, StudyLabels> compute(Connection c, String studyTable, LabelSet set) throws SQLException {
        // concept id -> labels, with the descendants of every code of the set
        Map<Integer, List<String>> labelsOfConcept = new HashMap<>();
        List<String> labels = new ArrayList<>();
        List<String> codes = new ArrayList<>();
        set.codesByLabel().forEach((label, cs) -> cs.forEach(code -> {
            labels.add(label);
            codes.add(code);
        }));
        if (!codes.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT DISTINCT k.label, x.concept_id FROM unnest(?::text[], ?::text[]) AS k(label, code) "
                            + "JOIN omop.concept c ON c.vocabulary_id = 'SNOMED' AND c.concept_code = k.code "
                            + "CROSS JOIN LATERAL (SELECT c.concept_id UNION SELECT ca.descendant_concept_id FROM omop.concept_ancestor ca "
                            + "WHERE ca.ancestor_concept_id = c.concept_id) x")) {
                ps.setArray(1, c.createArrayOf("text", labels.toArray()));
                ps.setArray(2, c.createArrayOf("text", codes.toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) labelsOfConcept.computeIfAbsent(rs.getInt(2), k -> new ArrayList<>()).add(rs.getString(1));
                }
            }
        }
        Map<Integer, StudyLabels> out = new HashMap<>();
        Map<Integer, Map<String, Set<String>>> assertions = new HashMap<>();
        String sql = "WITH study_note AS (" + StudyNotes.STUDY_NOTE_SQL + ")\n"
                + "SELECT s.procedure_occurrence_id, sn.note_id, nlp.note_nlp_concept_id, " + StudyNotes.ASSERTION_SQL + ", nlp.nlp_system, "
                + StudyNotes.ABOUT_PATIENT_NOW_SQL + "\n"
                + "FROM (SELECT DISTINCT procedure_occurrence_id FROM " + studyTable + ") s\n"
                + "JOIN study_note sn ON sn.procedure_occurrence_id = s.procedure_occurrence_id\n"
                + "LEFT JOIN omop.note_nlp nlp ON nlp.note_id = sn.note_id";
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                int study = rs.getInt(1);
                StudyLabels sl = out.computeIfAbsent(study, k -> new StudyLabels(true, new LinkedHashMap<>(), new TreeSet<>()));
                if (rs.getString(5) != null) sl.nlpSystems().add(rs.getString(5));
                int concept = rs.getInt(3);
                if (rs.wasNull() || !rs.getBoolean(6)) continue;
                String assertion = rs.getString(4);
                for (String label : labelsOfConcept.getOrDefault(concept, List.of())) {
                    assertions.computeIfAbsent(study, k -> new HashMap<>()).computeIfAbsent(label, k -> new TreeSet<>()).add(String.valueOf(assertion));
                }
            }
        }
        for (Map.Entry<Integer, StudyLabels> e : out.entrySet()) {
            Map<String, Set<String>> byLabel = assertions.getOrDefault(e.getKey(), Map.of());
            boolean abnormal = false;
            for (String label : set.codedLabels()) {
                Integer v = value(byLabel.get(label));
                if (v != null) e.getValue().values().put(label, v);
                if (v != null && v != 0 && !label.equals(LabelSet.SUPPORT_DEVICES)) abnormal = true;
            }
            if (set.codesByLabel().containsKey(LabelSet.NO_FINDING) && set.codesByLabel().get(LabelSet.NO_FINDING).isEmpty() && !abnormal) {
                e.getValue().values().put(LabelSet.NO_FINDING, 1);
            }
        }
        return out;
    }

    /** CheXpert aggregation of one label's mention assertions; null = not mentioned. */
    public static Integer value(Collection<String> assertions) {
        if (assertions == null || assertions.isEmpty()) return null;
        if (assertions.contains("present")) return 1;
        if (assertions.contains("possible")) return -1;
        if (assertions.contains("absent")) return 0;
        return null;
    }
}
