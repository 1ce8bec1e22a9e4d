package org.radbridge.write.omop;

import org.junit.jupiter.api.Test;
import org.radbridge.deid.ReportTextScrubber;
import org.radbridge.nlp.FindingMention;
import org.radbridge.nlp.FindingMention.Assertion;
import org.radbridge.nlp.FindingMention.Subject;
import org.radbridge.nlp.FindingMention.Temporality;
import org.radbridge.report.ReportTestData;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class NoteNlpRowsTest {
    private static final String TEXT = "Discussed with Dr. Smith on 03/12/2024: 4 mm nodule in the right lower lobe for Jane Doe. "
            + "No pneumothorax. History of pleural effusion. Family history of breast cancer. Possible atelectasis.";

    private final ReportTextScrubber.Scrubbed note = new ReportTextScrubber().scrub(TEXT,
            new ReportTextScrubber.Known("DOE^JANE", "MRN1", "", "ACC000123", List.of()));

    private FindingMention m(String word, String snomed, String radlex, Assertion a, Temporality t, Subject s, String lat, List<BigDecimal> dims) {
        int start = TEXT.indexOf(word);
        // sentences end with ". " except in "Dr. "
        int sentenceStart = start < TEXT.indexOf("No pneumothorax") ? 0 : TEXT.lastIndexOf(". ", start) + 2;
        int sentenceEnd = TEXT.indexOf('.', start + word.length()) + 1;
        return ReportTestData.mention(word, start, snomed, word, radlex, a, t, s, "findings", lat, dims,
                dims.isEmpty() ? null : "90572001", null, sentenceStart, sentenceEnd);
    }

    @Test
    void oneRowPerMentionWithSnippetAndOffsetFromTheScrubbedText() {
        List<FindingMention> mentions = List.of(
                m("nodule", "27925004", "RID3875", Assertion.PRESENT, Temporality.CURRENT, Subject.PATIENT, "right",
                        List.of(new BigDecimal("4"))),
                m("pneumothorax", "36118008", null, Assertion.ABSENT, Temporality.CURRENT, Subject.PATIENT, null, List.of()),
                m("pleural effusion", "60046008", null, Assertion.PRESENT, Temporality.HISTORICAL, Subject.PATIENT, null, List.of()),
                m("breast cancer", "254837009", null, Assertion.PRESENT, Temporality.CURRENT, Subject.FAMILY, null, List.of()),
                m("atelectasis", "46621007", null, Assertion.POSSIBLE, Temporality.CURRENT, Subject.PATIENT, null, List.of()));
        Map<String, ConceptLookup.Concept> concepts = Map.of(
                "SNOMED|27925004", new ConceptLookup.Concept(2000000010, 2000000010, "Condition"),
                "RadLex|RID3875", new ConceptLookup.Concept(2000000500, 2000000010, "Observation"),
                "SNOMED|36118008", new ConceptLookup.Concept(2000000011, 2000000011, "Condition"));
        List<NoteNlpRows.Row> rows = NoteNlpRows.build(mentions, note, concepts);
        assertThat(rows).hasSize(5);

        NoteNlpRows.Row nodule = rows.get(0);
        assertThat(nodule.snippet()).isEqualTo("Discussed with Dr. [NAME] on [DATE]: 4 mm nodule in the right lower lobe for [NAME].");
        assertThat(note.text().substring(Integer.parseInt(nodule.offset()))).startsWith("nodule in the right");
        assertThat(nodule.lexicalVariant()).isEqualTo("nodule");
        assertThat(nodule.conceptId()).isEqualTo(2000000010);
        assertThat(nodule.sourceConceptId()).isEqualTo(2000000500);
        assertThat(nodule.termExists()).isEqualTo("Y");
        assertThat(nodule.termTemporal()).isEqualTo("present");
        assertThat(nodule.termModifiers()).isEqualTo(
                "assertion=present,subject=patient,temporality=current,laterality=right,section=findings,size_mm=4,site=SNOMED:90572001,radlex=RID3875");

        assertThat(rows.get(1).termExists()).isEqualTo("N");
        assertThat(rows.get(1).snippet()).isEqualTo("No pneumothorax.");
        assertThat(rows.get(1).termModifiers()).startsWith("assertion=absent,subject=patient");
        assertThat(rows.get(2).termExists()).isEqualTo("Y");
        assertThat(rows.get(2).termTemporal()).isEqualTo("past");
        assertThat(rows.get(3).termExists()).isEqualTo("N");
        assertThat(rows.get(3).termModifiers()).contains("subject=family");
        assertThat(rows.get(3).conceptId()).isZero();
        assertThat(rows.get(4).termExists()).isEqualTo("N");
        assertThat(rows.get(4).termModifiers()).startsWith("assertion=possible");
        assertThat(rows).extracting(NoteNlpRows.Row::ordinal).containsExactly(0, 1, 2, 3, 4);
        for (NoteNlpRows.Row r : rows) {
            assertThat(r.snippet()).doesNotContain("Smith").doesNotContain("Jane").doesNotContain("2024").hasSizeLessThanOrEqualTo(250);
        }
    }

    @Test
    void longSentencesGiveAWindowAroundTheMention() {
        String filler = "word ".repeat(100);
        String text = filler + "small pleural effusion " + filler + ".";
        ReportTextScrubber.Scrubbed s = new ReportTextScrubber().scrub(text, null);
        int start = text.indexOf("pleural effusion");
        FindingMention fm = ReportTestData.mention("pleural effusion", start, "60046008", "Pleural effusion", null, Assertion.PRESENT,
                Temporality.CURRENT, Subject.PATIENT, "findings", null, List.of(), null, null, 0, text.length());
        NoteNlpRows.Row r = NoteNlpRows.build(List.of(fm), s, Map.of()).get(0);
        assertThat(r.snippet()).contains("small pleural effusion").hasSizeLessThanOrEqualTo(250);
    }

    @Test
    void chronicFindingsCarryTheirChronicityInTermModifiers() {
        FindingMention old = new FindingMention("r", 0, 13, "rib fractures", "33737001", "Fracture of rib", null, Assertion.PRESENT,
                Temporality.CURRENT, Subject.PATIENT, "findings", "left", List.of(), null, null, 0, 30, "chronic");
        assertThat(NoteNlpRows.modifiers(old)).isEqualTo(
                "assertion=present,subject=patient,temporality=current,chronicity=chronic,laterality=left,section=findings");
    }
}
