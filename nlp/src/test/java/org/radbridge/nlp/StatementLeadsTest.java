package org.radbridge.nlp;

import org.junit.jupiter.api.Test;
import org.radbridge.nlp.terms.RadiologyLexicon;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The second-word pre-test of the normal statements ({@link StatementLeads}): it may only rule out places where the
 * statement's pattern cannot match, so the statements found are exactly those the patterns alone find.
 */
class StatementLeadsTest {

    private static final Map<String, List<String>> VARIANTS = Map.of("heart", List.of("haert"), "normal", List.of("normla"));

    private static Pattern pattern(String template, Map<String, List<String>> variants) {
        return Pattern.compile(PhraseTemplates.regex(template, variants) + "\\b", Pattern.CASE_INSENSITIVE);
    }

    private static boolean matchesAt(Pattern p, String text, int at) {
        return p.matcher(text).useTransparentBounds(true).region(at, text.length()).lookingAt();
    }

    @Test
    void secondWordDecidesWhereAWholeWordIsNeeded() {
        String template = "the heart (is |)normal in size";
        StatementLeads leads = StatementLeads.of("the", List.of(template), VARIANTS);
        Pattern p = pattern(template, VARIANTS);
        // a substring test of "the heart" passes here; the second word is "heartbeat", so neither matches
        String noStatement = "On the heartbeat tracing the rhythm was regular.";
        int the = noStatement.indexOf("the heartbeat");
        assertThat(noStatement).contains("the heart");
        assertThat(leads.mayFollow(noStatement, the + 3)).isFalse();
        assertThat(matchesAt(p, noStatement, the)).isFalse();
        // the statement in the middle of a sentence, in capitals, a spelling variant and a line break between words
        String statement = "Lines unchanged; THE HAERT\nis normal in size today.";
        int at = statement.indexOf("THE");
        assertThat(matchesAt(p, statement, at)).isTrue();
        assertThat(leads.mayFollow(statement, at + 3)).isTrue();
    }

    @Test
    void aSecondWordThatEndsTheStatementMayGoOnInTheText() {
        // the pattern's final \b lets "heart normal" match in "heart normal-appearing": the text's word only begins so
        String template = "(heart|cardiac silhouette) normal";
        StatementLeads leads = StatementLeads.of("heart", List.of(template), VARIANTS);
        String text = "Stable. Heart normal-appearing.";
        int at = text.indexOf("Heart");
        assertThat(matchesAt(pattern(template, VARIANTS), text, at)).isTrue();
        assertThat(leads.mayFollow(text, at + "Heart".length())).isTrue();
        assertThat(leads.mayFollow("Heart abnormal.", "Heart".length())).isFalse();
        assertThat(leads.mayFollow("Heart normla.", "Heart".length())).as("a variant of the second word").isTrue();
        assertThat(leads.mayFollow("Heart", "Heart".length())).as("no second word").isFalse();
    }

    @Test
    void aStatementWithoutSecondWordIsAlwaysTried() {
        StatementLeads leads = StatementLeads.of("heart", List.of("heart(:|)"), VARIANTS);
        assertThat(leads.mayFollow("Heart: enlarged.", 5)).isTrue();
        assertThat(leads.mayFollow("Heart enlarged.", 5)).isTrue();
    }

    @Test
    void onlyThePhrasesOfTheTextsFirstWordCount() {
        String template = "(the patient |)(is |)extubated";
        Pattern p = pattern(template, VARIANTS);
        // the row is looked up by "the", "is" and "extubated"; its phrase "extubated" has no second word, but it
        // cannot match where the text's first word is "the"
        StatementLeads the = StatementLeads.of("the", List.of(template), VARIANTS);
        String lungs = "Since then the lungs have cleared.";
        int at = lungs.indexOf("the lungs");
        assertThat(the.mayFollow(lungs, at + 3)).isFalse();
        assertThat(matchesAt(p, lungs, at)).isFalse();
        String extubated = "Interval change: the patient is extubated.";
        at = extubated.indexOf("the patient");
        assertThat(matchesAt(p, extubated, at)).isTrue();
        assertThat(the.mayFollow(extubated, at + 3)).isTrue();
        // the one-word phrase where the text's word begins with it ("extubated-" as a hyphenated line end)
        StatementLeads one = StatementLeads.of("extubated-", List.of(template), VARIANTS);
        assertThat(matchesAt(p, "Now extubated-", 4)).isTrue();
        assertThat(one.mayFollow("Now extubated-", 14)).isTrue();
    }

    /**
     * Every row of triggers/normal-statements.tsv, with the dictation misspellings: wherever the row's pattern matches
     * in texts built from its own phrases (variants, changed case, other whitespace, glued to following text, after
     * other words), the pre-test lets it through.
     */
    @Test
    void preTestPassesWhereverARowMatches() {
        Map<String, List<String>> variants = RadiologyLexicon.misspellings();
        Random random = new Random(20261207L);
        int rows = 0, matches = 0;
        for (String[] f : Resources.tsv("/org/radbridge/nlp/triggers/normal-statements.tsv")) {
            if (f[0].equals("phrase")) continue;
            String template = f[0].trim().toLowerCase(Locale.ROOT);
            Pattern p = pattern(template, variants);
            Map<String, StatementLeads> byFirstWord = new java.util.HashMap<>();
            List<String> phrases = PhraseTemplates.expand(template);
            rows++;
            for (int t = 0; t < 40; t++) {
                String text = text(phrases.get(random.nextInt(phrases.size())), variants, random);
                for (int i = 0; i < text.length(); i++) {
                    if (i > 0 && Character.isLetterOrDigit(text.charAt(i - 1))) continue;
                    if (!matchesAt(p, text, i)) continue;
                    matches++;
                    int end = StatementLeads.wordEnd(text, i);
                    StatementLeads leads = byFirstWord.computeIfAbsent(text.substring(i, end).toLowerCase(Locale.ROOT),
                            k -> StatementLeads.of(k, List.of(template), variants));
                    assertThat(leads.mayFollow(text, end))
                            .as("row [%s] in [%s] at %d (%s)", template, text, i, leads).isTrue();
                }
            }
        }
        assertThat(rows).isGreaterThan(200);
        assertThat(matches).isGreaterThan(rows * 30);
    }

    private static final String[] BEFORE = {"", "Otherwise ", "IMPRESSION: ", "1. ", "- ", "no change; "};
    private static final String[] AFTER = {"", ".", " and stable.", "-sized", "ly", ", unchanged", "\n"};

    private static String text(String phrase, Map<String, List<String>> variants, Random random) {
        StringBuilder sb = new StringBuilder(BEFORE[random.nextInt(BEFORE.length)]);
        String[] words = phrase.split(" ");
        for (int k = 0; k < words.length; k++) {
            String w = words[k];
            List<String> vs = variants.getOrDefault(w, List.of());
            if (!vs.isEmpty() && random.nextInt(3) == 0) w = vs.get(random.nextInt(vs.size()));
            if (random.nextInt(4) == 0) w = w.toUpperCase(Locale.ROOT);
            if (k > 0) sb.append(random.nextInt(5) == 0 ? (random.nextBoolean() ? "  " : "\n") : " ");
            sb.append(w);
        }
        return sb.append(AFTER[random.nextInt(AFTER.length)]).toString();
    }

    /** The search without the pre-test: at each word start, the pattern of the statements of that first word. */
    private static List<RadiologyNlp.Statement> withoutPreTest(String text) {
        List<RadiologyNlp.Statement> found = new ArrayList<>();
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char ch = Character.toLowerCase(text.charAt(i));
            if (ch >= 128 || !RadiologyNlp.NORMAL_FIRST[ch]) continue;
            if (i > 0 && Character.isLetterOrDigit(text.charAt(i - 1))) continue;
            String word = text.substring(i, StatementLeads.wordEnd(text, i)).toLowerCase(Locale.ROOT);
            RadiologyNlp.StatementPattern sp = RadiologyNlp.NORMAL_BY_FIRST_WORD.get(word);
            if (sp == null) continue;
            StatementChoices.Choice all = sp.choices().all();
            Matcher mt = all.pattern().matcher(text).useTransparentBounds(true);
            mt.region(i, Math.min(n, i + RadiologyNlp.NORMAL_MAX_LENGTH));
            if (!mt.lookingAt()) continue;
            int group = 1;
            while (group <= all.rows().length && mt.group(group) == null) group++;
            if (group > all.rows().length) continue;
            found.add(new RadiologyNlp.Statement(mt.start(), mt.end(), mt.group(), all.rows()[group - 1]));
            i = mt.end() - 1;
        }
        return found;
    }

    private static final String[] FILLER = {"the", "The heartbeat", "no", "No acute", "normal", "heart", "Heart's",
            "cardiac", "there", "noted", "heartland", "the lungs", "mediastinum", "É", "3", "-", ":"};

    @Test
    void searchFindsWhatThePatternsAloneFind() {
        // the first words are ASCII words, so the first-two-letters pre-test (WordKeys) is in force too
        assertThat(RadiologyNlp.NORMAL_BY_FIRST_WORD.keySet())
                .allMatch(k -> !k.isEmpty() && k.chars().limit(2).allMatch(c -> c < 128));
        Map<String, List<String>> variants = RadiologyLexicon.misspellings();
        List<String> phrases = new ArrayList<>();
        for (String[] f : Resources.tsv("/org/radbridge/nlp/triggers/normal-statements.tsv")) {
            if (!f[0].equals("phrase")) phrases.addAll(PhraseTemplates.expand(f[0].trim().toLowerCase(Locale.ROOT)));
        }
        Random random = new Random(7L);
        int withStatements = 0;
        for (int t = 0; t < 3_000; t++) {
            StringBuilder sb = new StringBuilder();
            for (int part = random.nextInt(8) + 1; part > 0; part--) {
                sb.append(random.nextInt(2) == 0 ? FILLER[random.nextInt(FILLER.length)]
                        : text(phrases.get(random.nextInt(phrases.size())), variants, random));
                sb.append(random.nextInt(3) == 0 ? ". " : " ");
            }
            String text = sb.toString();
            List<RadiologyNlp.Statement> expected = withoutPreTest(text);
            assertThat(RadiologyNlp.statements(text)).as("[%s]", text).isEqualTo(expected);
            if (!expected.isEmpty()) withStatements++;
        }
        assertThat(withStatements).isGreaterThan(1_500);
    }

    /**
     * The in-place comparison of the next word (ASCII lower case, no substring) answers as the plain test on the
     * word cut out and lower-cased, for every first word's leads and next words built from the statements' own words
     * in mixed case, with a letter changed, added or dropped, glued to a suffix, or holding letters outside ASCII.
     */
    @Test
    void inPlaceTestAnswersAsThePlainTest() {
        List<String> words = new ArrayList<>();
        Map<String, List<String>> seconds = new java.util.HashMap<>(); // each first word's second words
        for (String[] f : Resources.tsv("/org/radbridge/nlp/triggers/normal-statements.tsv")) {
            if (f[0].equals("phrase")) continue;
            for (String p : PhraseTemplates.expand(f[0].trim().toLowerCase(Locale.ROOT))) {
                String[] ws = p.split("[^\\p{L}\\p{N}-]+");
                for (String w : ws) if (!w.isEmpty()) words.add(w);
                if (ws.length > 1) seconds.computeIfAbsent(ws[0], k -> new ArrayList<>()).add(ws[1]);
            }
        }
        String letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-7\u212A\u0130\u00e9\u03a3";
        Random random = new Random(11L);
        int passed = 0, turnedAway = 0;
        for (Map.Entry<String, RadiologyNlp.StatementPattern> e : RadiologyNlp.NORMAL_BY_FIRST_WORD.entrySet()) {
            StatementLeads leads = e.getValue().leads();
            if (leads.toString().equals("any second word")) continue; // no test to compare
            for (int t = 0; t < 400; t++) {
                StringBuilder w = new StringBuilder();
                List<String> from = random.nextBoolean() ? seconds.getOrDefault(e.getKey(), words) : words;
                for (char c : from.get(random.nextInt(from.size())).toCharArray()) {
                    w.append(random.nextInt(3) == 0 ? Character.toUpperCase(c) : c);
                }
                switch (random.nextInt(5)) {
                    case 1 -> w.setCharAt(random.nextInt(w.length()), letters.charAt(random.nextInt(letters.length())));
                    case 2 -> w.insert(random.nextInt(w.length() + 1), letters.charAt(random.nextInt(letters.length())));
                    case 3 -> { if (w.length() > 1) w.deleteCharAt(random.nextInt(w.length())); }
                    case 4 -> w.append(random.nextBoolean() ? "-appearing" : "ly");
                    default -> { }
                }
                String text = "1. " + e.getKey().toUpperCase(Locale.ROOT) + (random.nextBoolean() ? " " : ":\n ") + w + ".";
                int end = 3 + e.getKey().length();
                int next = text.indexOf(w.toString(), end);
                String plainWord = StatementLeads.lowerWord(text, next, StatementLeads.wordEnd(text, next));
                boolean expected = leads.mayFollow(plainWord);
                assertThat(leads.mayFollow(text, end)).as("[%s] (%s)", text, leads).isEqualTo(expected);
                if (expected) passed++;
                else turnedAway++;
            }
        }
        assertThat(passed).isGreaterThan(1_000);
        assertThat(turnedAway).isGreaterThan(1_000);
    }
}
