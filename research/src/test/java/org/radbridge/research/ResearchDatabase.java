package org.radbridge.research;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.radbridge.research.bench.OmopGenerator;
import org.radbridge.terminology.Terminology;
import org.radbridge.terminology.VocabularyLoader;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Connection;

/** A real PostgreSQL with the RadBridge migrations, the terminology subsets and generated OMOP rows, for e2e tests. */
public final class ResearchDatabase implements AutoCloseable {
    public static final Path HOME = Path.of(System.getProperty("radbridge.home", ".."));
    private final EmbeddedPostgres pg;

    private ResearchDatabase(EmbeddedPostgres pg) {
        this.pg = pg;
    }

    public static ResearchDatabase start(OmopGenerator.Size size) throws Exception {
        EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
        DataSource ds = pg.getPostgresDatabase();
        Flyway.configure().dataSource(ds).schemas("radbridge", "omop").locations("classpath:db/radbridge").load().migrate();
        new VocabularyLoader(ds).load(Terminology.load(HOME.resolve("terminology/codesystems")));
        if (size != null) {
            try (Connection c = ds.getConnection()) {
                OmopGenerator.generate(c, size, 0);
            }
        }
        return new ResearchDatabase(pg);
    }

    public DataSource dataSource() {
        return pg.getPostgresDatabase();
    }

    public int port() {
        return pg.getPort();
    }

    @Override
    public void close() throws Exception {
        pg.close();
    }
}
