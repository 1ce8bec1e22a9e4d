package org.radbridge.nlp.cli;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    @Test
    void aDirectoryIsEveryFileBelowItInPathOrderHiddenOnesLeftOut() throws Exception {
        Path dir = tmp.resolve("reports");
        Files.createDirectories(dir.resolve("2024/03"));
        Files.createDirectories(dir.resolve(".cache"));
        Files.writeString(dir.resolve("2024/03/r2.txt"), "IMPRESSION: Moderate cardiomegaly.");
        Files.writeString(dir.resolve("r1.txt"), "No pleural effusion.");
        Files.writeString(dir.resolve(".DS_Store"), "Large pneumothorax.");
        Files.writeString(dir.resolve(".cache/x.txt"), "Large pneumothorax.");
        Run r = run(new byte[0], "--labels", dir.toString());
        assertThat(r.code()).isZero();
        String[] lines = r.out().strip().split("\n");
        assertThat(lines).hasSize(2);
        assertThat(lines[0]).startsWith("{\"report\":\"2024/03/r2.txt\"").contains("\"Cardiomegaly\":1");
        assertThat(lines[1]).startsWith("{\"report\":\"r1.txt\"").contains("\"Pleural Effusion\":0")
                .contains("\"Pneumothorax\":null");
    }

    @Test
    void aCsvInTheCheXpertLabelersFormIsOneReportPerRow() throws Exception {
        // no header, one column; a quoted report keeps its commas, doubled quotes and line breaks
        Path csv = Files.writeString(tmp.resolve("batch.csv"), "No acute osseous abnormality. Mild cardiomegaly.\n"
                + "\"1. Right pleural effusion, small.\n\n2. Lungs otherwise \"\"clear\"\".\"\n"
                + "\n"
                + "Left basilar atelectasis.\n");
        Run r = run(new byte[0], "--labels", csv.toString());
        assertThat(r.code()).isZero();
        String[] lines = r.out().strip().split("\n");
        assertThat(lines).hasSize(3);
        assertThat(lines[0]).startsWith("{\"report\":\"batch.csv#1\"").contains("\"Cardiomegaly\":1");
        assertThat(lines[1]).startsWith("{\"report\":\"batch.csv#2\"").contains("\"Pleural Effusion\":1");
        assertThat(lines[2]).startsWith("{\"report\":\"batch.csv#3\"").contains("\"Atelectasis\":1");
    }

    @Test
    void aCsvWithAHeaderTakesItsReportAndIdColumnsByNameOrAsNamed() throws Exception {
        Path csv = Files.writeString(tmp.resolve("export.csv"), "\uFEFFstudy_id,modality,Report\n"
                + "S-17,CR,Small left pneumothorax.\n"
                + "S-18,CR,\"Heart size is normal, lungs are clear.\"\n");
        Run byDefault = run(new byte[0], "--labels", csv.toString());
        assertThat(byDefault.code()).isZero();
        String[] lines = byDefault.out().strip().split("\n");
        assertThat(lines).hasSize(2);
        assertThat(lines[0]).startsWith("{\"report\":\"S-17\"").contains("\"Pneumothorax\":1");
        assertThat(lines[1]).startsWith("{\"report\":\"S-18\"").contains("\"No Finding\":1");

        Path other = Files.writeString(tmp.resolve("other.txt"), "accession;body\n"); // not .csv: --csv or a column option
        Path named = Files.writeString(tmp.resolve("named.dat"), "key,narrative\nK1,Moderate right effusion.\n");
        Run r = run(new byte[0], "--text-column", "narrative", "--id-column", "key", named.toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("{\"report\":\"K1\"").contains("\"laterality\":\"right\"");
        Run missing = run(new byte[0], "--labels", "--csv", "--text-column", "findings", csv.toString(), other.toString());
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err()).contains("export.csv: line 1: no column 'findings' (columns: study_id, modality, Report)");
    }

    @Test
    void aBrokenCsvNamesItsLineKeepsTheRowsBeforeAndTheRunGoesOn() throws Exception {
        Path broken = Files.writeString(tmp.resolve("broken.csv"), "id,report\n"
                + "A1,Mild cardiomegaly.\n"
                + "A2\n"
                + "A3,\"Small right effusion.\n"
                + "A4,No pneumothorax.\n");
        Path noColumn = Files.writeString(tmp.resolve("nocolumn.csv"), "id,modality\nB1,CR\n");
        Path bad = tmp.resolve("latin1.csv");
        Files.write(bad, new byte[]{'A', ',', 'B', '\n', 'C', (byte) 0xE9, ',', 'D', '\n'});
        Path after = Files.writeString(tmp.resolve("after.txt"), "Large left pleural effusion.");
        Run r = run(new byte[0], "--labels", broken.toString(), noColumn.toString(), bad.toString(), after.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("broken.csv: line 3: expected at least 2 fields, found 1; row skipped")
                .contains("broken.csv: line 4: malformed CSV").contains("the rows after it were not read")
                .contains("nocolumn.csv: line 1: which column holds the report text? name it with --text-column (columns: id, modality)")
                .contains("latin1.csv: line 2: not valid UTF-8 (first bad byte at offset 5); file skipped");
        String[] lines = r.out().strip().split("\n");
        assertThat(lines).hasSize(2);
        assertThat(lines[0]).startsWith("{\"report\":\"A1\"").contains("\"Cardiomegaly\":1");
        assertThat(lines[1]).startsWith("{\"report\":\"after.txt\"").contains("\"Pleural Effusion\":1");
    }

    @Test
    void labelsAsTheCheXpertLabelersTable() throws Exception {
        Path csv = Files.writeString(tmp.resolve("in.csv"), "id,report\nR1,\"Mild cardiomegaly, no effusion.\"\n"
                + "R2,Possible right lower lobe pneumonia.\n");
        Run r = run(new byte[0], "--labels", "--format", "csv", csv.toString());
        assertThat(r.code()).isZero();
        String[] lines = r.out().strip().split("\n");
        assertThat(lines).hasSize(3);
        assertThat(lines[0]).isEqualTo("report,No Finding,Enlarged Cardiomediastinum,Cardiomegaly,Lung Lesion,Lung Opacity,"
                + "Edema,Consolidation,Pneumonia,Atelectasis,Pneumothorax,Pleural Effusion,Pleural Other,Fracture,Support Devices");
        String[] r1 = lines[1].split(",", -1), r2 = lines[2].split(",", -1);
        assertThat(r1).hasSize(15);
        assertThat(r1[0]).isEqualTo("R1");
        assertThat(r1[3]).isEqualTo("1.0");
        assertThat(r1[11]).isEqualTo("0.0");
        assertThat(r1[1]).isEmpty();
        assertThat(r2[8]).isEqualTo("-1.0");
        assertThat(run(new byte[0], "--format", "csv", csv.toString()).code()).isEqualTo(2);
    }

    @Test
    void anEmptyReportKeepsItsRowWithEveryLabelBlankAndIsNamedOnStderr() throws Exception {
        Path csv = Files.writeString(tmp.resolve("in.csv"), "id,report\nE1,\"  \"\nR2,Heart size normal. Lungs clear.\n");
        Run table = run(new byte[0], "--labels", "--format", "csv", csv.toString());
        assertThat(table.code()).isZero();
        String[] lines = table.out().strip().split("\n");
        assertThat(lines).hasSize(3);
        assertThat(lines[1].split(",", -1)).hasSize(15).containsOnly("E1", "");
        assertThat(lines[2].split(",", -1)[1]).isEqualTo("1.0");
        assertThat(table.err()).contains("E1: empty report").doesNotContain("R2");
        Path headerOnly = Files.writeString(tmp.resolve("ACC9.txt"), "Accession-Number: ACC9\n---\n\n");
        Run json = run(new byte[0], "--labels", headerOnly.toString());
        assertThat(json.out()).startsWith("{\"report\":\"ACC9.txt\",\"label_set\":\"chexpert\",\"labels\":{\"No Finding\":null,")
                .doesNotContain(":1").doesNotContain(":0");
        assertThat(json.err()).contains("ACC9.txt: empty report (no text after its header)");
        Run all = run(new byte[0], "--labels", "--label-set", "all", headerOnly.toString());
        assertThat(all.out().strip()).isEqualTo("{\"report\":\"ACC9.txt\",\"label_set\":\"all\",\"labels\":{\"No Finding\":null},\"names\":{}}");
    }

    @Test
    void everyFindingAsATableWithTheSameColumnsInEveryRun() throws Exception {
        Path train = Files.writeString(tmp.resolve("train.csv"), "id,report\n"
                + "T1,\"Enlarged heart. Small calcified granuloma at the left apex; no pneumothorax.\"\n"
                + "T2,Nasogastric tube tip below the diaphragm. Query subtle left basal consolidation.\n");
        Path test = Files.writeString(tmp.resolve("test.csv"), "id,report\nS1,Lungs clear. Heart normal in size.\n");
        Run a = run(new byte[0], "--labels", "--label-set", "all", "--format", "csv", train.toString());
        Run b = run(new byte[0], "--labels", "--label-set", "all", "--format", "csv", test.toString());
        Run json = run(new byte[0], "--labels", "--label-set", "all", train.toString());
        assertThat(a.code()).isZero();
        assertThat(b.code()).isZero();
        List<CSVRecord> ra = CSVParser.parse(a.out(), CSVFormat.RFC4180).getRecords();
        List<CSVRecord> rb = CSVParser.parse(b.out(), CSVFormat.RFC4180).getRecords();
        List<String> header = ra.get(0).toList();
        assertThat(rb.get(0).toList()).as("same columns whatever the reports mention").isEqualTo(header);
        assertThat(header.subList(0, 2)).containsExactly("report", "No Finding");
        assertThat(header).contains("Cardiomegaly (8186001)").doesNotHaveDuplicates();
        assertThat(header.size()).as("every finding of the terminology, not only those mentioned").isGreaterThan(400);
        assertThat(ra).hasSize(3);
        assertThat(rb.get(1).get(header.indexOf("No Finding"))).isEqualTo("1.0");
        assertThat(rb.get(1).get(header.indexOf("Cardiomegaly (8186001)"))).isEqualTo("0.0");
        // every label of the JSON lines sits in its column with the same value, and nothing else is filled
        String[] lines = json.out().strip().split("\n");
        Pattern label = Pattern.compile("\"([^\"]+)\":(-?\\d|null)");
        for (int i = 0; i < lines.length; i++) {
            Matcher m = label.matcher(lines[i].substring(lines[i].indexOf("\"labels\":{"), lines[i].indexOf('}')));
            int filled = 0;
            while (m.find()) {
                String key = m.group(1), v = m.group(2);
                int col = -1;
                for (int c = 0; c < header.size(); c++) {
                    if (header.get(c).equals(key) || header.get(c).endsWith(" (" + key + ")")) col = c;
                }
                assertThat(col).as("column of %s", key).isPositive();
                assertThat(ra.get(i + 1).get(col)).isEqualTo(v.equals("null") ? "" : v + ".0");
                if (!v.equals("null")) filled++;
            }
            long nonBlank = ra.get(i + 1).toList().stream().skip(1).filter(x -> !x.isEmpty()).count();
            assertThat(nonBlank).isEqualTo(filled);
            assertThat(filled).isGreaterThan(1);
        }
    }
}
