package org.radbridge.write.omop;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * Describes this OMOP instance in CDM_SOURCE (the one row OHDSI tools such as ATLAS, Achilles and DQD read) and
 * METADATA (what loaded it: RadBridge version, vocabulary version, load date). Rewritten at every start, so the
 * rows follow an upgrade or a vocabulary import.
 */
public final class CdmSourceWriter {
    /** The vocabulary version: Athena's 'None' row names the release; the shipped subset names itself. */
    private static final String VOCABULARY_VERSION =
            "COALESCE((SELECT NULLIF(vocabulary_version, 'RadBridge terminology subset') FROM omop.vocabulary WHERE vocabulary_id = 'None'), 'RadBridge subset')";
    private final DataSource dataSource;

    public CdmSourceWriter(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void write() throws SQLException {
        String version = radbridgeVersion();
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            st.execute("DELETE FROM omop.cdm_source");
            // 756265: the CDM vocabulary concept of CDM version 5.4 (terminology/codesystems/omop-cdm-metadata.csv)
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO omop.cdm_source (cdm_source_name, cdm_source_abbreviation, cdm_holder, source_description, "
                            + "source_documentation_reference, cdm_etl_reference, source_release_date, cdm_release_date, cdm_version, "
                            + "cdm_version_concept_id, vocabulary_version) VALUES ('RadBridge imaging research view', 'RadBridge', 'local site', "
                            + "'DICOM metadata and radiology reports from PACS, pseudonymised; one visit per imaging study', "
                            + "'docs/research.md (OMOP research view)', ?, current_date, current_date, 'v5.4', 756265, left(" + VOCABULARY_VERSION + ", 20))")) {
                ps.setString(1, "RadBridge " + version + " (sql/migrations, camel-routes write/omop)");
                ps.executeUpdate();
            }
            st.execute("DELETE FROM omop.metadata WHERE metadata_id BETWEEN 1 AND 3");
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO omop.metadata (metadata_id, metadata_concept_id, metadata_type_concept_id, name, value_as_string, "
                            + "metadata_date, metadata_datetime) VALUES (?, 0, 0, ?, left(?, 250), current_date, now())")) {
                add(ps, 1, "RadBridge version", version);
                add(ps, 2, "OMOP CDM version", "5.4 with the OHDSI Medical Imaging extension (IMAGE_OCCURRENCE, IMAGE_FEATURE)");
                ps.executeBatch();
            }
            st.execute("INSERT INTO omop.metadata (metadata_id, metadata_concept_id, metadata_type_concept_id, name, value_as_string, "
                    + "metadata_date, metadata_datetime) VALUES (3, 0, 0, 'Vocabulary version', left(" + VOCABULARY_VERSION + ", 250), current_date, now())");
            c.commit();
        }
    }

    private static void add(PreparedStatement ps, int id, String name, String value) throws SQLException {
        ps.setInt(1, id);
        ps.setString(2, name);
        ps.setString(3, value);
        ps.addBatch();
    }

    /** The project version Maven wrote into the NLP system properties at build time. */
    static String radbridgeVersion() {
        Properties p = new Properties();
        try (InputStream in = CdmSourceWriter.class.getResourceAsStream("/org/radbridge/report/nlp-system.properties")) {
            if (in != null) p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String v = p.getProperty("radbridge.version", "unknown");
        return v.startsWith("${") ? "unknown" : v;
    }
}
