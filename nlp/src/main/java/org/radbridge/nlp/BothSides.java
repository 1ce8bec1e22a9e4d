package org.radbridge.nlp;

import org.radbridge.nlp.terms.LexConcept;
import org.radbridge.nlp.terms.RadiologyLexicon;

import java.util.HashMap;
import java.util.Map;

/**
 * A finding stated on both sides is the terminology's bilateral concept where it has one ("bilateral hilar prominence
 * ?lymphadenopathy", "hilar nodes enlarged bilaterally": Bilateral hilar adenopathy, not one hilum's). The side comes
 * from {@link Laterality} (the mention's laterality "bilateral"); the pairs are data:
 * {@code org/radbridge/nlp/sites/both-sides.tsv}. The bilateral concept is a kind of the one-sided one (refinements
 * file), so a gold that names the general concept is still met (issue 11cj).
 */
final class BothSides {

    private final Map<String, LexConcept> bilateral = new HashMap<>();

    BothSides(RadiologyLexicon lexicon) {
        for (String[] f : Resources.tsv("/org/radbridge/nlp/sites/both-sides.tsv")) {
            if (f[0].equals("finding_vocabulary") || f.length < 4) continue;
            LexConcept finding = concept(lexicon, f[0], f[1]);
            LexConcept both = concept(lexicon, f[2], f[3]);
            if (finding == null || both == null) {
                throw new IllegalStateException("both-sides.tsv: unknown concept in " + String.join(" ", f));
            }
            bilateral.put(finding.dictionaryId(), both);
        }
    }

    private static LexConcept concept(RadiologyLexicon lexicon, String vocabulary, String code) {
        return ("RadLex".equals(vocabulary) ? lexicon.byRadlex(code) : lexicon.bySnomed(code)).orElse(null);
    }

    /** The bilateral concept of {@code c} when {@code laterality} is "bilateral" and the data has one; else {@code c}. */
    LexConcept apply(LexConcept c, String laterality) {
        if (c == null || !"bilateral".equals(laterality)) return c;
        return bilateral.getOrDefault(c.dictionaryId(), c);
    }
}
