package org.radbridge.nlp;

import org.junit.jupiter.api.Test;
import org.radbridge.nlp.terms.RadiologyLexicon;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The normal-statement rows of one first word narrowed to those whose second word is the text's next word
 * ({@link StatementChoices}, issue 11by): the rows left match exactly where, and as, the rows of the whole first word do.
 */
class StatementChoicesTest {

    private static final Map<String, List<String>> NO_VARIANTS = Map.of();

    private static StatementChoices choices(String firstWord, String... templates) {
        int[] rows = new int[templates.length];
        List<String> regexes = new ArrayList<>();
        List<StatementLeads> leads = new ArrayList<>();
        for (int r = 0; r < templates.length; r++) {
            rows[r] = 10 + r; // row numbers of the file, not positions
            regexes.add(PhraseTemplates.regex(templates[r], NO_VARIANTS));
            leads.add(StatementLeads.of(firstWord, List.of(templates[r]), NO_VARIANTS));
        }
        return new StatementChoices(rows, regexes, leads);
    }

    private static final String[] OF_A = {"a (normal|unremarkable) spleen", "a clear chest", "a normal liver",
            "a(n|) (unremarkable|normal) pancreas", "acute findings absent"};

    @Test
    void onlyTheRowsOfTheNextWordAreKept() {
        StatementChoices c = choices("a", OF_A);
        String text = "Shows a normal spleen.";
        StatementChoices.Choice normal = c.at(text, text.indexOf(" normal"));
        assertThat(normal.rows()).containsExactly(10, 12, 13);
        String clear = "Overall a CLEAR chest";
        assertThat(c.at(clear, clear.indexOf(" CLEAR")).rows()).containsExactly(11);
        // no row of "a" has "large" for second word
        String large = "There is a large effusion.";
        assertThat(c.at(large, large.indexOf(" large"))).isNull();
        // the word ends the text: nothing can follow
        assertThat(c.at("a", 1)).isNull();
    }

    @Test
    void aNextWordOutsideAsciiGetsEveryRow() {
        StatementChoices c = choices("a", OF_A);
        String text = "a normál spleen";
        assertThat(c.at(text, 1)).isSameAs(c.all());
        assertThat(c.all().rows()).containsExactly(10, 11, 12, 13, 14);
    }

    @Test
    void theSameRowsShareOnePattern() {
        StatementChoices c = choices("a", OF_A);
        StatementChoices.Choice first = c.at("a normal liver", 1);
        StatementChoices.Choice again = c.at("A Normal pancreas", 1);
        assertThat(again).isSameAs(first);
        assertThat(first.pattern().matcher("a normal liver").lookingAt()).isTrue();
        assertThat(first.pattern().matcher("a clear chest").lookingAt()).isFalse();
    }

    /**
     * For every first word of normal-statements.tsv and next words cut from the statements' own phrases, the kept
     * rows' pattern matches where the first word's whole pattern does, with the same end and the same row.
     */
    @Test
    void keptRowsMatchAsTheWholeFirstWord() {
        Map<String, List<String>> variants = RadiologyLexicon.misspellings();
        List<String> phrases = new ArrayList<>();
        for (String[] f : Resources.tsv("/org/radbridge/nlp/triggers/normal-statements.tsv")) {
            if (!f[0].equals("phrase")) phrases.addAll(PhraseTemplates.expand(f[0].trim().toLowerCase(Locale.ROOT)));
        }
        Random random = new Random(23L);
        int matched = 0, narrowed = 0;
        for (Map.Entry<String, RadiologyNlp.StatementPattern> e : RadiologyNlp.NORMAL_BY_FIRST_WORD.entrySet()) {
            RadiologyNlp.StatementPattern sp = e.getValue();
            List<String> own = phrases.stream().filter(ph -> ph.startsWith(e.getKey() + " ")).toList();
            for (int t = 0; t < 60; t++) {
                List<String> from = own.isEmpty() || random.nextInt(3) == 0 ? phrases : own;
                String tail = from.get(random.nextInt(from.size()));
                String rest = tail.contains(" ") ? tail.substring(tail.indexOf(' ') + 1) : tail;
                String text = (random.nextBoolean() ? e.getKey().toUpperCase(Locale.ROOT) : e.getKey()) + " " + rest + ".";
                int end = StatementLeads.wordEnd(text, 0);
                Matcher whole = sp.choices().all().pattern().matcher(text).useTransparentBounds(true);
                boolean wholeMatches = whole.lookingAt();
                StatementChoices.Choice choice = sp.choices().at(text, end);
                if (choice == null) {
                    assertThat(wholeMatches).as(text).isFalse();
                    continue;
                }
                if (choice.rows().length < sp.choices().all().rows().length) narrowed++;
                Matcher kept = choice.pattern().matcher(text).useTransparentBounds(true);
                assertThat(kept.lookingAt()).as(text).isEqualTo(wholeMatches);
                if (!wholeMatches) continue;
                assertThat(kept.end()).as(text).isEqualTo(whole.end());
                assertThat(row(kept, choice.rows())).as(text).isEqualTo(row(whole, sp.choices().all().rows()));
                matched++;
            }
        }
        assertThat(matched).isGreaterThan(100);
        assertThat(narrowed).isGreaterThan(100);
    }

    private static int row(Matcher m, int[] rows) {
        int group = 1;
        while (group <= rows.length && m.group(group) == null) group++;
        return rows[group - 1];
    }
}
