package org.radbridge.nlp.eval;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.radbridge.nlp.RadiologyNlp;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Issue-11 evaluation on real report text nobody in this project wrote: 94 MTSamples radiology reports
 * ({@code eval/mtsamples/reports-gold.tsv}, gold written blind to the rules by helper 11ag). The report text is public
 * but is not ours to commit, so only the gold is in the repository: the test reads the MTSamples CSV from the path in
 * system property {@value #PROPERTY} or environment variable {@value #ENV}, and is skipped when neither names a file.
 * Each gold row is joined on its key ({@code mts-<row index of the common mtsamples.csv>}) and checked against the
 * SHA-256 of the transcription it was annotated on, so a different or damaged copy fails loudly instead of scoring
 * silently against other text. Scored per split (dev, blind, all) exactly like the other report sets
 * ({@link Issue11EvaluationTest#reports}): micro-F1 over all assertions and over present findings only, and
 * false-positive present findings per normal report. Error rows of the blind split are printed only on request
 * ({@code -Dradbridge.eval.errors=mtsamples-blind}); the dev split's follow {@code mtsamples-dev} like any set.
 */
class MtSamplesEvaluationTest {

    static final String PROPERTY = "radbridge.eval.mtsamples";
    static final String ENV = "RADBRIDGE_MTSAMPLES_CSV";
    static final String GOLD = "/eval/mtsamples/reports-gold.tsv";

    /**
     * Regression floor for every split (all assertions). First run (rules of main 7d2b9c7): dev 0.576, blind 0.643, all
     * 0.618; after helper 11ah tuned on the dev split (and 11af on set v14): dev 0.692, blind 0.676, all 0.682. The gold
     * holds 186 NOCODE pairs of 760, so recall cannot pass about 0.76 with the current concept list. Far under the
     * issue's targets: this floor, under the blind split's figure, guards against losing ground only.
     */
    static final double FLOOR = 0.66;

    record Gold(String key, String split, String domain, String sampleName, String sha256, Set<String> expected) {
    }

    record Source(String sampleName, String transcription) {
    }

    /** The CSV named by the system property, else by the environment variable; null when neither is set. */
    static Path csvPath() {
        return ExternalTextSets.path(PROPERTY, ENV);
    }

    static List<Gold> readGold() throws IOException {
        List<Gold> out = new ArrayList<>();
        for (String[] f : ExternalTextSets.goldRows(GOLD, 6)) {
            Set<String> expected = new LinkedHashSet<>();
            for (String p : f[5].split(";")) if (!p.isBlank()) expected.add(p.trim());
            out.add(new Gold(f[0], f[1], f[2], f[3], f[4], expected));
        }
        return out;
    }

    /**
     * The rows of an mtsamples.csv copy by key. The common layout starts with an unnamed row-index column, then
     * description, medical_specialty, sample_name, transcription, keywords; the index column is what keys a row.
     */
    static Map<String, Source> readCsv(Path csv) throws IOException {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
                .setAllowMissingColumnNames(true).get();
        Map<String, Source> out = new LinkedHashMap<>();
        try (Reader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8); CSVParser parser = format.parse(r)) {
            assertThat(parser.getHeaderNames()).as(csv + " columns").contains("sample_name", "transcription");
            for (CSVRecord rec : parser) {
                if (!rec.isConsistent()) continue; // a short row cannot be one of ours; its key is checked below anyway
                out.put("mts-" + rec.get(0).trim(), new Source(rec.get("sample_name").trim(), rec.get("transcription")));
            }
        }
        return out;
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Gold keys whose source row is missing, names another sample, or holds other text than was annotated. */
    static List<String> mismatches(List<Gold> gold, Map<String, Source> source) {
        List<String> out = new ArrayList<>();
        for (Gold g : gold) {
            Source s = source.get(g.key());
            if (s == null) out.add(g.key() + ": no such row");
            else if (!s.sampleName().equals(g.sampleName())) out.add(g.key() + ": sample_name '" + s.sampleName() + "'");
            else if (!sha256(s.transcription()).equals(g.sha256())) out.add(g.key() + ": transcription SHA-256 differs");
        }
        return out;
    }

    /** Figures of one split: the written sets' report figures ({@link ReportSetScore}), per domain, and without NOCODE gold. */
    static final class SplitScore {
        private final RadiologyNlp nlp;
        final ReportSetScore score;
        final FindingScorer coded;
        final Map<String, FindingScorer> byDomain = new TreeMap<>();

        SplitScore(RadiologyNlp nlp) {
            this.nlp = nlp;
            score = new ReportSetScore(nlp.lexicon());
            coded = new FindingScorer(nlp.lexicon());
        }

        void add(Gold g, Set<String> got) {
            // the error rows name the sample, not the report text (the text is not part of this repository)
            String label = g.sampleName();
            score.add(g.key(), label, got, g.expected());
            byDomain.computeIfAbsent(g.domain(), d -> new FindingScorer(nlp.lexicon())).score(g.key(), label, got, g.expected());
            Set<String> codedExp = new LinkedHashSet<>();
            for (String e : g.expected()) if (!e.startsWith("NOCODE:")) codedExp.add(e);
            coded.score(g.key(), label, got, codedExp);
        }

        void print(String title, boolean errors, boolean table) {
            score.print(title, errors, table);
            System.out.printf(Locale.ROOT, "%s reports, NOCODE gold left out (what the concept list could reach): micro P %.3f R %.3f F1 %.3f%n",
                    title, coded.precision(), coded.recall(), coded.f1());
            byDomain.forEach((d, s) -> System.out.printf(Locale.ROOT, "  %s domain %-7s micro P %.3f R %.3f F1 %.3f%n",
                    title, d, s.precision(), s.recall(), s.f1()));
        }
    }

    /** Blind error rows only when asked for by name; an unset property must not show them. */
    static boolean printBlindErrors() {
        for (String d : System.getProperty(Issue11EvaluationTest.ERRORS_PROPERTY, "").split(","))
            if (d.trim().equals("mtsamples-blind")) return true;
        return false;
    }

    @Test
    void mtsamplesReportsMicroF1() throws IOException {
        Path csv = csvPath();
        assumeTrue(csv != null, "MTSamples evaluation skipped: set -D" + PROPERTY + "=PATH or " + ENV
                + " to an mtsamples.csv (the report text is not in the repository; see the header of " + GOLD + ")");
        assumeTrue(Files.isRegularFile(csv), "MTSamples evaluation skipped: no file at " + csv);

        List<Gold> gold = readGold();
        assertThat(gold).hasSizeGreaterThanOrEqualTo(90);
        Map<String, Source> source = readCsv(csv);
        assertThat(mismatches(gold, source)).as("rows of " + csv + " that are not the text the gold was written on "
                + "(another copy of MTSamples, or a damaged one): the gold cannot be scored against them").isEmpty();

        RadiologyNlp nlp = new RadiologyNlp();
        try {
            Map<String, SplitScore> splits = new LinkedHashMap<>();
            for (String s : List.of("dev", "blind", "all")) splits.put(s, new SplitScore(nlp));
            for (Gold g : gold) {
                Set<String> got = Issue11EvaluationTest.current(
                        nlp.analyze(g.key(), source.get(g.key()).transcription()).mentions());
                splits.get(g.split()).add(g, got);
                splits.get("all").add(g, got);
            }
            // the blind split, and the whole that holds it, show their per-finding tables only where blind errors may be shown
            boolean blind = printBlindErrors();
            splits.get("dev").print("MTSamples dev", Issue11EvaluationTest.printErrors("mtsamples-dev"), true);
            splits.get("blind").print("MTSamples blind", blind, blind);
            splits.get("all").print("MTSamples all", false, blind);
            for (Map.Entry<String, SplitScore> e : splits.entrySet())
                assertThat(e.getValue().score.all.f1()).as("MTSamples " + e.getKey() + " reports micro F1").isGreaterThanOrEqualTo(FLOOR);
        } finally {
            nlp.close();
        }
    }
}
