package org.radbridge.terminology;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import javax.sql.DataSource;
import java.io.Reader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Athena import at the size of a real download, as a benchmark-style check (run with
 * {@code mvn -B -o -pl terminology -am verify -Pbenchmark}; sizes with {@code -Dathena.concepts=N}
 * and {@code -Dathena.relationships.per.concept=R}). Generates a synthetic download in Athena's
 * layout (2,000,000 concepts by default), imports it into an embedded PostgreSQL with the RadBridge
 * migrations, twice (the second run is the idempotent re-import), and prints rows, time, rows/s and
 * peak heap. The peer measured in the same run is a bare COPY of the same files into unindexed
 * tables over the same JDBC connection: the floor any importer on this database pays, so the printed
 * ratio is the price of keeping site concepts, indexes and 'Maps to' links. The assertions are about
 * outcomes (counts, links, bounded heap), never about speed.
 */
@Tag("benchmark")
class AthenaImportBenchmark {
    private static final Path HOME = Path.of(System.getProperty("radbridge.home", "..")).toAbsolutePath().normalize();

    @Test
    void importsAFullSizeDownloadWithBoundedMemory() throws Exception {
        long concepts = Long.getLong("athena.concepts", 2_000_000L);
        int perConcept = Integer.getInteger("athena.relationships.per.concept", 4);
        Path work = Files.createTempDirectory("radbridge-athena-bench");
        try {
            Path download = work.resolve("download");
            long t0 = System.nanoTime();
            SyntheticAthena.write(download, 1, new SyntheticAthena.Sizes(concepts, perConcept, concepts / 2, concepts));
            double generated = seconds(t0);
            long bytes;
            try (Stream<Path> s = Files.list(download)) {
                bytes = s.mapToLong(p -> p.toFile().length()).sum();
            }
            System.out.printf(Locale.ROOT, "generated %s: %,d concepts, %,d relationships, %.0f MB in %.1f s%n", download, concepts,
                    concepts * perConcept, bytes / 1e6, generated);

            try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(work.resolve("pg")).setCleanDataDirectory(true)
                    .setServerConfig("max_wal_size", "4GB").start()) {
                DataSource ds = pg.getPostgresDatabase();
                Flyway.configure().dataSource(ds).locations("classpath:db/radbridge").schemas("radbridge", "omop").load().migrate();
                Terminology shipped = Terminology.load(HOME.resolve("terminology/codesystems"));
                Map<String, Integer> before = new VocabularyLoader(ds).load(shipped);
                assertThat(before.get("LOINC|29252-4")).isGreaterThanOrEqualTo(VocabularyLoader.FIRST_SITE_CONCEPT_ID);

                double peer = peerCopy(ds, download);

                Run first = run(ds, download);
                Run second = run(ds, download);
                long total = first.result.rows();
                System.out.printf(Locale.ROOT, "%nAthena import, %,d rows (%,d MB of files)%n", total, bytes / 1_000_000);
                System.out.printf(Locale.ROOT, "  peer: bare COPY into unindexed tables   %7.1f s  %,10.0f rows/s%n", peer, total / peer);
                System.out.printf(Locale.ROOT, "  RadBridge import (empty vocabulary)     %7.1f s  %,10.0f rows/s  ratio to peer %.2f  peak heap %,d MB%n",
                        first.seconds, total / first.seconds, first.seconds / peer, first.peakHeap / (1 << 20));
                System.out.printf(Locale.ROOT, "  RadBridge re-import (same download)     %7.1f s  %,10.0f rows/s  ratio to peer %.2f  peak heap %,d MB%n",
                        second.seconds, total / second.seconds, second.seconds / peer, second.peakHeap / (1 << 20));
                System.out.printf(Locale.ROOT, "  max heap of this JVM: %,d MB%n", Runtime.getRuntime().maxMemory() / (1 << 20));

                assertThat(first.result.rowsByTable()).containsEntry("concept", concepts).containsEntry("concept_relationship", concepts * perConcept);
                assertThat(second.result.rowsByTable()).isEqualTo(first.result.rowsByTable());
                assertThat(count(ds, "SELECT count(*) FROM omop.concept WHERE concept_id < 2000000000")).isEqualTo(concepts);
                // the shipped mapping targets now resolve to the download's standard concepts
                Map<String, Integer> after = new VocabularyLoader(ds).load(shipped);
                assertThat(after.get("LOINC|29252-4")).isEqualTo(1);
                assertThat(after.get("SNOMED|816094009")).isEqualTo(2);
                // memory does not grow with the file: far below the size of what was streamed
                assertThat(Math.max(first.peakHeap, second.peakHeap)).isLessThan(Math.max(bytes / 2, 256L << 20));
            }
        } finally {
            try (Stream<Path> s = Files.walk(work)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private record Run(AthenaImporter.Result result, double seconds, long peakHeap) {}

    private static Run run(DataSource ds, Path download) throws Exception {
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
        long t = System.nanoTime();
        AthenaImporter.Result r = new AthenaImporter(ds, line -> System.out.println("  " + line), Duration.ofSeconds(15)).importDirectory(download);
        double s = seconds(t);
        long peak = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        System.out.print(r.describe());
        return new Run(r, s, peak);
    }

    /** COPY of every file of the download into a fresh unindexed table of the same columns, in one transaction. */
    private static double peerCopy(DataSource ds, Path download) throws Exception {
        long t = System.nanoTime();
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            for (String table : List.of("concept", "concept_relationship", "concept_synonym", "concept_ancestor",
                    "vocabulary", "domain", "concept_class", "relationship")) {
                Path f = AthenaImporter.find(download, table).orElseThrow();
                try (Statement st = c.createStatement()) {
                    st.execute("CREATE TEMP TABLE peer_" + table + " (LIKE omop." + table + ") ON COMMIT DROP");
                }
                List<String> columns = AthenaImporter.header(f, table, c);
                try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
                    copy.copyIn("COPY peer_" + table + " (" + String.join(", ", columns) + ") FROM STDIN "
                            + "WITH (FORMAT csv, DELIMITER E'\\t', HEADER true, QUOTE E'\\b', NULL '')", r, 1 << 16);
                }
            }
            c.rollback();
        }
        return seconds(t);
    }

    private static long count(DataSource ds, String sql) throws Exception {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
