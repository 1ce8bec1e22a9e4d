package org.radbridge.cli;

import com.zaxxer.hikari.HikariDataSource;
import org.radbridge.config.RadBridgeSettings;
import org.radbridge.deid.Pseudonymizer;
import org.radbridge.deid.dicom.DescriptorReviewer;
import org.radbridge.map.CurrentMappings;
import org.radbridge.mappings.MappingSet;
import org.radbridge.server.config.DatabaseConfig;
import org.radbridge.server.config.EmbeddedDatabase;
import org.radbridge.server.config.PseudonymKey;
import org.radbridge.server.dicomweb.ResearchDicomWebConfig;
import org.radbridge.terminology.Terminology;
import org.radbridge.terminology.VocabularyLoader;

import javax.sql.DataSource;
import java.io.IOException;
import java.util.Map;

/**
 * The database of a data directory and nothing else, for commands that read or write the radbridge and omop schemas
 * ({@code mappings report}, {@code vocab import}, {@code omop rebuild|export}, {@code dq}, {@code cohort}, {@code qc},
 * {@code recipe}, {@code export}, {@code reidentify}): no Spring context, no HAPI FHIR, no web server, no receivers.
 * On the demo data `mappings report` and `vocab import` took 4-5 s of CPU this way against 34-36 s with the whole
 * application.
 *
 * <p>{@link #open} finds out who runs the database first (see {@link ServerLock#claim}):
 * <ul>
 *   <li>a server runs on the data directory, or is starting (then it waits, saying so on standard error): the
 *       command connects to that server's PostgreSQL, whose schemas the server has migrated; {@link #viaServer()}
 *       is true, and a command that changes what the server holds in memory (mappings, vocabulary) should hand its
 *       work to the server's /api instead;</li>
 *   <li>otherwise it takes the data directory's lock (waiting for another command that holds it), starts the embedded
 *       PostgreSQL (or connects to RADBRIDGE_DB_URL) and brings the schemas up to date with Flyway.</li>
 * </ul>
 * Use:
 * <pre>{@code
 * try (DatabaseOnly db = DatabaseOnly.open(RadBridgeSettings.fromEnvironment())) {
 *     new MyQuery(db.dataSource()).run(System.out);           // result on standard output, messages on standard error
 * }
 * }</pre>
 * {@link #mappingSet()} gives the mapping files as validated objects (for reports), {@link #currentMappings()} the
 * mappings with their OMOP concept ids as the pipeline uses them (it loads terminology/ into the vocabulary tables
 * first, as the server does at start), {@link #pseudonymizer()} the data directory's pseudonym key and
 * {@link #descriptorReviewer()} the Clean Descriptors review the research side applies (exports).
 */
public final class DatabaseOnly implements AutoCloseable {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(DatabaseOnly.class);
    private final RadBridgeSettings settings;
    private final ServerLock.Owner owner;
    private final EmbeddedDatabase database;
    private final HikariDataSource dataSource;
    private Pseudonymizer pseudonymizer;

    private DatabaseOnly(RadBridgeSettings settings, ServerLock.Owner owner, EmbeddedDatabase database, HikariDataSource dataSource) {
        this.settings = settings;
        this.owner = owner;
        this.database = database;
        this.dataSource = dataSource;
    }

    public static DatabaseOnly open(RadBridgeSettings settings) throws Exception {
        ServerLock.Owner owner = ServerLock.claim(settings);
        EmbeddedDatabase db = new EmbeddedDatabase(settings);
        HikariDataSource ds = null;
        try {
            if (!owner.server()) db.start();
            ds = DatabaseConfig.pool("radbridge-cli", db.jdbcUrl(), settings, null, 4);
            if (!owner.server()) migrate(ds, settings);
            return new DatabaseOnly(settings, owner, owner.server() ? null : db, ds);
        } catch (Exception e) {
            if (ds != null) ds.close();
            if (!owner.server()) db.close();
            owner.close();
            throw e;
        }
    }

    private static void migrate(DataSource ds, RadBridgeSettings settings) {
        try {
            DatabaseConfig.migrate(ds);
        } catch (RuntimeException e) {
            // a read-only research login (omop_reader) on an external database may not migrate; its owner has done it
            if (!settings.externalDatabase()) throw e;
            log.warn("Database migrations not applied as {}: {}", settings.dbUser(), e.getMessage());
        }
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public RadBridgeSettings settings() {
        return settings;
    }

    /** True when the database is the one of a server running on the data directory. */
    public boolean viaServer() {
        return owner.server();
    }

    /** The mapping files, validated against terminology/ (no concept ids: nothing is written). */
    public MappingSet mappingSet() throws IOException {
        return MappingSet.load(settings.mappingsDir(), Terminology.load(settings.terminologyDir()));
    }

    /** The mappings as the pipeline uses them: terminology/ loaded into the vocabulary tables, concept ids resolved. */
    public CurrentMappings currentMappings() throws Exception {
        Terminology terminology = Terminology.load(settings.terminologyDir());
        Map<String, Integer> ids = new VocabularyLoader(dataSource).load(terminology);
        return new CurrentMappings(MappingSet.load(settings.mappingsDir(), terminology).withConceptIds(ids));
    }

    /** The data directory's pseudonym key (created on first use, as the server does), also keying log references. */
    public Pseudonymizer pseudonymizer() throws IOException {
        if (pseudonymizer == null) {
            String key = PseudonymKey.resolve(settings);
            org.radbridge.deid.LogRef.useKey(key);
            pseudonymizer = new Pseudonymizer(key);
        }
        return pseudonymizer;
    }

    /** Clean Descriptors for exports, as the research DICOMweb applies them. */
    public DescriptorReviewer descriptorReviewer() throws IOException {
        MappingSet mappings = mappingSet();
        return ResearchDicomWebConfig.procedureDescriptions(v -> mappings.resolve("procedure", v, null));
    }

    @Override
    public void close() throws IOException {
        try {
            dataSource.close();
            if (database != null) database.close();
        } finally {
            owner.close();
        }
    }
}
