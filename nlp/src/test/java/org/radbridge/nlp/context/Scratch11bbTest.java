package org.radbridge.nlp.context;

import org.junit.jupiter.api.Test;
import org.radbridge.nlp.NlpMentionsTest;
import java.nio.file.*;

class Scratch11bbTest extends NlpMentionsTest {
    @Test
    void print() throws Exception {
        StringBuilder sb = new StringBuilder();
        for (String s : Files.readAllLines(Path.of("/tmp/11bb/sents.txt"))) {
            sb.append(s).append("\n");
            for (var m : nlp.analyze("t", s).mentions())
                sb.append("    ").append(m.conceptCode()).append(" ").append(m.assertion()).append(" ").append(m.temporality()).append(" ").append(m).append("\n");
        }
        Files.writeString(Path.of("/tmp/11bb/out.txt"), sb.toString());
    }
}
