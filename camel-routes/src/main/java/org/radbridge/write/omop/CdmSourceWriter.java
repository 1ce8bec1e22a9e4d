package org.radbridge.write.omop;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** Describes this OMOP instance in CDM_SOURCE, as OHDSI tools (ATLAS, Achilles, DQD) expect one row there. */
public final class CdmSourceWriter {
    private final DataSource dataSource;

    public CdmSourceWriter(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void write() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            st.execute("DELETE FROM omop.cdm_source");
            // 756265 is the OMOP concept for CDM version 5.4
            st.execute("INSERT INTO omop.cdm_source (cdm_source_name, cdm_source_abbreviation, cdm_holder, source_description, "
                    + "cdm_etl_reference, source_release_date, cdm_release_date, cdm_version, cdm_version_concept_id, vocabulary_version) "
                    + "VALUES ('RadBridge imaging research view', 'RadBridge', 'local site', "
                    + "'DICOM metadata and radiology reports from PACS, pseudonymised', 'RadBridge ETL (sql/migrations)', "
                    + "current_date, current_date, 'v5.4', 756265, "
                    + "COALESCE((SELECT vocabulary_version FROM omop.vocabulary WHERE vocabulary_id = 'None'), 'RadBridge subset'))");
            c.commit();
        }
    }
}
