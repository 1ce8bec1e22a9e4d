package org.radbridge.nlp;

import org.junit.jupiter.api.Test;
import org.radbridge.nlp.terms.LexConcept;
import org.radbridge.nlp.terms.RadiologyLexicon;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Which regions a sentence's own anatomy words may speak for (sites/sentence-regions.tsv, issue 11ao). */
class ReportRegionsTest {
    private static final RadiologyLexicon LEXICON = RadiologyLexicon.fromClasspath();
    private static final ReportRegions REGIONS = ReportRegions.fromClasspath(LEXICON);

    private static LexConcept snomed(String code) {
        return LEXICON.bySnomed(code).orElseThrow();
    }

    @Test
    void chestAnatomyWordsSpeakForTheirSentence() {
        // lung and pleura: both chest
        assertThat(REGIONS.sentenceRegion(List.of(snomed("39607008"), snomed("3120008")))).isEqualTo("chest");
    }

    @Test
    void wordsOfTwoRegionsOrOfNoListedRegionLeaveItToTheReport() {
        LexConcept lung = snomed("39607008");
        String other = REGIONS.soleRegion(List.of(snomed("10200004"))); // liver
        assertThat(other).isNotNull().isNotEqualTo("chest");
        // the liver's region is not one a sentence may speak for; the two together name no sole region
        assertThat(REGIONS.sentenceRegion(List.of(snomed("10200004")))).isNull();
        assertThat(REGIONS.sentenceRegion(List.of(lung, snomed("10200004")))).isNull();
        assertThat(REGIONS.sentenceRegion(List.of())).isNull();
    }

    /** Each region-words phrase as {@link ReportRegions} compiles it, with its region, every pattern tried. */
    private static String wordRegionOfEveryPattern(List<Map.Entry<Pattern, String>> words, String text) {
        String sole = null;
        for (Map.Entry<Pattern, String> w : words) {
            if (sole != null && sole.equals(w.getValue())) continue;
            if (!w.getKey().matcher(text).find()) continue;
            if (sole != null) return null;
            sole = w.getValue();
        }
        return sole;
    }

    /**
     * The region words' patterns are tried only where the lower-case text holds a phrase's first word: the same region
     * as trying them all, on texts of the phrases in any case, with hyphens, glued to words, and of other words.
     */
    @Test
    void wordRegionIsThatOfEveryPatternTried() {
        List<Map.Entry<Pattern, String>> words = new ArrayList<>();
        List<String> phrases = new ArrayList<>();
        for (String[] f : Resources.tsv("/org/radbridge/nlp/sites/region-words.tsv")) {
            if (f.length < 2 || f[0].equals("region")) continue;
            String phrase = java.util.Arrays.stream(f[1].trim().split("\\s+")).map(Pattern::quote)
                    .collect(java.util.stream.Collectors.joining("[\\s-]+"));
            words.add(Map.entry(Pattern.compile("(?<![\\w-])" + phrase + "(?![\\w-])", Pattern.CASE_INSENSITIVE), f[0].trim()));
            phrases.add(f[1].trim());
        }
        String[] glue = {" ", ". ", "-", "x", "\n", " the ", "é", "İ"};
        String[] other = {"no", "acute", "effusion", "MASS", "shift", "Midline", "heart", "İs"};
        Random random = new Random(20261207L);
        int regioned = 0, none = 0;
        for (int t = 0; t < 5_000; t++) {
            StringBuilder text = new StringBuilder();
            for (int part = random.nextInt(6) + 1; part > 0; part--) {
                String piece = random.nextInt(3) == 0 ? other[random.nextInt(other.length)] : phrases.get(random.nextInt(phrases.size()));
                if (random.nextBoolean()) piece = piece.replace(" ", random.nextBoolean() ? "-" : "  ");
                if (random.nextInt(3) == 0) piece = piece.toUpperCase(Locale.ROOT);
                text.append(piece).append(glue[random.nextInt(glue.length)]);
            }
            String s = text.toString();
            String expected = wordRegionOfEveryPattern(words, s);
            assertThat(REGIONS.wordRegion(s)).as("text [%s]", s).isEqualTo(expected);
            if (expected != null) regioned++;
            else none++;
        }
        assertThat(regioned).isGreaterThan(500);
        assertThat(none).isGreaterThan(500);
    }

    /** titleRegion as it was: each title of a first word tried on its own, in file order. */
    private static String titleRegionTitleByTitle(Map<String, List<Map.Entry<Pattern, String>>> byFirstWord, String text) {
        int window = Math.min(text.length(), ReportRegions.TITLE_WINDOW);
        String found = null;
        int i = 0;
        while (i < window) {
            char c = text.charAt(i);
            boolean start = (Character.isLetterOrDigit(c) || c == '_' || c == '-')
                    && !(i > 0 && (Character.isLetterOrDigit(text.charAt(i - 1)) || text.charAt(i - 1) == '_' || text.charAt(i - 1) == '-'));
            if (!start) { i++; continue; }
            List<Map.Entry<Pattern, String>> candidates = byFirstWord.get(ReportRegions.firstWord(text, i));
            int next = i + 1;
            if (candidates != null) {
                for (Map.Entry<Pattern, String> t : candidates) {
                    java.util.regex.Matcher m = t.getKey().matcher(text).region(i, window);
                    if (!m.lookingAt()) continue;
                    if (found != null && !found.equals(t.getValue())) return null;
                    found = t.getValue();
                    next = Math.max(next, m.end());
                    break;
                }
            }
            i = next;
        }
        return found;
    }

    /**
     * The titles of a first word tried as one alternation find the region the titles tried one by one find, on report
     * heads built at random from the titles, their filler words and other words, cut by the title window.
     */
    @Test
    void titleRegionIsThatOfTheTitlesTriedOneByOne() {
        StringBuilder fillers = new StringBuilder();
        for (String w : Resources.words("/org/radbridge/nlp/sites/exam-title-fillers.tsv")) {
            fillers.append(fillers.length() > 0 ? "|" : "").append(Pattern.quote(w));
        }
        String between = fillers.length() == 0 ? "\\s+" : "\\s+(?:(?:" + fillers + ")\\s+)*";
        Map<String, List<Map.Entry<Pattern, String>>> byFirstWord = new java.util.HashMap<>();
        List<String> titles = new ArrayList<>();
        for (String[] f : Resources.tsv("/org/radbridge/nlp/sites/exam-titles.tsv")) {
            if (f.length < 2 || f[0].equals("title")) continue;
            String title = f[0].trim().toLowerCase(Locale.ROOT);
            Pattern pattern = Pattern.compile(Pattern.quote(title).replace(" ", "\\E" + between + "\\Q") + "(?![\\w-])",
                    Pattern.CASE_INSENSITIVE);
            byFirstWord.computeIfAbsent(ReportRegions.firstWord(title, 0), k -> new ArrayList<>()).add(Map.entry(pattern, f[1].trim()));
            titles.add(title);
        }
        List<String> fillerWords = Resources.words("/org/radbridge/nlp/sites/exam-title-fillers.tsv");
        String[] glue = {" ", "  ", ": ", "\n", "-", "x", " of the ", ", "};
        Random random = new Random(20261207L);
        int regioned = 0;
        for (int t = 0; t < 5_000; t++) {
            StringBuilder text = new StringBuilder();
            for (int part = random.nextInt(4) + 1; part > 0; part--) {
                String piece = titles.get(random.nextInt(titles.size()));
                int space = piece.indexOf(' ');
                if (space > 0 && !fillerWords.isEmpty() && random.nextBoolean()) {
                    piece = piece.substring(0, space) + " " + fillerWords.get(random.nextInt(fillerWords.size())) + piece.substring(space);
                }
                if (random.nextInt(4) == 0) piece = piece.substring(0, random.nextInt(piece.length()) + 1);
                if (random.nextInt(3) == 0) piece = piece.toUpperCase(Locale.ROOT);
                text.append(piece).append(glue[random.nextInt(glue.length)]);
            }
            String s = text.toString();
            String expected = titleRegionTitleByTitle(byFirstWord, s);
            assertThat(REGIONS.titleRegion(s)).as("text [%s]", s).isEqualTo(expected);
            if (expected != null) regioned++;
        }
        assertThat(regioned).isGreaterThan(1_000);
    }
}
