package org.radbridge.nlp;

import org.junit.jupiter.api.Test;
import org.radbridge.nlp.terms.LexConcept;
import org.radbridge.nlp.terms.RadiologyLexicon;

import java.util.List;

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
}
