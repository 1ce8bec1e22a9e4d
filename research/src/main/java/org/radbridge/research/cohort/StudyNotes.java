package org.radbridge.research.cohort;

/**
 * How research SQL finds the report of a study and what each NOTE_NLP mention asserts. Shared by the cohort compiler
 * and the manifest's weak labels so that a cohort filter and a label never disagree.
 */
public final class StudyNotes {
    private StudyNotes() {}

    /** OMOP field concept "procedure_occurrence.procedure_occurrence_id": note_event_id names the study's procedure. */
    public static final int PROCEDURE_FIELD_CONCEPT = 1147082;

    /**
     * (procedure_occurrence_id, note_id) pairs: the NOTE whose note_event_id names the study's PROCEDURE_OCCURRENCE;
     * a note without an event link (projected before RadBridge set it) belongs to the studies of its person on its date.
     */
    public static final String STUDY_NOTE_SQL = """
            SELECT n.note_event_id AS procedure_occurrence_id, n.note_id FROM omop.note n
              WHERE n.note_event_field_concept_id = %d
            UNION ALL
            SELECT po.procedure_occurrence_id, n.note_id FROM omop.note n
              JOIN omop.procedure_occurrence po ON po.person_id = n.person_id AND po.procedure_date = n.note_date
              WHERE n.note_event_id IS NULL""".formatted(PROCEDURE_FIELD_CONCEPT);

    /**
     * The assertion of a mention, present / absent / possible: RadBridge writes it into term_modifiers
     * ("assertion=...,subject=...,temporality=..."); other NLP systems' rows fall back to term_exists (Y present, N absent).
     * Alias of note_nlp must be {@code nlp}.
     */
    public static final String ASSERTION_SQL =
            "coalesce(substring(nlp.term_modifiers FROM 'assertion=([a-z]+)'), CASE nlp.term_exists WHEN 'Y' THEN 'present' WHEN 'N' THEN 'absent' END)";

    /** Mentions that speak of the patient's current state: not about family members, not historical. Alias {@code nlp}. */
    public static final String ABOUT_PATIENT_NOW_SQL =
            "coalesce(substring(nlp.term_modifiers FROM 'subject=([a-z]+)'), 'patient') = 'patient' AND nlp.term_temporal IS DISTINCT FROM 'past'";

    /** Per-study status from its mentions' assertions (CheXpert order): present, else uncertain, else absent. Alias {@code a}. */
    public static final String AGGREGATE_STATUS_SQL =
            "CASE WHEN bool_or(a = 'present') THEN 'present' WHEN bool_or(a = 'possible') THEN 'uncertain' WHEN bool_or(a = 'absent') THEN 'absent' END";
}
