package org.radbridge.nlp;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.radbridge.nlp.labels.LabelSet;
import org.radbridge.nlp.labels.ReportLabeler;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Base of the rule tests that ask which mentions of one concept a text gives: one {@link RadiologyNlp} per test class
 * (building its dictionary is the slow part), and the questions the rule tests ask of it.
 */
public abstract class NlpMentionsTest {

    protected static RadiologyNlp nlp;
    private static ReportLabeler chexpert;

    @BeforeAll
    static void startNlp() {
        nlp = new RadiologyNlp();
    }

    @AfterAll
    static void closeNlp() {
        chexpert = null;
        nlp.close();
    }

    /** The mentions of {@code code} in {@code text}. */
    protected static List<FindingMention> of(String text, String code) {
        return nlp.analyze("t", text).mentions().stream().filter(m -> code.equals(m.conceptCode())).toList();
    }

    /** The one mention of {@code code} in {@code text}; fails, listing every mention, when there is not exactly one. */
    protected static FindingMention only(String text, String code) {
        List<FindingMention> l = of(text, code);
        assertThat(l).as(text + " -> " + nlp.analyze("t", text).mentions()).hasSize(1);
        return l.get(0);
    }

    /** Whether {@code text} states {@code code} with {@code assertion} about today's image (current, not history). */
    protected static boolean has(String text, String code, FindingMention.Assertion assertion) {
        return of(text, code).stream().anyMatch(m -> m.assertion() == assertion
                && m.temporality() == FindingMention.Temporality.CURRENT);
    }

    /** The CheXpert label (1, 0, -1 or null for not mentioned) that {@code text} gives the observation {@code label}. */
    protected static Integer chexpertLabel(String text, String label) {
        if (chexpert == null) chexpert = new ReportLabeler(nlp.lexicon(), LabelSet.chexpert(nlp.lexicon()));
        return chexpert.labels(nlp.analyze("r", text)).get(label);
    }
}
