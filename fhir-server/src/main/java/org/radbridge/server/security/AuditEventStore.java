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
import java.util.UUID;

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

    public AuditEventStore(DataSource dataSource, FhirContext fhir) {
        this.dataSource = dataSource;
        this.fhir = fhir;
    }

    public DataSource dataSource() { return dataSource; }

    public FhirContext fhirContext() { return fhir; }

    /** Inserts the events in one transaction; gives each its id and meta (version 1, stored now) first. */
    public void insert(List<AuditEvent> events) throws SQLException {
        IParser json = fhir.newJsonParser();
        try (Connection c = dataSource.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                for (AuditEvent e : events) {
                    bind(c, ps, e, json);
                    ps.addBatch();
                }
                ps.executeBatch();
                c.commit();
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
        if (!e.hasIdElement() || e.getIdElement().getIdPart() == null) e.setId(UUID.randomUUID().toString());
        e.setId(e.getIdElement().getIdPart());
        e.getMeta().setVersionId("1").setLastUpdatedElement(new InstantType(now));
        Date recorded = e.hasRecorded() ? e.getRecorded() : now;
        ps.setString(1, e.getIdElement().getIdPart());
        ps.setTimestamp(2, new Timestamp(recorded.getTime()));
        ps.setTimestamp(3, new Timestamp(now.getTime()));
        ps.setArray(4, c.createArrayOf("text", tokens(e.hasType() ? List.of(e.getType()) : List.of()).toArray()));
        ps.setArray(5, c.createArrayOf("text", tokens(e.getSubtype()).toArray()));
        ps.setString(6, e.hasAction() ? e.getAction().toCode() : null);
        ps.setString(7, e.hasOutcome() ? e.getOutcome().toCode() : null);
        ReferenceForms agents = ReferenceForms.of(e.getAgent().stream().map(AuditEvent.AuditEventAgentComponent::getWho).toList());
        ReferenceForms entities = ReferenceForms.of(e.getEntity().stream().map(AuditEvent.AuditEventEntityComponent::getWhat).toList());
        ps.setArray(8, c.createArrayOf("text", agents.forms().toArray()));
        ps.setArray(9, c.createArrayOf("text", entities.forms().toArray()));
        Set<String> patients = new LinkedHashSet<>(agents.patients());
        patients.addAll(entities.patients());
        ps.setArray(10, c.createArrayOf("text", patients.toArray()));
        ps.setString(11, json.encodeResourceToString(e));
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
    }
}
