package org.radbridge.nlp;

import org.junit.jupiter.api.Test;
import org.radbridge.nlp.FindingMention.Assertion;

import static org.assertj.core.api.Assertions.assertThat;

/** Typographic punctuation from word processors reads as its ASCII form, offsets unchanged. */
class TypographicFormsTest extends NlpMentionsTest {

    @Test
    void replacesOneCharacterForOneAndLeavesPlainTextAlone() {
        String plain = "No focal consolidation.";
        assertThat(TypographicForms.plain(plain)).isSameAs(plain);
        String curly = "Can\u2019t exclude \u201Cmild\u201D edema;\u00A0heart size 12\u201314\u2009cm \u2014 stable.";
        String ascii = TypographicForms.plain(curly);
        assertThat(ascii).hasSameSizeAs(curly).isEqualTo("Can't exclude \"mild\" edema; heart size 12-14 cm \u2014 stable.");
    }

    @Test
    void cuesWrittenWithACurlyApostropheOrAHardSpaceStillApply() {
        FindingMention hedged = only("Can\u2019t exclude an early left basilar infiltrate.", "409609008");
        assertThat(hedged.assertion()).isEqualTo(Assertion.POSSIBLE);
        FindingMention denied = only("No\u00A0pneumothorax following the biopsy.", "36118008");
        assertThat(denied.assertion()).isEqualTo(Assertion.ABSENT);
        String text = "There\u2019s no pleural effusion.";
        FindingMention effusion = only(text, "60046008");
        assertThat(effusion.assertion()).isEqualTo(Assertion.ABSENT);
        assertThat(text.substring(effusion.start(), effusion.end())).isEqualTo("pleural effusion");
    }

    @Test
    void aHardSpaceAfterATemplateLabelReadsLikeAPlainOne() {
        // the label's value is on the next line: blank after the colon, whichever space the editor wrote there
        String plain = "Pneumothorax: \nSmall left apical, unchanged.";
        String hard = "Pneumothorax:\u00A0\nSmall left apical, unchanged.";
        FindingMention withPlainSpace = only(plain, "36118008"), withHardSpace = only(hard, "36118008");
        assertThat(withHardSpace.assertion()).isEqualTo(withPlainSpace.assertion()).isEqualTo(Assertion.PRESENT);
        assertThat(withHardSpace.start()).isEqualTo(withPlainSpace.start());
    }
}
