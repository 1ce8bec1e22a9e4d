package org.radbridge.server.config;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.radbridge.config.RadBridgeSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

import javax.sql.DataSource;

/**
 * Two connection pools on the same database: HAPI's, whose search path is schema fhir, and
 * RadBridge's own for the radbridge and omop schemas, which Flyway migrates from sql/migrations.
 */
@Configuration
public class DatabaseConfig {
    private static final Logger log = LoggerFactory.getLogger(DatabaseConfig.class);

    @Bean
    public RadBridgeSettings radBridgeSettings() {
        return RadBridgeSettings.fromEnvironment();
    }

    @Bean(destroyMethod = "close")
    public EmbeddedDatabase embeddedDatabase(RadBridgeSettings settings) throws Exception {
        EmbeddedDatabase db = new EmbeddedDatabase(settings);
        db.start();
        return db;
    }

    @Bean(destroyMethod = "close")
    @Primary
    public DataSource dataSource(EmbeddedDatabase db, RadBridgeSettings settings) {
        // HAPI runs its searches as prepared statements; after five runs PostgreSQL may switch a statement to a generic
        // plan, costed without the parameter values. For a search by modality and date range that plan estimated a
        // few hundred rows for any modality code (tens of thousands at 100,000 studies) and probed the date index once
        // per study of the modality: 100-470 ms per count instead of about 15 ms with the values' own plan.
        // random_page_cost 1.1 instead of 4 (a disk seek): HAPI's search tables and indexes are read from memory or
        // SSD, where an index probe costs about as much as a sequential page. With 4 the planner walked a modality's
        // index entries and probed the date index for each (6,000 probes for 50 results at 100,000 studies) rather
        // than merging the two indexes by resource id: page query 21 ms on average, 45 ms at worst, against 12 / 20 ms
        // over the same 20 modality + date searches.
        return pool("hapi", db.jdbcUrl(), settings, "fhir", 10, "SET plan_cache_mode = force_custom_plan; SET random_page_cost = 1.1");
    }

    @Bean(destroyMethod = "close")
    public DataSource radbridgeDataSource(EmbeddedDatabase db, RadBridgeSettings settings) {
        return pool("radbridge", db.jdbcUrl(), settings, null, 8);
    }

    @Bean
    public Flyway radbridgeMigrations(@Qualifier("radbridgeDataSource") DataSource ds) {
        return migrate(ds);
    }

    /** Brings schemas radbridge and omop up to date from sql/migrations (the server and the database-only commands). */
    public static Flyway migrate(DataSource ds) {
        // radbridge first: Flyway's history table then lives there, out of the read-only omop role's sight
        Flyway flyway = Flyway.configure()
                .dataSource(ds)
                .schemas("radbridge", "omop")
                .locations("classpath:db/radbridge")
                .load();
        int applied = flyway.migrate().migrationsExecuted;
        log.info("Database: schemas radbridge and omop up to date ({} migrations applied now)", applied);
        return flyway;
    }

    public static HikariDataSource pool(String name, String url, RadBridgeSettings settings, String schema, int size) {
        return pool(name, url, settings, schema, size, null);
    }

    static HikariDataSource pool(String name, String url, RadBridgeSettings settings, String schema, int size, String initSql) {
        HikariConfig c = new HikariConfig();
        if (initSql != null) c.setConnectionInitSql(initSql);
        c.setPoolName(name);
        c.setJdbcUrl(url);
        c.setUsername(settings.dbUser());
        c.setPassword(settings.dbPassword());
        c.setMaximumPoolSize(size);
        if (schema != null) c.setSchema(schema);
        // lets the driver send a batch of inserts as multi-row statements: staging writes in batches
        c.addDataSourceProperty("reWriteBatchedInserts", "true");
        return new HikariDataSource(c);
    }
}
