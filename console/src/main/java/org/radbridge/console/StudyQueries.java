package org.radbridge.console;

import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/** One study across the three views: staging rows, its report and NLP mentions, its OMOP keys. Every lookup is by key. */
public final class StudyQueries {
    public static final int PAGE_SIZE = 50;

    public record Study(String uid, String accession, String patientId, String issuer, String patientName, String sex, LocalDate birthDate,
                        LocalDate studyDate, String description, String source, String firstReceived, String lastReceived,
                        String projectedAt, boolean dirty, String endpoint) {}

    public record Series(String uid, Integer number, String modality, String description, String bodyPart, String laterality,
                         long instances, String manufacturer, String model) {}

    public record Report(String reportId, String status, String linkStatus, String linkProblem, String text, String source,
                         String received, String reportedAt, boolean current) {}

    public record Mention(int start, int end, String text, String system, String code, String radlex, String assertion,
                          String temporality, String subject, String section, String laterality, String nlpSystem) {}

    public record Omop(Integer procedureOccurrenceId, Integer personId, String personKey, Integer procedureConceptId,
                       String procedureCode, String procedureName, long imageOccurrences, long noteNlpRows) {}

    public record Recent(String uid, String accession, LocalDate studyDate, String description, String received) {}

    private final JdbcTemplate jdbc;

    public StudyQueries(DataSource ds) {
        this.jdbc = new JdbcTemplate(ds);
    }

    private static final String STUDY_COLUMNS = "study_instance_uid, accession_number, patient_id, issuer_of_patient_id, patient_name, "
            + "patient_sex, patient_birth_date, study_date, study_description, source, first_received_at, last_received_at, projected_at, dirty, endpoint_url";

    /** Studies whose Study Instance UID or accession number is the text (both indexed). */
    public List<Study> find(String q) {
        String t = q.trim();
        return jdbc.query("SELECT " + STUDY_COLUMNS + " FROM radbridge.study WHERE study_instance_uid = ? OR accession_number = ? "
                + "ORDER BY study_date DESC NULLS LAST LIMIT 20", (rs, i) -> new Study(rs.getString(1), rs.getString(2), rs.getString(3),
                rs.getString(4), rs.getString(5), rs.getString(6), rs.getObject(7, LocalDate.class), rs.getObject(8, LocalDate.class),
                rs.getString(9), rs.getString(10), Times.utc(rs.getObject(11, OffsetDateTime.class)),
                Times.utc(rs.getObject(12, OffsetDateTime.class)), Times.utc(rs.getObject(13, OffsetDateTime.class)), rs.getBoolean(14),
                rs.getString(15)), t, t);
    }

    /** The newest arrivals, a page at a time (index on first_received_at). */
    public List<Recent> recent(int page) {
        return jdbc.query("SELECT study_instance_uid, accession_number, study_date, study_description, first_received_at FROM radbridge.study "
                        + "ORDER BY first_received_at DESC, study_instance_uid LIMIT ? OFFSET ?",
                (rs, i) -> new Recent(rs.getString(1), rs.getString(2), rs.getObject(3, LocalDate.class), rs.getString(4),
                        Times.utc(rs.getObject(5, OffsetDateTime.class))), PAGE_SIZE + 1, (long) Math.max(0, page) * PAGE_SIZE);
    }

    public List<Series> series(String studyUid) {
        return jdbc.query("SELECT series_instance_uid, min(series_number), min(modality), min(series_description), min(body_part_examined), "
                        + "min(laterality), count(*), min(manufacturer), min(model_name) FROM radbridge.instance WHERE study_instance_uid = ? "
                        + "GROUP BY series_instance_uid ORDER BY 2 NULLS LAST, 1",
                (rs, i) -> new Series(rs.getString(1), (Integer) rs.getObject(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getLong(7), rs.getString(8), rs.getString(9)), studyUid);
    }

    /** The report versions of the accession; the current one (the one projected, else the newest) first. */
    public List<Report> reports(String accession) {
        if (accession == null || accession.isBlank()) return List.of();
        return jdbc.query("SELECT r.report_id, r.status, r.link_status, r.link_problem, r.text, r.source, r.received_at, r.reported_at, "
                        + "(r.report_id = p.report_id) FROM radbridge.report r LEFT JOIN radbridge.report_projection p ON p.accession_number = r.accession_number "
                        + "WHERE r.accession_number = ? ORDER BY (r.report_id = p.report_id) DESC NULLS LAST, r.reported_at DESC NULLS LAST, r.received_at DESC",
                (rs, i) -> new Report(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                        Times.utc(rs.getObject(7, OffsetDateTime.class)), Times.utc(rs.getObject(8, OffsetDateTime.class)),
                        Boolean.TRUE.equals(rs.getObject(9))), accession);
    }

    public List<Mention> mentions(String reportId) {
        return jdbc.query("SELECT start_offset, end_offset, text, concept_system, concept_code, radlex_id, assertion, temporality, subject, "
                        + "section, laterality, nlp_system FROM radbridge.report_mention WHERE report_id = ? ORDER BY start_offset, ordinal",
                (rs, i) -> new Mention(rs.getInt(1), rs.getInt(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                        rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11), rs.getString(12)), reportId);
    }

    public Optional<Omop> omop(String studyUid, String accession) {
        return jdbc.query("SELECT po.procedure_occurrence_id, po.person_id, p.person_source_value, po.procedure_concept_id, "
                        + "c.vocabulary_id || ' ' || c.concept_code, c.concept_name, "
                        + "(SELECT count(*) FROM omop.image_occurrence io WHERE io.procedure_occurrence_id = po.procedure_occurrence_id), "
                        + "coalesce((SELECT cardinality(rp.omop_note_nlp_ids) FROM radbridge.report_projection rp WHERE rp.accession_number = ?), 0) "
                        + "FROM radbridge.omop_id_map m JOIN omop.procedure_occurrence po ON po.procedure_occurrence_id = m.omop_id "
                        + "LEFT JOIN omop.person p ON p.person_id = po.person_id "
                        + "LEFT JOIN omop.concept c ON c.concept_id = po.procedure_concept_id AND po.procedure_concept_id <> 0 "
                        + "WHERE m.kind = 'procedure_occurrence' AND m.natural_key = ?",
                (rs, i) -> new Omop(rs.getInt(1), rs.getInt(2), rs.getString(3), rs.getInt(4), rs.getString(5), rs.getString(6), rs.getLong(7),
                        rs.getLong(8)), accession, studyUid).stream().findFirst();
    }
}
