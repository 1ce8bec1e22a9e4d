package org.radbridge.server;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/** Row and resource counts of both views, as printed by demo and ingest. */
@Component
public class ViewCounts {
    private final DataSource radbridge;
    private final DataSource hapi;

    public ViewCounts(@Qualifier("radbridgeDataSource") DataSource radbridge, DataSource hapi) {
        this.radbridge = radbridge;
        this.hapi = hapi;
    }

    public Map<String, Long> counts() throws SQLException {
        Map<String, Long> out = new LinkedHashMap<>();
        try (Connection c = radbridge.getConnection(); Statement st = c.createStatement()) {
            for (String t : new String[] {"radbridge.study", "radbridge.instance", "radbridge.report", "radbridge.quarantine",
                    "omop.person", "omop.observation_period", "omop.procedure_occurrence", "omop.image_occurrence",
                    "omop.note", "omop.note_nlp", "omop.observation", "omop.condition_occurrence", "omop.measurement", "omop.image_feature"}) {
                out.put(t, count(st, "SELECT count(*) FROM " + t));
            }
            out.put("reports waiting for study", count(st, "SELECT count(*) FROM radbridge.report WHERE link_status = 'pending'"));
            out.put("reports not linked", count(st, "SELECT count(*) FROM radbridge.report WHERE link_status = 'mismatch'"));
        }
        try (Connection c = hapi.getConnection(); Statement st = c.createStatement()) {
            for (String type : new String[] {"Patient", "ImagingStudy", "DiagnosticReport", "Observation", "Provenance"}) {
                out.put("FHIR " + type, count(st, "SELECT count(*) FROM fhir.hfj_resource WHERE res_type = '" + type + "' AND res_deleted_at IS NULL"));
            }
        }
        return out;
    }

    /** What an ingest run did, as counts named like the columns of a table (files, instances_new ...). */
    public static Map<String, Long> ingestCounts(org.radbridge.ingest.IngestSummary s) {
        Map<String, Long> out = new LinkedHashMap<>();
        out.put("files", s.filesSeen());
        out.put("instances_new", s.instancesNew());
        out.put("instances_already_staged", s.instancesAlreadyStaged());
        out.put("reports_new", s.reportsNew());
        out.put("reports_already_staged", s.reportsAlreadyStaged());
        out.put("studies_projected", (long) s.studiesProjected());
        out.put("reports_projected", (long) s.reportsProjected());
        out.put("reports_waiting", s.reportsPending());
        out.put("reports_not_linked", s.reportsNotLinked());
        out.put("quarantined", (long) s.quarantined().size());
        out.put("not_projected", (long) s.projectionProblems().size());
        return out;
    }

    /**
     * Counts as a command's result on standard output: one "name TAB count" line each, nothing else, so that
     * {@code cut}, {@code awk -F'\t'} or any TSV reader takes them as they are.
     */
    public static String tsv(Map<String, Long> counts) {
        StringBuilder b = new StringBuilder();
        counts.forEach((k, v) -> b.append(k).append('\t').append(v).append('\n'));
        return b.toString();
    }

    public String describe() throws SQLException {
        StringBuilder b = new StringBuilder();
        counts().forEach((k, v) -> b.append(String.format("  %-28s %d%n", k, v)));
        return b.toString();
    }

    private static long count(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
