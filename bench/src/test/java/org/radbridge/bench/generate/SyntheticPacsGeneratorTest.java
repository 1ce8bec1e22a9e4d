package org.radbridge.bench.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheticPacsGeneratorTest {

    private static final Pattern UID = Pattern.compile("(0|[1-9][0-9]*)(\\.(0|[1-9][0-9]*))*");
    private static final Pattern TRUTH_LINE = Pattern.compile(
            "\\{\"term\": \"([^\"]+)\", \"assertion\": \"(present|absent|possible)\", \"temporality\": \"(current|historical)\""
                    + ".*\"section\": \"(findings|impression)\", \"start\": (\\d+), \"end\": (\\d+), \"text\": \"(.*)\"},?");

    @TempDir
    Path tmp;

    /** One row of studies.tsv. */
    record Study(String patientId, String accession, String studyUid, String modality, String description,
                 int series, int instances, String report) {
    }

    @Test
    void threePatientsGiveAConsistentTreeWithinTheDemoRanges() throws Exception {
        Path out = tmp.resolve("pacs");
        GenerationSummary s = new SyntheticPacsGenerator(new GenerateOptions(3, 42L, out)).generate();

        assertThat(s.patients()).isEqualTo(3);
        assertThat(s.studies()).isBetween(3, 9);
        assertThat(s.reports()).isEqualTo(s.studies());
        List<Study> studies = manifest(out);
        assertThat(studies).hasSize(s.studies());
        assertThat(studies.stream().map(Study::patientId).distinct()).hasSize(3);
        assertThat(studies.stream().mapToInt(Study::series).sum()).isEqualTo(s.series());
        assertThat(studies.stream().mapToLong(Study::instances).sum()).isEqualTo(s.instances());

        List<Path> dcm = files(out.resolve("dicom"), ".dcm");
        assertThat(dcm).hasSize((int) s.instances());
        long bytes = 0;
        for (Path f : allFiles(out)) {
            if (!f.getFileName().toString().equals(SyntheticPacsGenerator.MARKER)) {
                bytes += Files.size(f);
            }
        }
        assertThat(s.bytes()).isEqualTo(bytes);
        for (Path f : dcm) {
            byte[] head = new byte[132];
            try (InputStream in = Files.newInputStream(f)) {
                assertThat(in.readNBytes(head, 0, 132)).isEqualTo(132);
            }
            assertThat(new String(head, 128, 4, StandardCharsets.US_ASCII)).as("%s", f).isEqualTo("DICM");
            assertThat(Files.size(f)).isBetween(800L, 4000L);
        }
        for (Study st : studies) {
            assertThat(st.patientId()).matches("MRN\\d{7}");
            assertThat(st.accession()).matches("ACC\\d{7}");
            assertThat(st.studyUid()).matches(UID).startsWith("2.25.").hasSizeLessThanOrEqualTo(64);
            assertThat(st.modality()).isIn("CT", "MR", "CR", "DX", "US");
            Path studyDir = out.resolve("dicom").resolve(st.patientId()).resolve(st.studyUid());
            assertThat(studyDir).isDirectory();
            assertSizesWithinProfile(studyDir, st, StudySizeProfile.DEMO);
            assertThat(out.resolve(st.report())).isRegularFile();
            assertThat(out.resolve("reports").resolve(st.accession() + ".truth.json")).isRegularFile();
        }
    }

    @Test
    void realisticProfileUsesClinicalSizes() throws Exception {
        Path out = tmp.resolve("real");
        GenerationSummary s = new SyntheticPacsGenerator(
                new GenerateOptions(2, 5L, out, StudySizeProfile.REALISTIC)).generate();
        for (Study st : manifest(out)) {
            assertSizesWithinProfile(out.resolve("dicom").resolve(st.patientId()).resolve(st.studyUid()), st,
                    StudySizeProfile.REALISTIC);
        }
        assertThat(files(out.resolve("dicom"), ".dcm")).hasSize((int) s.instances());
    }

    private static void assertSizesWithinProfile(Path studyDir, Study st, StudySizeProfile profile) throws IOException {
        StudySizeProfile.SizeRange r = profile.range(st.modality());
        List<Path> seriesDirs;
        try (Stream<Path> l = Files.list(studyDir)) {
            seriesDirs = l.sorted().toList();
        }
        assertThat(seriesDirs).hasSize(st.series());
        assertThat(st.series()).as("series of %s", st.description()).isBetween(r.minSeries(), r.maxSeries());
        int total = 0;
        for (Path sd : seriesDirs) {
            int n = files(sd, ".dcm").size();
            total += n;
            if (!r.instancesPerStudy()) {
                assertThat(n).as("instances in %s", sd).isBetween(r.minInstances(), r.maxInstances());
            }
            for (int i = 1; i <= n; i++) {
                assertThat(sd.resolve(i + ".dcm")).isRegularFile();
            }
        }
        assertThat(total).isEqualTo(st.instances());
        if (r.instancesPerStudy()) {
            assertThat(total).isBetween(r.minInstances(), r.maxInstances());
        }
    }

    @Test
    void sameSeedGivesIdenticalFilesAndAnotherSeedDiffers() throws Exception {
        Map<String, String> a = generateAndHash(tmp.resolve("a"), 3, 1234L);
        Map<String, String> b = generateAndHash(tmp.resolve("b"), 3, 1234L);
        Map<String, String> c = generateAndHash(tmp.resolve("c"), 3, 1235L);
        assertThat(a).isNotEmpty().isEqualTo(b);
        assertThat(c).isNotEqualTo(a);
        assertThat(c.keySet()).doesNotContainAnyElementsOf(
                a.keySet().stream().filter(k -> k.endsWith(".dcm")).toList());

        // regenerating into a directory of an earlier run replaces it with the same bytes
        Map<String, String> again = generateAndHash(tmp.resolve("c"), 3, 1234L);
        assertThat(again).isEqualTo(a);
    }

    @Test
    void patientsDoNotDependOnThePatientCount() throws Exception {
        Path small = tmp.resolve("small");
        Path large = tmp.resolve("large");
        new SyntheticPacsGenerator(new GenerateOptions(2, 9L, small)).generate();
        new SyntheticPacsGenerator(new GenerateOptions(4, 9L, large)).generate();
        List<Path> smallFiles = files(small.resolve("dicom"), ".dcm");
        for (Path f : smallFiles) {
            Path other = large.resolve("dicom").resolve(small.resolve("dicom").relativize(f));
            assertThat(other).exists();
            assertThat(Files.readAllBytes(other)).isEqualTo(Files.readAllBytes(f));
        }
    }

    @Test
    void reportsHaveHeaderSectionsAndTruthThatMatchesTheText() throws Exception {
        Path out = tmp.resolve("reports");
        new SyntheticPacsGenerator(new GenerateOptions(12, 77L, out)).generate();
        List<Path> reports = files(out.resolve("reports"), ".txt");
        assertThat(reports).hasSize(manifest(out).size());
        int positive = 0;
        int negated = 0;
        int possible = 0;
        int historical = 0;
        int sized = 0;
        for (Path r : reports) {
            String text = Files.readString(r, StandardCharsets.UTF_8);
            String[] lines = text.split("\n", -1);
            String acc = r.getFileName().toString().replace(".txt", "");
            assertThat(lines[0]).isEqualTo("Accession-Number: " + acc);
            assertThat(lines[1]).matches("Patient-ID: MRN\\d{7}");
            assertThat(lines[2]).isEqualTo("Issuer-Of-Patient-ID: HOSP");
            assertThat(lines[3]).matches("Study-Instance-UID: 2\\.25\\.[1-9][0-9]*");
            assertThat(lines[4]).matches("Report-Status: (final|preliminary)");
            assertThat(lines[5]).matches("Report-Date: \\d{8}");
            assertThat(lines[6]).isEqualTo("---");
            assertThat(lines[7]).startsWith("EXAMINATION: ");
            assertThat(text).contains("\nCLINICAL HISTORY: ", "\nTECHNIQUE: ", "\nCOMPARISON: ",
                    "\nFINDINGS:\n", "\nIMPRESSION:\n1. ");
            assertThat(text.indexOf("FINDINGS:")).isLessThan(text.indexOf("IMPRESSION:"));
            assertThat(text).doesNotContain("{").doesNotContain("}");
            assertThat(text).endsWith("\n");

            String truth = Files.readString(r.resolveSibling(acc + ".truth.json"), StandardCharsets.UTF_8);
            assertThat(truth).contains("\"accession_number\": \"" + acc + "\"");
            int mentions = 0;
            for (String line : truth.split("\n")) {
                if (!line.trim().startsWith("{\"term\"")) {
                    continue;
                }
                Matcher m = TRUTH_LINE.matcher(line.trim());
                assertThat(m.matches()).as(line).isTrue();
                mentions++;
                int start = Integer.parseInt(m.group(5));
                int end = Integer.parseInt(m.group(6));
                assertThat(text.substring(start, end)).isEqualTo(m.group(7));
                switch (m.group(2)) {
                    case "present": positive++; break;
                    case "absent": negated++; break;
                    default: possible++;
                }
                if (m.group(3).equals("historical")) {
                    historical++;
                }
                if (!line.contains("\"size_mm\": null")) {
                    sized++;
                }
            }
            assertThat(mentions).as("truth mentions of %s", acc).isGreaterThanOrEqualTo(2);
        }
        assertThat(positive).isPositive();
        assertThat(negated).isPositive();
        assertThat(possible).isPositive();
        assertThat(historical).isPositive();
        assertThat(sized).isPositive();
    }

    @Test
    void refusesToWriteIntoAForeignNonEmptyDirectory() throws Exception {
        Path out = tmp.resolve("foreign");
        Files.createDirectories(out);
        Files.writeString(out.resolve("precious.txt"), "keep me");
        assertThatThrownBy(() -> new SyntheticPacsGenerator(new GenerateOptions(1, 1L, out)).generate())
                .isInstanceOf(IOException.class).hasMessageContaining("not empty");
        assertThat(out.resolve("precious.txt")).hasContent("keep me");
    }

    @Test
    void commandParsesArgumentsAndPrintsOneLine() {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(o, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(e, true, StandardCharsets.UTF_8);
        Path dir = tmp.resolve("cli");
        int rc = GenerateCommand.run(new String[] {"--patients", "2", "--seed", "3", "--out", dir.toString(),
                "--profile", "demo"}, out, err);
        assertThat(rc).isZero();
        assertThat(o.toString(StandardCharsets.UTF_8).trim()).startsWith("generated 2 patients").doesNotContain("\n");
        assertThat(dir.resolve("studies.tsv")).isRegularFile();

        assertThat(GenerateCommand.run(new String[] {"--patients", "x", "--seed", "3", "--out", "y"}, out, err))
                .isEqualTo(2);
        assertThat(GenerateCommand.run(new String[] {"--seed", "3", "--out", "y"}, out, err)).isEqualTo(2);
        assertThat(GenerateCommand.run(new String[] {"--patients", "1", "--seed", "3", "--out", "y",
                "--profile", "huge"}, out, err)).isEqualTo(2);
        assertThat(e.toString(StandardCharsets.UTF_8)).contains("usage: generate");
        assertThat(GenerateCommand.parse(new String[] {"--patients=5", "--seed=-7", "--out=z",
                "--profile=REALISTIC"})).isEqualTo(new GenerateOptions(5, -7L, Path.of("z"), StudySizeProfile.REALISTIC));
    }

    @Test
    void uidsAreValidAndDistinct() {
        List<String> uids = new ArrayList<>();
        for (int p = 0; p < 50; p++) {
            for (int c = 0; c < 50; c++) {
                String uid = SyntheticPacsGenerator.uidFor(-1L, p, c);
                assertThat(uid).matches(UID).startsWith("2.25.").hasSizeLessThanOrEqualTo(64);
                uids.add(uid);
            }
        }
        assertThat(uids).doesNotHaveDuplicates();
    }

    @Test
    void phraseCatalogLoadsAndCoversEveryRegion() {
        PhraseCatalog c = PhraseCatalog.load();
        assertThat(c.exams).hasSizeGreaterThan(15);
        assertThat(c.examsByModalityGroup).containsKeys("CT", "MR", "XR", "US");
        for (String region : List.of("chest", "abdomen", "brain", "knee", "thyroid")) {
            assertThat(c.findings.stream().filter(f -> f.region().equals(region)))
                    .extracting(PhraseCatalog.FindingTemplate::assertion)
                    .contains("present", "absent", "possible");
        }
        assertThat(ReportBuilder.laterality("Small left pleural effusion.")).isEqualTo("left");
        assertThat(ReportBuilder.laterality("Opacity in the bilateral lower lobes.")).isEqualTo("bilateral");
        assertThat(ReportBuilder.laterality("No pneumothorax.")).isNull();
    }

    // ---- helpers ----

    private Map<String, String> generateAndHash(Path out, int patients, long seed) throws Exception {
        new SyntheticPacsGenerator(new GenerateOptions(patients, seed, out)).generate();
        Map<String, String> hashes = new TreeMap<>();
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (Path f : allFiles(out)) {
            hashes.put(out.relativize(f).toString(), HexFormat.of().formatHex(sha.digest(Files.readAllBytes(f))));
        }
        return hashes;
    }

    private static List<Study> manifest(Path out) throws IOException {
        List<String> lines = Files.readAllLines(out.resolve("studies.tsv"), StandardCharsets.UTF_8);
        assertThat(lines.get(0)).startsWith("patient_id\taccession_number\tstudy_instance_uid");
        List<Study> studies = new ArrayList<>();
        for (String l : lines.subList(1, lines.size())) {
            String[] f = l.split("\t", -1);
            assertThat(f).hasSize(11);
            studies.add(new Study(f[0], f[1], f[2], f[4], f[5], Integer.parseInt(f[8]), Integer.parseInt(f[9]), f[10]));
        }
        return studies;
    }

    private static List<Path> files(Path root, String suffix) throws IOException {
        try (Stream<Path> w = Files.walk(root)) {
            return w.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().endsWith(suffix))
                    .sorted().toList();
        }
    }

    private static List<Path> allFiles(Path root) throws IOException {
        try (Stream<Path> w = Files.walk(root)) {
            return w.filter(Files::isRegularFile).sorted().toList();
        }
    }
}
