package org.radbridge.nlp.eval;

import org.radbridge.nlp.terms.RadiologyLexicon;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Report-level figures of a set of reports: every assertion, present findings only (the per-report score), and
 * false-positive present findings per normal report (one with no present or possible finding in its gold).
 */
final class ReportSetScore {
    final FindingScorer all, present;
    int reports, normal, normalFp;

    ReportSetScore(RadiologyLexicon lexicon) {
        all = new FindingScorer(lexicon);
        present = new FindingScorer(lexicon);
    }

    /** One report: {@code label} names it in the error rows. */
    void add(String id, String label, Set<String> got, Set<String> expected) {
        reports++;
        all.score(id, label, got, expected);
        Set<String> gotP = new LinkedHashSet<>(), expP = new LinkedHashSet<>();
        for (String g : got) if (g.endsWith(":present")) gotP.add(g);
        for (String e : expected) if (e.endsWith(":present")) expP.add(e);
        present.score(id, "", gotP, expP);
        if (expected.stream().noneMatch(e -> e.endsWith(":present") || e.endsWith(":possible"))) {
            normal++;
            for (String g : gotP) if (expP.stream().noneMatch(e -> present.matches(g, e))) normalFp++;
        }
    }

    void print(String title, boolean errors) {
        print(title, errors, true);
    }

    /** With the per-finding table only when {@code table} (see {@link FindingScorer#report(String, boolean, boolean)}). */
    void print(String title, boolean errors, boolean table) {
        System.out.print(all.report(title + " reports (" + reports + "), all assertions", errors, table));
        System.out.printf(Locale.ROOT, "%s reports, present findings only: micro P %.3f R %.3f F1 %.3f, macro F1 %.3f; "
                        + "normal reports %d, false-positive present findings %d (%.3f per normal report)%n",
                title, present.precision(), present.recall(), present.f1(), present.macroF1(), normal, normalFp,
                normal == 0 ? 0 : normalFp / (double) normal);
    }
}
