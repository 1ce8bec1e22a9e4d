package org.radbridge.cli;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.radbridge.config.RadBridgeSettings;
import org.radbridge.deid.Pseudonymizer;
import org.radbridge.deid.dicom.DescriptorReviewer;
import org.radbridge.mappings.MappingSet;
import org.radbridge.server.config.EmbeddedDatabase;
import org.radbridge.server.config.PseudonymKey;
import org.radbridge.server.dicomweb.ResearchDicomWebConfig;
import org.radbridge.terminology.Terminology;

import javax.sql.DataSource;

/**
 * The database and keys of a data directory for the research commands (export, reidentify), without starting the
 * application: the running server's database when there is one, else the embedded database started here (migrated,
 * as the server would). Closing stops what was started.
 */
final class ResearchDatabase implements AutoCloseable {
    final RadBridgeSettings settings;
    final HikariDataSource dataSource;
    final Pseudonymizer keys;
    private final EmbeddedDatabase embedded;

    ResearchDatabase() throws Exception {
        StderrLogging.apply();
        settings = RadBridgeSettings.fromEnvironment();
        EmbeddedDatabase db = new EmbeddedDatabase(settings);
        String url;
        if (ServerLock.running(settings)) {
            embedded = null;
            url = db.jdbcUrl();
        } else {
            db.start();
            embedded = db;
            url = db.jdbcUrl();
        }
        HikariConfig c = new HikariConfig();
        c.setPoolName("research-cli");
        c.setJdbcUrl(url);
        c.setUsername(settings.dbUser());
        c.setPassword(settings.dbPassword());
        c.setMaximumPoolSize(3);
        dataSource = new HikariDataSource(c);
        if (embedded != null) {
            Flyway.configure().dataSource(dataSource).schemas("radbridge", "omop").locations("classpath:db/radbridge").load().migrate();
        }
        String key = PseudonymKey.resolve(settings);
        org.radbridge.deid.LogRef.useKey(key);
        keys = new Pseudonymizer(key);
    }

    DataSource dataSource() {
        return dataSource;
    }

    /** Clean Descriptors for exports, as the research DICOMweb applies them. */
    DescriptorReviewer descriptorReviewer() throws Exception {
        MappingSet mappings = MappingSet.load(settings.mappingsDir(), Terminology.load(settings.terminologyDir()));
        return ResearchDicomWebConfig.procedureDescriptions(v -> mappings.resolve("procedure", v, null));
    }

    static String version() {
        String v = ResearchDatabase.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0-SNAPSHOT" : v;
    }

    @Override
    public void close() throws Exception {
        dataSource.close();
        if (embedded != null) embedded.close();
    }
}
