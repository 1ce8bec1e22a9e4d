package org.radbridge.nlp.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class NlpCommandTest {

    @TempDir
    Path tmp;

    private record Run(int code, String out, String err) {
    }

    private Run run(byte[] stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int code = NlpCommand.run(args, new ByteArrayInputStream(stdin), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void filesWithHeaderBlockBadBytesAndEmptyReports() throws Exception {
        Path good = tmp.resolve("ACC1.txt");
        Files.writeString(good, "Accession-Number: ACC1\nPatient-ID: MRN1\n---\nFINDINGS:\nNo pneumothorax.\n"
                + "IMPRESSION: Small left pleural effusion. BI-RADS 2.\n");
        Path bad = tmp.resolve("bad.txt");
        Files.write(bad, new byte[]{'N', 'o', ' ', (byte) 0xC3, (byte) 0x28, 'x', '\n'});
        Path empty = tmp.resolve("empty.txt");
        Files.write(empty, new byte[0]);
        Path missing = tmp.resolve("missing.txt");
        Run r = run(new byte[0], "--with-categories", bad.toString(), good.toString(), empty.toString(), missing.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("bad.txt: not valid UTF-8 (first bad byte at offset 3)").contains("missing.txt: cannot read");
        String[] lines = r.out().split("\n");
        assertThat(lines).hasSize(4);
        assertThat(lines[0]).startsWith("{\"report\":\"ACC1.txt\",\"start\":13,\"end\":25,\"text\":\"pneumothorax\"")
                .contains("\"assertion\":\"absent\"").contains("\"section\":\"findings\"");
        assertThat(lines[1]).contains("\"laterality\":\"left\"").contains("\"section\":\"impression\"");
        assertThat(lines[2]).isEqualTo("{\"report\":\"ACC1.txt\",\"type\":\"report\",\"birads\":\"2\",\"lungrads\":null,\"mentions\":2}");
        assertThat(lines[3]).startsWith("{\"report\":\"empty.txt\"").contains("\"mentions\":0");
    }

    @Test
    void standardInput() {
        Run r = run("Cannot exclude pneumothorax.".getBytes(StandardCharsets.UTF_8));
        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("{\"report\":\"stdin\"").contains("\"assertion\":\"possible\"");
        assertThat(r.out().split("\n")).hasSize(1);
    }

    @Test
    void usage() {
        assertThat(run(new byte[0], "--bogus").code()).isEqualTo(2);
    }

    @Test
    void labelsOneLinePerReport() throws Exception {
        Path dir = Files.createTempDirectory("labels");
        Path a = Files.writeString(dir.resolve("a.txt"), "FINDINGS: The heart is large. No pneumothorax. Possible left effusion.");
        Path b = Files.writeString(dir.resolve("b.txt"), "FINDINGS: Heart size normal. Lungs are clear.");
        Run r = run(new byte[0], "--labels", a.toString(), b.toString());
        assertThat(r.code()).isZero();
        String[] lines = r.out().strip().split("\n");
        assertThat(lines).hasSize(2);
        assertThat(lines[0]).startsWith("{\"report\":\"a.txt\",\"label_set\":\"chexpert\",\"labels\":{\"No Finding\":null,")
                .contains("\"Cardiomegaly\":1").contains("\"Pneumothorax\":0").contains("\"Pleural Effusion\":-1");
        assertThat(lines[1]).contains("\"No Finding\":1").contains("\"Cardiomegaly\":0");
        Run all = run(new byte[0], "--labels", "--label-set", "all", a.toString());
        assertThat(all.out()).contains("\"label_set\":\"all\"").contains("\"8186001\":1").contains("\"names\":{");
        assertThat(run(new byte[0], "--labels", "--label-set", "nih").code()).isEqualTo(2);
    }
}
