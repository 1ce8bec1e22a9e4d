package org.radbridge.nlp.eval;

import org.junit.jupiter.api.Test;
import org.radbridge.nlp.RadiologyNlp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * Issue-11 evaluation on a second body of real text nobody in this project wrote: radiology figure captions of the ROCO
 * dataset (PubMed Central open-access figures), {@code eval/roco/captions-gold.tsv}, gold written blind to the rules by
 * helper 11ap. The captions are third-party text under mixed licences, so only the gold (ids, caption SHA-256, labels) is
 * in the repository: the test reads ROCO's {@code captions.txt} (lines {@code ROCO_nnnnn<TAB> caption}) from the path in
 * system property {@value #PROPERTY} or environment variable {@value #ENV}, and is skipped when neither names a file.
 * Every gold id must be in that file and its caption must hash to the SHA-256 the gold was written on, else the test
 * fails with the ids named (a different release or a damaged copy must not be scored silently).
 * <p>
 * Each caption is one sentence item and is scored like the written sentence sets ({@link Issue11EvaluationTest}
 * sentences): current findings about the patient, (concept, assertion) pairs with descendants accepted
 * ({@link FindingScorer}), micro P/R/F1 per split (dev, blind, all), per domain, and once more with the NOCODE gold left
 * out (what the concept list could reach). Error rows of the blind split are printed only with
 * {@code -Dradbridge.eval.errors=roco-blind}; the dev split's follow {@code roco-dev} like any set (printed when the
 * property is unset). Error rows quote the caption text to the console only; never paste them into committed files.
 */
class RocoCaptionEvaluationTest {

    static final String PROPERTY = "radbridge.eval.roco";
    static final String ENV = "RADBRIDGE_ROCO_CAPTIONS";
    static final String GOLD = "/eval/roco/captions-gold.tsv";

    /**
     * Regression floor for every split (micro-F1 over all assertions). First run (rules of main 0b4d871, before anyone
     * had run the NLP on these captions): dev 0.606, blind 0.564, all 0.581; after helper 11as tuned on the dev split
     * (and 11aq / 11ar on set v16): dev 0.688, blind 0.594, all 0.631. The gold holds 174 NOCODE pairs of 704, so recall
     * cannot pass about 0.75 with the current concept list. Far under the issue's targets: this floor, under the blind
     * split's figure, guards against losing ground only.
     */
    static final double FLOOR = 0.58;

    record Gold(String key, String split, String domain, String sha256, Set<String> expected) {
    }

    /** The captions file named by the system property, else by the environment variable; null when neither is set. */
    static Path captionsPath() {
        return ExternalTextSets.path(PROPERTY, ENV);
    }

    static List<Gold> readGold() throws IOException {
        List<Gold> out = new ArrayList<>();
        for (String[] f : ExternalTextSets.goldRows(GOLD, 5)) {
            assertThat(f[1]).as("split of gold row " + f[0]).isIn("dev", "blind");
            Set<String> expected = new LinkedHashSet<>();
            for (String p : f[4].split(";")) if (!p.isBlank()) expected.add(p.trim());
            out.add(new Gold(f[0], f[1], f[2], f[3], expected));
        }
        return out;
    }

    /**
     * The caption text the gold hashes: what follows the first tab of the line, without the leading and trailing spaces,
     * tabs, CR and LF (ROCO writes one space after the tab). Other characters, Unicode spaces included, are kept.
     */
    static String captionText(String afterTab) {
        int b = 0, e = afterTab.length();
        while (b < e && isTrimmed(afterTab.charAt(b))) b++;
        while (e > b && isTrimmed(afterTab.charAt(e - 1))) e--;
        return afterTab.substring(b, e);
    }

    private static boolean isTrimmed(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    /** Captions by id from a ROCO captions.txt ("ROCO_nnnnn<TAB> caption" per line); lines without a tab are skipped. */
    static Map<String, String> readCaptions(Path file) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            int tab = line.indexOf('\t');
            if (tab <= 0) continue;
            out.put(line.substring(0, tab).trim(), captionText(line.substring(tab + 1)));
        }
        return out;
    }

    /** Gold ids missing from the captions file, or whose caption is not the text the gold was written on. */
    static List<String> mismatches(List<Gold> gold, Map<String, String> captions) {
        List<String> out = new ArrayList<>();
        for (Gold g : gold) {
            String text = captions.get(g.key());
            if (text == null) out.add(g.key() + ": no such caption");
            else if (!MtSamplesEvaluationTest.sha256(text).equals(g.sha256())) out.add(g.key() + ": caption SHA-256 differs");
        }
        return out;
    }

    /** Figures of one split: the sentence-set figures, per domain, and without the NOCODE gold. */
    static final class SplitScore {
        private final RadiologyNlp nlp;
        final FindingScorer all;
        final FindingScorer coded;
        final Map<String, FindingScorer> byDomain = new TreeMap<>();
        int items;

        SplitScore(RadiologyNlp nlp) {
            this.nlp = nlp;
            all = new FindingScorer(nlp.lexicon());
            coded = new FindingScorer(nlp.lexicon());
        }

        void add(Gold g, String text, Set<String> got) {
            items++;
            all.score(g.key(), text, got, g.expected());
            byDomain.computeIfAbsent(g.domain(), d -> new FindingScorer(nlp.lexicon())).score(g.key(), text, got, g.expected());
            Set<String> codedExp = new LinkedHashSet<>();
            for (String e : g.expected()) if (!e.startsWith("NOCODE:")) codedExp.add(e);
            coded.score(g.key(), text, got, codedExp);
        }

        void print(String title, boolean errors, boolean table) {
            System.out.print(all.report(title + " captions (" + items + ")", errors, table));
            byDomain.forEach((d, s) -> System.out.printf(Locale.ROOT, "  %s domain %-7s micro P %.3f R %.3f F1 %.3f%n",
                    title, d, s.precision(), s.recall(), s.f1()));
            System.out.printf(Locale.ROOT, "%s captions, NOCODE gold left out (what the concept list could reach): micro P %.3f R %.3f F1 %.3f%n",
                    title, coded.precision(), coded.recall(), coded.f1());
        }
    }

    /** Blind error rows only when asked for by name; an unset property must not show them. */
    static boolean printBlindErrors() {
        for (String d : System.getProperty(Issue11EvaluationTest.ERRORS_PROPERTY, "").split(","))
            if (d.trim().equals("roco-blind")) return true;
        return false;
    }

    @Test
    void rocoCaptionsMicroF1() throws IOException {
        Path file = captionsPath();
        assumeTrue(file != null, "ROCO caption evaluation skipped: set -D" + PROPERTY + "=PATH or " + ENV
                + " to ROCO's captions.txt (the caption text is not in the repository; see the header of " + GOLD + ")");
        assumeTrue(Files.isRegularFile(file), "ROCO caption evaluation skipped: no file at " + file);

        List<Gold> gold = readGold();
        assertThat(gold).hasSizeGreaterThanOrEqualTo(300);
        Map<String, String> captions = readCaptions(file);
        assertThat(mismatches(gold, captions)).as("gold ids of " + GOLD + " that " + file + " lacks or holds with other "
                + "text (another ROCO release or split file, or a damaged copy): the gold cannot be scored against them").isEmpty();

        RadiologyNlp nlp = new RadiologyNlp();
        try {
            Map<String, SplitScore> splits = new LinkedHashMap<>();
            for (String s : List.of("dev", "blind", "all")) splits.put(s, new SplitScore(nlp));
            for (Gold g : gold) {
                String text = captions.get(g.key());
                Set<String> got = Issue11EvaluationTest.current(nlp.analyze(g.key(), text).mentions());
                splits.get(g.split()).add(g, text, got);
                splits.get("all").add(g, text, got);
            }
            // the blind split, and the whole that holds it, show their per-finding tables only where blind errors may be shown
            boolean blind = printBlindErrors();
            splits.get("dev").print("ROCO dev", Issue11EvaluationTest.printErrors("roco-dev"), true);
            splits.get("blind").print("ROCO blind", blind, blind);
            splits.get("all").print("ROCO all", false, blind);
            for (Map.Entry<String, SplitScore> e : splits.entrySet())
                assertThat(e.getValue().all.f1()).as("ROCO " + e.getKey() + " captions micro F1").isGreaterThanOrEqualTo(FLOOR);
        } finally {
            nlp.close();
        }
    }
}
