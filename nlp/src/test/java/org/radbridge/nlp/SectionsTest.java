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
            assertThat(sections.titles(text)).as("sections of %s", text.replace("\n", "\\n").replace("\r", "\\r"))
                    .isEqualTo(byPattern(titleLine, text));
        }
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
