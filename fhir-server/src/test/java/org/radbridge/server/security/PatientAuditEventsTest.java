package org.radbridge.server.security;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Narrative;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The per-patient events of a request handed over as one ({@link PatientAuditEvents}) are stored as the same rows as
 * the same events stored one by one: each row's JSON is exactly what HAPI writes for that event, its search columns
 * those of the event; also where a patient reference cannot be put into the shared JSON as it is.
 */
class PatientAuditEventsTest {
    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final String COLUMNS = "recorded, type_tokens, subtype_tokens, action, outcome, agent_refs, entity_refs, patient_refs";

    @TempDir
    static Path tmp;

    @Test
    void groupIsStoredAsTheSameRowsAsItsEventsOneByOne() throws Exception {
        List<String> patients = List.of("http://rb.test/fhir/Patient/p1", "http://rb.test/fhir/Patient/p2",
                "http://rb.test/fhir/Patient/\u00e9t\u00e9", "http://rb.test/fhir/Patient/q\"3", "Patient/4");
        PatientAuditEvents group = new PatientAuditEvents(template(), patients, new Date(1_764_000_000_123L));
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(tmp.resolve("pg")).setCleanDataDirectory(true).start()) {
            DataSource ds = pg.getPostgresDatabase();
            Flyway.configure().dataSource(ds).locations("classpath:db/radbridge").schemas("radbridge", "omop").load().migrate();
            AuditEventStore store = new AuditEventStore(ds, FHIR);
            AuditEvent single = group.event(0);
            store.insertQueued(List.of(single, group));
            Map<String, List<String>> grouped = rows(ds);
            assertThat(grouped).hasSize(1 + patients.size());
            try (Connection c = ds.getConnection(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT recorded, entity_refs, patient_refs, agent_refs, subtype_tokens, action, outcome"
                         + " FROM radbridge.audit_event WHERE id IN (" + String.join(",", grouped.keySet().stream().map(k -> "'" + k + "'").toList()) + ")")) {
                int n = 0;
                while (rs.next()) {
                    n++;
                    assertThat(rs.getTimestamp("recorded").getTime()).isEqualTo(group.recorded().getTime());
                    List<String> entities = Arrays.asList((String[]) rs.getArray("entity_refs").getArray());
                    String patient = entities.stream().filter(patients::contains).findFirst().orElseThrow();
                    String id = patient.substring(patient.lastIndexOf('/') + 1);
                    assertThat(entities).as("values with quotes and accents come back as written").containsExactlyElementsOf(new java.util.LinkedHashSet<>(List.of(patient, "Patient/" + id, id)));
                    assertThat((String[]) rs.getArray("patient_refs").getArray()).containsExactly("Patient/" + id);
                    assertThat((String[]) rs.getArray("agent_refs").getArray()).isEmpty();
                    assertThat((String[]) rs.getArray("subtype_tokens").getArray()).containsExactly("search-type",
                            "http://hl7.org/fhir/restful-interaction|search-type", "http://hl7.org/fhir/restful-interaction|");
                    assertThat(rs.getString("action")).isEqualTo("E");
                    assertThat(rs.getString("outcome")).isEqualTo("0");
                }
                assertThat(n).isEqualTo(1 + patients.size());
            }
            try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
                st.execute("DELETE FROM radbridge.audit_event");
            }
            store.insert(group.events());
            Map<String, List<String>> oneByOne = rows(ds);
            assertThat(grouped.values().stream().map(r -> r.subList(0, r.size() - 1)).toList())
                    .as("search columns")
                    .containsExactlyInAnyOrderElementsOf(withFirstTwice(oneByOne.values().stream().map(r -> r.subList(0, r.size() - 1)).toList()));

            IParser json = FHIR.newJsonParser();
            List<String> seenPatients = new ArrayList<>();
            for (Map.Entry<String, List<String>> row : grouped.entrySet()) {
                String stored = row.getValue().get(row.getValue().size() - 1);
                AuditEvent parsed = json.parseResource(AuditEvent.class, stored);
                assertThat(parsed.getIdElement().getIdPart()).isEqualTo(row.getKey());
                String patient = parsed.getEntity().get(parsed.getEntity().size() - 1).getWhat().getReference();
                seenPatients.add(patient);
                AuditEvent expected = group.event(patients.indexOf(patient));
                expected.setId(row.getKey());
                expected.getMeta().setVersionId("1").setLastUpdatedElement(new InstantType(parsed.getMeta().getLastUpdatedElement().getValueAsString()));
                assertThat(stored).as("JSON of " + patient).isEqualTo(json.encodeResourceToString(expected));
            }
            List<String> expectedPatients = new ArrayList<>(patients);
            expectedPatients.add(patients.get(0));
            assertThat(seenPatients).containsExactlyInAnyOrderElementsOf(expectedPatients);
        }
    }

    @Test
    void jsonIsReusedOnlyForPlainValuesFoundOnce() {
        String json = "{\"resourceType\":\"AuditEvent\",\"id\":\"a\",\"entity\":[{\"what\":{\"reference\":\"Patient/1\"}}]}";
        PatientEventJson reuse = PatientEventJson.of(json, "a", "Patient/1");
        assertThat(reuse).isNotNull();
        assertThat(reuse.with("b", "Patient/2")).isEqualTo(json.replace("\"a\"", "\"b\"").replace("Patient/1", "Patient/2"));
        assertThat(reuse.with("b", "Patient/\u00e9")).isNull();
        assertThat(reuse.with("b", "Patient/\\2")).isNull();
        String twice = json.replace("]}", ",{\"what\":{\"reference\":\"Patient/1\"}}]}");
        assertThat(PatientEventJson.of(twice, "a", "Patient/1")).isNull();
        assertThat(PatientEventJson.of(json, "x", "Patient/1")).isNull();
    }

    /** A request's event as the BALP capture builds it: narrative, agents, request id and query entities. */
    private static AuditEvent template() {
        AuditEvent e = new AuditEvent();
        e.getMeta().addProfile("https://profiles.ihe.net/ITI/BALP/StructureDefinition/IHE.BasicAudit.PatientQuery");
        e.getText().setStatus(Narrative.NarrativeStatus.GENERATED).setDivAsString("<div>Audit Event</div>");
        e.setType(new Coding("http://terminology.hl7.org/CodeSystem/audit-event-type", "rest", "Restful Operation"));
        e.addSubtype(new Coding("http://hl7.org/fhir/restful-interaction", "search-type", "search-type"));
        e.setAction(AuditEvent.AuditEventAction.E).setOutcome(AuditEvent.AuditEventOutcome._0).setRecorded(new Date());
        e.addAgent().setRequestor(false).setWho(new Reference().setDisplay("10.1.2.3")).getNetwork().setAddress("10.1.2.3");
        e.addAgent().setRequestor(true).setWho(new Reference().setIdentifier(new Identifier().setSystem("urn:radbridge:api-token")
                .setValue("ehr")).setDisplay("ehr (r\u00e9ader)"));
        e.addEntity().getWhat().getIdentifier().setValue("req-1, \"quoted\"\n\\ next line");
        AuditEvent.AuditEventEntityComponent query = e.addEntity().setDescription("GET http://rb.test/fhir/ImagingStudy?patient=http://rb.test/fhir/Patient/p1");
        query.setQuery("http://rb.test/fhir/ImagingStudy?patient=Patient%2Fp1".getBytes());
        return e;
    }

    private static List<List<String>> withFirstTwice(List<List<String>> rows) {
        List<List<String>> out = new ArrayList<>(rows);
        out.add(rows.stream().filter(r -> r.get(7).contains("Patient/p1")).findFirst().orElseThrow());
        return out;
    }

    /** id → the search columns as text, then the JSON. */
    private static Map<String, List<String>> rows(DataSource ds) throws Exception {
        Map<String, List<String>> out = new LinkedHashMap<>();
        try (Connection c = ds.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT id, " + COLUMNS + ", resource FROM radbridge.audit_event")) {
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (String column : COLUMNS.split(", ")) {
                    Object v = rs.getObject(column);
                    row.add(v instanceof java.sql.Array a ? Arrays.toString((Object[]) a.getArray()) : String.valueOf(v));
                }
                row.add(rs.getString("resource"));
                out.put(rs.getString("id"), row);
            }
        }
        return out;
    }
}
