package org.radbridge.server.security;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Reference;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The audit trail's table ({@code radbridge.audit_event}, migration V18.1): one row per AuditEvent, its FHIR JSON and the
 * columns its searches use. Rows are only ever inserted. Token columns hold, per coding, the forms a FHIR token search
 * can name ({@code code}, {@code system|code} or {@code |code}, {@code system|}); reference columns hold {@code Type/id}
 * and {@code id}, so a search is an array overlap.
 */
public final class AuditEventStore {
    static final String INSERT = "INSERT INTO radbridge.audit_event (id, recorded, stored, type_tokens, subtype_tokens, action, outcome,"
            + " agent_refs, entity_refs, patient_refs, resource) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final DataSource dataSource;
    private final FhirContext fhir;
    /** Time in the database's part of {@link #insertQueued} (the batch's statements and its commit), since start. */
    private final AtomicLong databaseNanos = new AtomicLong();

    public AuditEventStore(DataSource dataSource, FhirContext fhir) {
        this.dataSource = dataSource;
        this.fhir = fhir;
    }

    public DataSource dataSource() { return dataSource; }

    public FhirContext fhirContext() { return fhir; }

    /** Nanoseconds spent executing and committing inserted batches since start (the rest of an insert is encoding). */
    public long databaseNanos() { return databaseNanos.get(); }

    /** Inserts the events in one transaction; gives each its id and meta (version 1, stored now) first. */
    public void insert(List<AuditEvent> events) throws SQLException {
        insertQueued(new ArrayList<>(events));
    }

    /**
     * Inserts what the audit writer queued, {@link AuditEvent}s and {@link PatientAuditEvents}, in one transaction. The
     * events of a {@link PatientAuditEvents} differ only in their id and patient: the first is encoded by HAPI, the
     * others are that JSON with the two values put in ({@link PatientEventJson}).
     */
    public void insertQueued(List<?> items) throws SQLException {
        IParser json = fhir.newJsonParser();
        try (Connection c = dataSource.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                for (Object item : items) {
                    if (item instanceof PatientAuditEvents p) {
                        bindEach(c, ps, p, json);
                    } else {
                        bind(c, ps, (AuditEvent) item, json);
                    }
                }
                long t0 = System.nanoTime();
                ps.executeBatch();
                c.commit();
                databaseNanos.addAndGet(System.nanoTime() - t0);
            } catch (SQLException | RuntimeException ex) {
                c.rollback();
                throw ex;
            } finally {
                c.setAutoCommit(auto);
            }
        }
    }

    private static void bind(Connection c, PreparedStatement ps, AuditEvent e, IParser json) throws SQLException {
        Date now = new Date();
        prepare(e, now);
        bindColumns(c, ps, Columns.of(e), e.getIdElement().getIdPart(), e.hasRecorded() ? e.getRecorded() : now, now);
        ps.setString(11, json.encodeResourceToString(e));
        ps.addBatch();
    }

    /** Its id (a new UUID unless it has one) and meta: version 1, stored now. */
    private static void prepare(AuditEvent e, Date now) {
        if (!e.hasIdElement() || e.getIdElement().getIdPart() == null) e.setId(AuditEventIds.next());
        e.setId(e.getIdElement().getIdPart());
        e.getMeta().setVersionId("1").setLastUpdatedElement(new InstantType(now));
    }

    /**
     * One row per patient. The first event is built and encoded as any event; the others' JSON is the first's with
     * their own id and patient put in ({@link PatientEventJson}: the text HAPI writes for them), and their columns are
     * the template's, worked out once, with their patient. Where the JSON cannot be reused that way, each event is built
     * and encoded.
     */
    private static void bindEach(Connection c, PreparedStatement ps, PatientAuditEvents events, IParser json) throws SQLException {
        Date now = new Date();
        AuditEvent first = events.event(0);
        prepare(first, now);
        String firstJson = json.encodeResourceToString(first);
        bindColumns(c, ps, Columns.of(first), first.getIdElement().getIdPart(), events.recorded(), now);
        ps.setString(11, firstJson);
        ps.addBatch();
        PatientEventJson reuse = PatientEventJson.of(firstJson, first.getIdElement().getIdPart(), events.patients().get(0));
        Columns template = reuse == null ? null : Columns.of(events.template());
        for (int i = 1; i < events.size(); i++) {
            String patient = events.patients().get(i);
            String id = AuditEventIds.next();
            String text = reuse == null ? null : reuse.with(id, patient);
            if (text == null) {
                bind(c, ps, events.event(i), json);
                continue;
            }
            bindColumns(c, ps, template.withPatient(patient), id, events.recorded(), now);
            ps.setString(11, text);
            ps.addBatch();
        }
    }

    /** The columns but the id, the times and the JSON. */
    private static void bindColumns(Connection c, PreparedStatement ps, Columns columns, String id, Date recorded, Date now)
            throws SQLException {
        ps.setString(1, id);
        ps.setTimestamp(2, new Timestamp(recorded.getTime()));
        ps.setTimestamp(3, new Timestamp(now.getTime()));
        ps.setArray(4, c.createArrayOf("text", columns.types().toArray()));
        ps.setArray(5, c.createArrayOf("text", columns.subtypes().toArray()));
        ps.setString(6, columns.action());
        ps.setString(7, columns.outcome());
        ps.setArray(8, c.createArrayOf("text", columns.agents().forms().toArray()));
        ps.setArray(9, c.createArrayOf("text", columns.entities().forms().toArray()));
        Set<String> patients = new LinkedHashSet<>(columns.agents().patients());
        patients.addAll(columns.entities().patients());
        ps.setArray(10, c.createArrayOf("text", patients.toArray()));
    }

    /**
     * The search columns an event's model gives (codings' token forms, action, outcome, agents' and entities' reference
     * forms). Worked out once for a request's template, then {@link #withPatient} per patient: the events of a search
     * page differ only in that entity.
     */
    private record Columns(List<String> types, List<String> subtypes, String action, String outcome,
                           ReferenceForms agents, ReferenceForms entities) {
        static Columns of(AuditEvent e) {
            return new Columns(tokens(e.hasType() ? List.of(e.getType()) : List.of()), tokens(e.getSubtype()),
                    e.hasAction() ? e.getAction().toCode() : null, e.hasOutcome() ? e.getOutcome().toCode() : null,
                    ReferenceForms.of(e.getAgent().stream().map(AuditEvent.AuditEventAgentComponent::getWho).toList()),
                    ReferenceForms.of(e.getEntity().stream().map(AuditEvent.AuditEventEntityComponent::getWhat).toList()));
        }

        /** These columns with one more entity, the patient's (as {@link ReferenceForms#of} over all of them gives). */
        Columns withPatient(String patient) {
            return new Columns(types, subtypes, action, outcome, agents,
                    entities.and(ReferenceForms.of(List.of(new Reference(patient)))));
        }
    }

    /** The forms of each coding a token search can name. */
    static List<String> tokens(List<Coding> codings) {
        Set<String> out = new LinkedHashSet<>();
        for (Coding coding : codings) {
            if (!coding.hasCode()) continue;
            out.add(coding.getCode());
            out.add((coding.hasSystem() ? coding.getSystem() : "") + "|" + coding.getCode());
            if (coding.hasSystem()) out.add(coding.getSystem() + "|");
        }
        return new ArrayList<>(out);
    }

    /**
     * Each literal reference as written, as Type/id and as id ({@code forms}: BALP names the patient and the data with the
     * server's absolute URL, {@code http://host/fhir/Patient/1}, a search names {@code Patient/1} or {@code 1}), and the
     * Type/id of those to a Patient ({@code patients}); each reference is parsed once, as the writer does this for every
     * event of every audited request.
     */
    record ReferenceForms(List<String> forms, List<String> patients) {
        static ReferenceForms of(List<Reference> refs) {
            Set<String> forms = new LinkedHashSet<>();
            Set<String> patients = new LinkedHashSet<>();
            for (Reference r : refs) {
                if (r == null || !r.hasReference()) continue;
                forms.add(r.getReference());
                IdType id = new IdType(r.getReference());
                if (id.getIdPart() == null) continue;
                if (id.hasResourceType()) forms.add(id.getResourceType() + "/" + id.getIdPart());
                forms.add(id.getIdPart());
                if ("Patient".equals(id.getResourceType())) patients.add("Patient/" + id.getIdPart());
            }
            return new ReferenceForms(new ArrayList<>(forms), new ArrayList<>(patients));
        }

        /** The forms of these references followed by those of {@code more}, each once. */
        ReferenceForms and(ReferenceForms more) {
            Set<String> forms = new LinkedHashSet<>(this.forms);
            forms.addAll(more.forms);
            Set<String> patients = new LinkedHashSet<>(this.patients);
            patients.addAll(more.patients);
            return new ReferenceForms(new ArrayList<>(forms), new ArrayList<>(patients));
        }
    }
}
