package org.radbridge.write.omop;

import org.radbridge.deid.OmopDates;
import org.radbridge.deid.Pseudonymizer;
import org.radbridge.deid.ReportTextScrubber;
import org.radbridge.map.CurrentMappings;
import org.radbridge.map.DiagnosticReportBundleBuilder;
import org.radbridge.mappings.MappingSet;
import org.radbridge.mappings.MappingTarget;
import org.radbridge.nlp.FindingMention;
import org.radbridge.nlp.NlpResult;
import org.radbridge.report.ReportFindings;
import org.radbridge.report.StagedReport;
import org.radbridge.staging.InstanceRecord;
import org.radbridge.staging.StudyView;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes the research view of a study's current report: NOTE with scrubbed text, NOTE_NLP (one row per mention),
 * present findings as OBSERVATION or CONDITION_OCCURRENCE by the domain of their standard concept, their measured
 * dimensions as MEASUREMENT rows (mm), and IMAGE_FEATURE rows linking every IMAGE_OCCURRENCE (series) of the study to
 * those rows. Row ids come from radbridge.omop_id_map keyed by accession number, so a new version of the report
 * updates the same NOTE; rows the new version no longer yields are deleted (radbridge.report_projection remembers
 * what the last projection wrote). One transaction per report. Identifiers never reach these tables: the text is
 * scrubbed and no source value holds an id.
 */
public final class OmopReportWriter {
    /** OMOP type concept "EHR" (32817), as OmopStudyWriter uses for the study rows. */
    private static final int TYPE_EHR = 32817;
    /** OHDSI concept "English language" (as VocabularyLoader gives synonyms). */
    private static final int ENGLISH = 4180186;
    /**
     * IMAGE_FEATURE.image_feature_event_field_concept_id says which table image_feature_event_id points into, by
     * the CDM vocabulary's Field concept of that table's id field (e.g. measurement.measurement_id), as the CDM's
     * other *_event_field_concept_id columns do; {@code mappings/cdm_field.csv} names the concept of each table.
     */
    /**
     * The standard concept of a finding whose code has none (a RadLex-only finding), by the vocabulary of its code
     * ({@code mappings/finding_no_standard.csv}): OMOP keeps non-standard concepts out of the standard field.
     */
    private static int noStandard(MappingSet maps, String vocabulary) {
        return maps.lookup("finding_no_standard", vocabulary).map(MappingTarget::conceptId).filter(id -> id != null).orElse(0);
    }

    private static int eventField(MappingSet maps, String table) {
        return maps.lookup("cdm_field", table).map(MappingTarget::conceptId).filter(id -> id != null).orElse(0);
    }

    private final DataSource dataSource;
    private final Pseudonymizer pseudonymizer;
    private final CurrentMappings mappings;
    private final ReportTextScrubber scrubber;
    private final String nlpSystem;
    private final OmopDates dates;

    public OmopReportWriter(DataSource dataSource, Pseudonymizer pseudonymizer, CurrentMappings mappings, ReportTextScrubber scrubber,
                            String nlpSystem) {
        this.dataSource = dataSource;
        this.pseudonymizer = pseudonymizer;
        this.mappings = mappings;
        this.scrubber = scrubber;
        this.nlpSystem = nlpSystem.length() <= 250 ? nlpSystem : nlpSystem.substring(0, 250);
        this.dates = OmopDates.fromEnvironment(pseudonymizer);
    }

    /** What was written, for tests and logs. */
    public record Written(int noteId, int noteNlpRows, int observations, int conditions, int measurements, int imageFeatures) {}

    public Written write(StudyView s, LocalDate realStudyDate, StagedReport report, NlpResult nlp, List<ReportFindings.Finding> findings)
            throws SQLException {
        // dates as the research view records them: real (default) or moved by the person's keyed shift
        int shift = dates.days(pseudonymizer.person(s.issuerOfPatientId(), s.patientId()));
        LocalDate studyDate = ShiftedStudy.plus(realStudyDate, shift);
        MappingSet maps = mappings.current();
        String accession = report.accessionNumber();
        List<String> others = new ArrayList<>();
        others.add(s.studyInstanceUid());
        if (report.studyInstanceUid() != null) others.add(report.studyInstanceUid());
        if (report.patientId() != null) others.add(report.patientId());
        ReportTextScrubber.Scrubbed note = scrubber.scrub(report.text(), new ReportTextScrubber.Known(
                s.patientName(), s.patientId(), s.issuerOfPatientId(), accession, others, StaffNames.of(s)));
        LocalDate noteDate = report.reportDate() != null ? ShiftedStudy.plus(report.reportDate(), shift) : studyDate;

        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                Previous prev = previous(c, accession);
                int personId = OmopIds.idFor(c, "person", pseudonymizer.person(s.issuerOfPatientId(), s.personKeyId()));
                int noteId = OmopIds.idFor(c, "note", accession);
                upsertNote(c, noteId, personId, noteDate, note.text(), report, maps, s);
                linkNoteToStudy(c, noteId, OmopIds.idFor(c, "procedure_occurrence", s.studyInstanceUid()));

                Set<String> conceptKeys = new LinkedHashSet<>();
                for (FindingMention m : nlp.mentions()) {
                    conceptKeys.add(NoteNlpRows.key(m));
                    if (m.radlexId() != null) conceptKeys.add("RadLex|" + m.radlexId());
                    if (m.bodySiteSnomed() != null) conceptKeys.add("SNOMED|" + m.bodySiteSnomed());
                }
                conceptKeys.add("UCUM|mm");
                Map<String, ConceptLookup.Concept> concepts = ConceptLookup.resolve(c, conceptKeys);

                List<Integer> nlpIds = new ArrayList<>();
                List<NoteNlpRows.Row> rows = NoteNlpRows.build(nlp.mentions(), note, concepts);
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO omop.note_nlp (note_nlp_id, note_id, section_concept_id, snippet, \"offset\", lexical_variant, "
                                + "note_nlp_concept_id, note_nlp_source_concept_id, nlp_system, nlp_date, nlp_datetime, term_exists, "
                                + "term_temporal, term_modifiers) VALUES (?,?,0,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT (note_nlp_id) DO UPDATE SET "
                                + "note_id = EXCLUDED.note_id, snippet = EXCLUDED.snippet, \"offset\" = EXCLUDED.\"offset\", "
                                + "lexical_variant = EXCLUDED.lexical_variant, note_nlp_concept_id = EXCLUDED.note_nlp_concept_id, "
                                + "note_nlp_source_concept_id = EXCLUDED.note_nlp_source_concept_id, nlp_system = EXCLUDED.nlp_system, "
                                + "nlp_date = EXCLUDED.nlp_date, nlp_datetime = EXCLUDED.nlp_datetime, term_exists = EXCLUDED.term_exists, "
                                + "term_temporal = EXCLUDED.term_temporal, term_modifiers = EXCLUDED.term_modifiers")) {
                    Map<String, Integer> ids = OmopIds.idsFor(c, "note_nlp", rows.stream().map(r -> accession + ":" + r.ordinal()).toList());
                    for (NoteNlpRows.Row r : rows) {
                        int id = ids.get(accession + ":" + r.ordinal());
                        nlpIds.add(id);
                        int i = 1;
                        ps.setInt(i++, id);
                        ps.setInt(i++, noteId);
                        ps.setString(i++, r.snippet());
                        ps.setString(i++, r.offset());
                        ps.setString(i++, r.lexicalVariant());
                        ps.setInt(i++, r.conceptId());
                        ps.setInt(i++, r.sourceConceptId());
                        ps.setString(i++, nlpSystem);
                        // the version of the report the NLP read: stable across re-projections of the same version
                        ps.setDate(i++, Date.valueOf(report.receivedAt() == null ? noteDate : report.receivedAt().toLocalDate()));
                        if (report.receivedAt() == null) ps.setNull(i++, Types.TIMESTAMP);
                        else ps.setTimestamp(i++, Timestamp.from(report.receivedAt().toInstant()));
                        ps.setString(i++, r.termExists());
                        ps.setString(i++, r.termTemporal());
                        ps.setString(i, r.termModifiers());
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }

                List<Integer> imageIds = new ArrayList<>();
                for (List<InstanceRecord> series : s.series()) imageIds.add(OmopIds.idFor(c, "image_occurrence", series.get(0).seriesInstanceUid()));
                List<Integer> observationIds = new ArrayList<>();
                List<Integer> conditionIds = new ArrayList<>();
                List<Integer> measurementIds = new ArrayList<>();
                List<Integer> featureIds = new ArrayList<>();
                List<Feature> features = new ArrayList<>();
                Integer presentId = maps.lookup("finding_assertion", "PRESENT").map(MappingTarget::conceptId).orElse(0);
                int fieldCondition = eventField(maps, "CONDITION_OCCURRENCE");
                int fieldObservation = eventField(maps, "OBSERVATION");
                int fieldMeasurement = eventField(maps, "MEASUREMENT");
                ConceptLookup.Concept mm = concepts.get("UCUM|mm");
                for (ReportFindings.Finding f : findings) {
                    if (!f.present()) continue;
                    ConceptLookup.Concept concept = concepts.get(f.conceptSystem().endsWith("snomed.info/sct") ? "SNOMED|" + f.conceptCode()
                            : "RadLex|" + f.conceptCode());
                    ConceptLookup.Concept radlex = f.radlexId() == null ? null : concepts.get("RadLex|" + f.radlexId());
                    int conceptId = concept == null ? 0 : concept.conceptId();
                    if (concept != null && conceptId == 0) conceptId = noStandard(maps, f.conceptSystem().endsWith("snomed.info/sct") ? "SNOMED" : "RadLex");
                    int sourceId = radlex != null ? radlex.sourceConceptId() : concept == null ? 0 : concept.sourceConceptId();
                    ConceptLookup.Concept site = f.bodySiteSnomed() == null ? null : concepts.get("SNOMED|" + f.bodySiteSnomed());
                    Integer sideId = f.laterality() == null ? null : maps.lookup("laterality", f.laterality()).map(MappingTarget::conceptId).orElse(null);
                    String key = accession + ":" + f.key();
                    boolean condition = concept != null && "Condition".equals(concept.domainId());
                    int findingId;
                    int findingDomain;
                    if (condition) {
                        findingId = OmopIds.idFor(c, "report_condition", key);
                        upsertCondition(c, findingId, personId, conceptId, sourceId, studyDate, f);
                        conditionIds.add(findingId);
                        findingDomain = fieldCondition;
                    } else {
                        findingId = OmopIds.idFor(c, "report_observation", key);
                        upsertObservation(c, findingId, personId, conceptId, sourceId, studyDate, f, presentId, sideId);
                        observationIds.add(findingId);
                        findingDomain = fieldObservation;
                    }
                    for (int img = 0; img < imageIds.size(); img++) {
                        features.add(new Feature(key + ":finding:" + img, imageIds.get(img), findingDomain, findingId, conceptId, findingId, site));
                    }
                    List<BigDecimal> dims = f.dimensionsMm();
                    for (int d = 0; d < dims.size(); d++) {
                        String axis = DiagnosticReportBundleBuilder.dimensionName(d, dims.size());
                        int axisConcept = maps.lookup("finding_component", axis).map(MappingTarget::conceptId).orElse(0);
                        int mid = OmopIds.idFor(c, "report_measurement", key + ":" + d);
                        upsertMeasurement(c, mid, personId, axisConcept, studyDate, dims.get(d), mm, f, axis);
                        measurementIds.add(mid);
                        for (int img = 0; img < imageIds.size(); img++) {
                            features.add(new Feature(key + ":measurement:" + d + ":" + img, imageIds.get(img), fieldMeasurement, mid,
                                    conceptId, findingId, site));
                        }
                    }
                }
                writeFeatures(c, personId, features, report, featureIds);
                deleteStale(c, "omop.note_nlp", "note_nlp_id", prev.noteNlp, nlpIds);
                deleteStale(c, "omop.observation", "observation_id", prev.observations, observationIds);
                deleteStale(c, "omop.condition_occurrence", "condition_occurrence_id", prev.conditions, conditionIds);
                deleteStale(c, "omop.measurement", "measurement_id", prev.measurements, measurementIds);
                deleteStale(c, "omop.image_feature", "image_feature_id", prev.features, featureIds);
                ReportLinks.toVisit(c, VisitWriter.visitId(c, s.studyInstanceUid()), noteId, observationIds, conditionIds, measurementIds);
                ConditionEraWriter.rebuild(c, personId);
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO radbridge.report_projection (accession_number, study_instance_uid, report_id, omop_note_nlp_ids, "
                                + "omop_observation_ids, omop_condition_ids, omop_measurement_ids, omop_image_feature_ids, omop_projected_at) "
                                + "VALUES (?,?,?,?,?,?,?,?,now()) ON CONFLICT (accession_number) DO UPDATE SET "
                                + "omop_note_nlp_ids = EXCLUDED.omop_note_nlp_ids, omop_observation_ids = EXCLUDED.omop_observation_ids, "
                                + "omop_condition_ids = EXCLUDED.omop_condition_ids, omop_measurement_ids = EXCLUDED.omop_measurement_ids, "
                                + "omop_image_feature_ids = EXCLUDED.omop_image_feature_ids, omop_projected_at = now()")) {
                    ps.setString(1, accession);
                    ps.setString(2, s.studyInstanceUid());
                    ps.setString(3, report.reportId());
                    ps.setArray(4, c.createArrayOf("integer", nlpIds.toArray()));
                    ps.setArray(5, c.createArrayOf("integer", observationIds.toArray()));
                    ps.setArray(6, c.createArrayOf("integer", conditionIds.toArray()));
                    ps.setArray(7, c.createArrayOf("integer", measurementIds.toArray()));
                    ps.setArray(8, c.createArrayOf("integer", featureIds.toArray()));
                    ps.executeUpdate();
                }
                // the PV1-2 class of the study's linked reports (this one included) decides the visit concept
                new VisitWriter(mappings).applyReportedClass(c, s.studyInstanceUid(), studyDate);
                c.commit();
                return new Written(noteId, nlpIds.size(), observationIds.size(), conditionIds.size(), measurementIds.size(), featureIds.size());
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private record Previous(List<Integer> noteNlp, List<Integer> observations, List<Integer> conditions, List<Integer> measurements,
                            List<Integer> features) {}

    private static Previous previous(Connection c, String accession) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT omop_note_nlp_ids, omop_observation_ids, omop_condition_ids, omop_measurement_ids, omop_image_feature_ids "
                        + "FROM radbridge.report_projection WHERE accession_number = ? FOR UPDATE")) {
            ps.setString(1, accession);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return new Previous(List.of(), List.of(), List.of(), List.of(), List.of());
                return new Previous(ints(rs, 1), ints(rs, 2), ints(rs, 3), ints(rs, 4), ints(rs, 5));
            }
        }
    }

    private static List<Integer> ints(ResultSet rs, int col) throws SQLException {
        return Arrays.asList((Integer[]) rs.getArray(col).getArray());
    }

    private static void deleteStale(Connection c, String table, String idColumn, List<Integer> before, List<Integer> now) throws SQLException {
        List<Integer> stale = new ArrayList<>(before);
        stale.removeAll(now);
        if (stale.isEmpty()) return;
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE " + idColumn + " = ANY(?::int[])")) {
            ps.setArray(1, c.createArrayOf("integer", stale.toArray()));
            ps.executeUpdate();
        }
    }

    private void upsertNote(Connection c, int noteId, int personId, LocalDate date, String text, StagedReport report, MappingSet maps,
                            StudyView s) throws SQLException {
        int noteClass = maps.lookup("report_code", "RADIOLOGY REPORT").map(MappingTarget::conceptId).orElse(0);
        String procedure = maps.lookup("procedure", s.studyDescription(), s.studyDate()).map(MappingTarget::display).orElse(null);
        String status = maps.lookup("report_status", report.status()).map(MappingTarget::code).orElse("unknown");
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO omop.note (note_id, person_id, note_date, note_datetime, note_type_concept_id, note_class_concept_id, note_title, "
                        + "note_text, encoding_concept_id, language_concept_id, note_source_value) VALUES (?,?,?,NULL,?,?,?,?,0,?,?) "
                        + "ON CONFLICT (note_id) DO UPDATE SET person_id = EXCLUDED.person_id, note_date = EXCLUDED.note_date, "
                        + "note_class_concept_id = EXCLUDED.note_class_concept_id, note_title = EXCLUDED.note_title, "
                        + "note_text = EXCLUDED.note_text, note_source_value = EXCLUDED.note_source_value")) {
            ps.setInt(1, noteId);
            ps.setInt(2, personId);
            ps.setDate(3, Date.valueOf(date));
            ps.setInt(4, TYPE_EHR);
            ps.setInt(5, noteClass);
            // a coded title only: the study description is free text a site may have typed a name into
            ps.setString(6, procedure == null ? "Radiology report" : cut("Radiology report: " + procedure, 250));
            ps.setString(7, text);
            // encoding: no verified OMOP concept for UTF-8 at hand, so 0 ("no matching concept"); the text is UTF-8
            ps.setInt(8, ENGLISH);
            ps.setString(9, cut("report status " + status, 50));
            ps.executeUpdate();
        }
    }

    /**
     * OMOP 5.4's own link from a note to the event it reports on: note_event_id = the study's PROCEDURE_OCCURRENCE,
     * note_event_field_concept_id = 1147082 (field concept "procedure_occurrence.procedure_occurrence_id"), so that
     * research queries (cohort labels) find the report of a study without guessing by person and date.
     */
    private static void linkNoteToStudy(Connection c, int noteId, int procedureId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE omop.note SET note_event_id = ?, note_event_field_concept_id = 1147082 WHERE note_id = ? "
                        + "AND note_event_id IS DISTINCT FROM ?")) {
            ps.setInt(1, procedureId);
            ps.setInt(2, noteId);
            ps.setInt(3, procedureId);
            ps.executeUpdate();
        }
    }

    private static void upsertObservation(Connection c, int id, int personId, int conceptId, int sourceId, LocalDate date,
                                          ReportFindings.Finding f, int presentId, Integer sideId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO omop.observation (observation_id, person_id, observation_concept_id, observation_date, observation_type_concept_id, "
                        + "value_as_concept_id, qualifier_concept_id, observation_source_value, observation_source_concept_id, "
                        + "qualifier_source_value, value_source_value) VALUES (?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT (observation_id) DO UPDATE SET "
                        + "person_id = EXCLUDED.person_id, observation_concept_id = EXCLUDED.observation_concept_id, "
                        + "observation_date = EXCLUDED.observation_date, value_as_concept_id = EXCLUDED.value_as_concept_id, "
                        + "qualifier_concept_id = EXCLUDED.qualifier_concept_id, observation_source_value = EXCLUDED.observation_source_value, "
                        + "observation_source_concept_id = EXCLUDED.observation_source_concept_id, "
                        + "qualifier_source_value = EXCLUDED.qualifier_source_value, value_source_value = EXCLUDED.value_source_value")) {
            ps.setInt(1, id);
            ps.setInt(2, personId);
            ps.setInt(3, conceptId);
            ps.setDate(4, Date.valueOf(date));
            ps.setInt(5, TYPE_EHR);
            ps.setInt(6, presentId);
            if (sideId == null) ps.setNull(7, Types.INTEGER);
            else ps.setInt(7, sideId);
            ps.setString(8, cut(f.display(), 50));
            ps.setInt(9, sourceId);
            ps.setString(10, f.laterality());
            ps.setString(11, "present");
            ps.executeUpdate();
        }
    }

    private static void upsertCondition(Connection c, int id, int personId, int conceptId, int sourceId, LocalDate date,
                                        ReportFindings.Finding f) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO omop.condition_occurrence (condition_occurrence_id, person_id, condition_concept_id, condition_start_date, "
                        + "condition_type_concept_id, condition_source_value, condition_source_concept_id, condition_status_source_value) "
                        + "VALUES (?,?,?,?,?,?,?,?) ON CONFLICT (condition_occurrence_id) DO UPDATE SET person_id = EXCLUDED.person_id, "
                        + "condition_concept_id = EXCLUDED.condition_concept_id, condition_start_date = EXCLUDED.condition_start_date, "
                        + "condition_source_value = EXCLUDED.condition_source_value, condition_source_concept_id = EXCLUDED.condition_source_concept_id, "
                        + "condition_status_source_value = EXCLUDED.condition_status_source_value")) {
            ps.setInt(1, id);
            ps.setInt(2, personId);
            ps.setInt(3, conceptId);
            ps.setDate(4, Date.valueOf(date));
            ps.setInt(5, TYPE_EHR);
            ps.setString(6, cut(f.display(), 50));
            ps.setInt(7, sourceId);
            ps.setString(8, f.laterality() == null ? "present" : cut("present, " + f.laterality(), 50));
            ps.executeUpdate();
        }
    }

    private static void upsertMeasurement(Connection c, int id, int personId, int conceptId, LocalDate date, BigDecimal mm,
                                          ConceptLookup.Concept unit, ReportFindings.Finding f, String axis) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO omop.measurement (measurement_id, person_id, measurement_concept_id, measurement_date, measurement_type_concept_id, "
                        + "value_as_number, unit_concept_id, measurement_source_value, unit_source_value, unit_source_concept_id) "
                        + "VALUES (?,?,?,?,?,?,?,?,'mm',?) ON CONFLICT (measurement_id) DO UPDATE SET person_id = EXCLUDED.person_id, "
                        + "measurement_concept_id = EXCLUDED.measurement_concept_id, measurement_date = EXCLUDED.measurement_date, "
                        + "value_as_number = EXCLUDED.value_as_number, unit_concept_id = EXCLUDED.unit_concept_id, "
                        + "measurement_source_value = EXCLUDED.measurement_source_value, unit_source_concept_id = EXCLUDED.unit_source_concept_id")) {
            ps.setInt(1, id);
            ps.setInt(2, personId);
            ps.setInt(3, conceptId);
            ps.setDate(4, Date.valueOf(date));
            ps.setInt(5, TYPE_EHR);
            ps.setBigDecimal(6, mm);
            ps.setInt(7, unit == null ? 0 : unit.conceptId());
            ps.setString(8, cut(f.display() + " " + axis.toLowerCase(java.util.Locale.ROOT), 50));
            ps.setInt(9, unit == null ? 0 : unit.sourceConceptId());
            ps.executeUpdate();
        }
    }

    /** An IMAGE_FEATURE row to write: one series linked to one finding row or measurement row. */
    private record Feature(String key, int imageId, int eventDomain, int eventId, int findingConceptId, int findingId,
                           ConceptLookup.Concept site) {}

    private void writeFeatures(Connection c, int personId, List<Feature> features, StagedReport report, List<Integer> ids) throws SQLException {
        if (features.isEmpty()) return;
        Map<String, Integer> idOf = OmopIds.idsFor(c, "image_feature", features.stream().map(Feature::key).toList());
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO omop.image_feature (image_feature_id, person_id, image_occurrence_id, image_feature_event_field_concept_id, "
                        + "image_feature_event_id, image_feature_concept_id, image_feature_type_concept_id, image_finding_concept_id, "
                        + "image_finding_id, anatomic_site_concept_id, alg_system, alg_datetime) VALUES (?,?,?,?,?,?,?,?,?,?,?,?) "
                        + "ON CONFLICT (image_feature_id) DO UPDATE SET person_id = EXCLUDED.person_id, image_occurrence_id = EXCLUDED.image_occurrence_id, "
                        + "image_feature_event_field_concept_id = EXCLUDED.image_feature_event_field_concept_id, "
                        + "image_feature_event_id = EXCLUDED.image_feature_event_id, image_feature_concept_id = EXCLUDED.image_feature_concept_id, "
                        + "image_finding_concept_id = EXCLUDED.image_finding_concept_id, image_finding_id = EXCLUDED.image_finding_id, "
                        + "anatomic_site_concept_id = EXCLUDED.anatomic_site_concept_id, alg_system = EXCLUDED.alg_system, "
                        + "alg_datetime = EXCLUDED.alg_datetime")) {
            for (Feature f : features) {
                int id = idOf.get(f.key());
                ids.add(id);
                ps.setInt(1, id);
                ps.setInt(2, personId);
                ps.setInt(3, f.imageId());
                ps.setInt(4, f.eventDomain());
                ps.setInt(5, f.eventId());
                ps.setInt(6, f.findingConceptId());
                ps.setInt(7, TYPE_EHR);
                ps.setInt(8, f.findingConceptId());
                // groups the features (presence, each dimension) of one finding: the id of its OBSERVATION / CONDITION row
                ps.setInt(9, f.findingId());
                if (f.site() == null) ps.setNull(10, Types.INTEGER);
                else ps.setInt(10, f.site().conceptId());
                ps.setString(11, nlpSystem);
                if (report.receivedAt() == null) ps.setNull(12, Types.TIMESTAMP);
                else ps.setTimestamp(12, Timestamp.from(report.receivedAt().toInstant()));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
