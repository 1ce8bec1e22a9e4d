package org.radbridge.nlp;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class SectionsTest {

    private final Sections sections = new Sections();

    @Test
    void findsTitlesWithColonOrAloneOnAnUpperCaseLine() {
        String text = "EXAM: CT CHEST\nClinical history: cough\n\nFINDINGS\nNo effusion.\n  Impression :  Normal.\r\nfindings\n";
        List<Sections.Section> s = sections.split(text);
        assertThat(s).extracting(Sections.Section::name).containsExactly("technique", "history", "findings", "impression");
        assertThat(text.substring(s.get(1).contentStart())).startsWith(" cough");
        assertThat(text.substring(s.get(3).start())).startsWith("  Impression");
        assertThat(text.substring(s.get(3).contentStart())).startsWith("  Normal.");
        assertThat(Sections.at(s, text.indexOf("No effusion"))).isEqualTo("findings");
        assertThat(sections.split("No acute findings.")).extracting(Sections.Section::name).containsExactly("findings");
    }

    /** Dictation without a FINDINGS title: what follows the indication / comparison line is findings. */
    @Test
    void textAfterAnIndicationOrComparisonLineWithoutFindingsTitleIsFindings() {
        String text = "XR CHEST 2 VIEWS\nREASON FOR EXAM: Dyspnea. Prior lobectomy.\nLeft base is clear. Small right effusion.\n"
                + "IMPRESSION: Small right effusion.";
        List<Sections.Section> s = sections.split(text);
        assertThat(s).extracting(Sections.Section::name).containsExactly("other", "history", "findings", "impression");
        assertThat(Sections.at(s, text.indexOf("Prior lobectomy"))).isEqualTo("history");
        assertThat(Sections.at(s, text.indexOf("Small right effusion"))).isEqualTo("findings");
        // a comparison line without final punctuation ends where a capitalised line starts; a blank line ends a bare title's text
        String cmp = "Comparison: radiograph from last spring\nStable left apical scarring.";
        assertThat(Sections.at(sections.split(cmp), cmp.indexOf("Stable"))).isEqualTo("findings");
        String bare = "Hx:\nfever\n\nPatchy right basilar opacity.";
        assertThat(Sections.at(sections.split(bare), bare.indexOf("fever"))).isEqualTo("history");
        assertThat(Sections.at(sections.split(bare), bare.indexOf("Patchy"))).isEqualTo("findings");
        // a history text wrapped onto a lower-case line stays history; a later FINDINGS title keeps the history block whole
        String wrapped = "INDICATION: cough for three weeks and\nweight loss, assess for mass\nIMPRESSION: Normal.";
        assertThat(Sections.at(sections.split(wrapped), wrapped.indexOf("weight loss"))).isEqualTo("history");
        String titled = "HISTORY: Asthma.\nSmoker.\nFINDINGS: Clear lungs.";
        assertThat(sections.split(titled)).extracting(Sections.Section::name).containsExactly("history", "findings");
        assertThat(Sections.at(sections.split(titled), titled.indexOf("Smoker"))).isEqualTo("history");
        // a one-line comparison followed by the reading on the same line
        String oneLine = "COMPARISON: Radiograph of 3/4/2025. Right basilar opacity has cleared.";
        assertThat(Sections.at(sections.split(oneLine), oneLine.indexOf("3/4"))).isEqualTo("comparison");
        assertThat(Sections.at(sections.split(oneLine), oneLine.indexOf("Right basilar"))).isEqualTo("findings");
    }

    /** The hand-written scan finds exactly what the title pattern it replaced found, on random title-like lines. */
    @Test
    void scanAgreesWithTheTitlePattern() {
        Pattern titleLine = Pattern.compile("(?m)^[ \\t]*([A-Za-z][A-Za-z0-9 /&()'-]{0,60}?)[ \\t]*(:|$)");
        String[] pieces = {"FINDINGS", "Findings", "IMPRESSION", "impression", "Clinical history", "CLINICAL HISTORY",
                "TECHNIQUE", "COMPARISON", "EXAM", "Note", " ", "  ", "\t", ":", ": ", ".", ",", "-", "(", "/", "2",
                "x", "\n", "\r\n", "\r", "No effusion", "A".repeat(58), "b".repeat(61), "é"};
        Random random = new Random(11);
        for (int n = 0; n < 20_000; n++) {
            StringBuilder sb = new StringBuilder();
            for (int k = random.nextInt(12); k >= 0; k--) sb.append(pieces[random.nextInt(pieces.length)]);
            String text = sb.toString();
            // titles inside a line (flattened reports) are tested on their own below
            // (and the synthetic leading 'other' / whole-text 'findings' section, which depends on them, is left out)
            List<Sections.Section> lineStart = sections.titles(text).stream()
                    .filter(sec -> atLineStart(text, sec.start()) && !(sec.start() == 0 && sec.contentStart() == 0)).toList();
            assertThat(lineStart).as("sections of %s", text.replace("\n", "\\n").replace("\r", "\\r"))
                    .isEqualTo(byPattern(titleLine, text).stream().filter(sec -> !(sec.start() == 0 && sec.contentStart() == 0)).toList());
        }
    }

    private static boolean atLineStart(String text, int offset) {
        return offset == 0 || text.charAt(offset - 1) == '\n' || text.charAt(offset - 1) == '\r';
    }

    @Test
    void findsTitlesInsideALineOfAFlattenedReport() {
        String text = "EXAM: CT HEAD INDICATION: Headache. FINDINGS: No hemorrhage. Impression: Negative study.";
        assertThat(sections.split(text)).extracting(Sections.Section::name)
                .containsExactly("technique", "history", "findings", "impression");
        assertThat(Sections.at(sections.split(text), text.indexOf("No hemorrhage"))).isEqualTo("findings");
        // a lower-case or mid-sentence title word is prose, not a section
        assertThat(sections.split("FINDINGS: The findings: a new effusion. Note the comparison: none."))
                .extracting(Sections.Section::name).containsExactly("findings");
    }

    /** Inline titles and the headingless-findings rule together (issue 11m merge of 11d and 11f). */
    @Test
    void headinglessFindingsInAFlattenedReport() {
        // one line: the reading after a one-sentence comparison is findings, up to the inline impression title
        String one = "INDICATION: Cough. COMPARISON: None. The lungs are clear. IMPRESSION: Normal chest.";
        List<Sections.Section> s = sections.split(one);
        assertThat(s).extracting(Sections.Section::name).containsExactly("history", "comparison", "findings", "impression");
        assertThat(Sections.at(s, one.indexOf("Cough"))).isEqualTo("history");
        assertThat(Sections.at(s, one.indexOf("The lungs"))).isEqualTo("findings");
        assertThat(Sections.at(s, one.indexOf("Normal chest"))).isEqualTo("impression");
        // the reading on its own line after an indication, then an impression title inside the line
        String two = "INDICATION: Fever.\nPatchy right basilar opacity. No effusion. IMPRESSION: Pneumonia.";
        List<Sections.Section> t = sections.split(two);
        assertThat(t).extracting(Sections.Section::name).containsExactly("history", "findings", "impression");
        assertThat(Sections.at(t, two.indexOf("Fever"))).isEqualTo("history");
        assertThat(Sections.at(t, two.indexOf("No effusion"))).isEqualTo("findings");
        assertThat(Sections.at(t, two.indexOf("Pneumonia."))).isEqualTo("impression");
        // a flattened report whose indication title stands inside the line: the indication is its first sentence
        String flat = "XR chest 2 views. Indication: Preop screening. Heart size normal. Lungs clear. IMPRESSION: Negative chest.";
        List<Sections.Section> f = sections.split(flat);
        assertThat(f).extracting(Sections.Section::name).containsExactly("other", "history", "findings", "impression");
        assertThat(Sections.at(f, flat.indexOf("Preop"))).isEqualTo("history");
        assertThat(Sections.at(f, flat.indexOf("Heart size"))).isEqualTo("findings");
        assertThat(Sections.at(f, flat.indexOf("Lungs clear"))).isEqualTo("findings");
        // the same with the history title at the line start and the impression title later on that line
        String lineStart = "History: Chest pain. The lungs are clear. Impression: Normal.";
        assertThat(Sections.at(sections.split(lineStart), lineStart.indexOf("Chest pain"))).isEqualTo("history");
        assertThat(Sections.at(sections.split(lineStart), lineStart.indexOf("The lungs"))).isEqualTo("findings");
        // an inline FINDINGS title keeps the indication whole
        String three = "INDICATION: Cough. Fever. FINDINGS: Clear lungs.";
        assertThat(sections.split(three)).extracting(Sections.Section::name).containsExactly("history", "findings");
        assertThat(Sections.at(sections.split(three), three.indexOf("Fever"))).isEqualTo("history");
    }

    private List<Sections.Section> byPattern(Pattern titleLine, String text) {
        Sections probe = new Sections();
        List<Sections.Section> out = new ArrayList<>();
        Matcher m = titleLine.matcher(text);
        while (m.find()) {
            String raw = m.group(1).trim();
            String title = raw.toUpperCase(Locale.ROOT);
            boolean colon = ":".equals(m.group(2));
            // the section names come from the same title list: split() on the bare title tells which it is
            List<Sections.Section> named = probe.split(title + ":");
            String name = named.size() == 1 && named.get(0).contentStart() > 0 ? named.get(0).name() : null;
            if (name == null || (!colon && !raw.equals(title))) continue;
            out.add(new Sections.Section(m.start(), m.end(), name));
        }
        if (out.isEmpty()) out.add(new Sections.Section(0, 0, Sections.FINDINGS));
        else if (out.get(0).start() > 0) out.add(0, new Sections.Section(0, 0, Sections.OTHER));
        return out;
    }
}
