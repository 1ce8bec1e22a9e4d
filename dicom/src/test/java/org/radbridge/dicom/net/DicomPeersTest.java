package org.radbridge.dicom.net;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.radbridge.dicom.DicomHeader;
import org.radbridge.dicom.DicomHeaderReader;
import org.radbridge.dicom.web.DicomWebClient;
import org.radbridge.dicom.web.DicomWebError;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The DICOM network layer against real peers: Orthanc (DIMSE C-FIND/C-MOVE/C-GET, DICOMweb QIDO/WADO-RS) loaded with
 * generated studies through its REST API, and DCMTK storescu pushing into our receiver. Runs in a private network
 * namespace (see dicom/pom.xml, profile e2e); skips with a message when Orthanc or DCMTK is missing.
 */
@Tag("e2e")
@Tag("peers")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DicomPeersTest {
    private static final Path STORESCU = Path.of("/usr/bin/storescu");
    private static final List<String> KEY_ATTRIBUTES = List.of("SOPInstanceUID", "StudyInstanceUID", "SeriesInstanceUID", "SOPClassUID",
            "InstanceNumber", "SeriesNumber", "Modality", "SeriesDescription", "BodyPartExamined", "SeriesDate", "StudyDate", "StudyTime",
            "Manufacturer", "ManufacturerModelName", "PatientID", "IssuerOfPatientID", "PatientName", "PatientBirthDate", "PatientSex",
            "AccessionNumber", "StudyID", "StudyDescription", "ReferringPhysicianName", "InstitutionName", "ImageType", "Rows", "Columns");

    private Path tmp;
    private OrthancPeer orthanc;
    private StoreScp receiver;
    private final List<SpooledInstance> pushed = new CopyOnWriteArrayList<>();
    private List<TestStudies.Study> studies;
    private final Map<String, Path> fileBySop = new HashMap<>();
    private DimseClient dimse;
    private String srStudy;
    private long t0;

    @BeforeAll
    void startPeers() throws Exception {
        t0 = System.nanoTime();
        String why = OrthancPeer.whyNot();
        assumeTrue(why == null, () -> "skipped: " + why);
        String net = PrivateNetwork.whyNot();
        assumeTrue(net == null, () -> "skipped: " + net);
        tmp = Files.createTempDirectory("dicom-peers");
        studies = TestStudies.write(tmp.resolve("gen"), "2.25." + (System.currentTimeMillis() % 1_000_000_000L));
        receiver = new StoreScp(new StoreScp.Config("RADBRIDGE", "127.0.0.1", OrthancPeer.freePort(), tmp.resolve("spool"), Set.of(),
                Set.of("127.0.0.1"), 4), pushed::add);
        receiver.start();
        orthanc = new OrthancPeer("RADBRIDGE", receiver.port());
        for (TestStudies.Study s : studies) {
            for (Path f : s.files()) {
                assertThat(orthanc.upload(f)).isEqualTo("Success");
                fileBySop.put(TestStudies.sopInstanceUid(f), f);
            }
        }
        Path sr = corpus().resolve("pydicom_test-SR.dcm");
        if (Files.exists(sr)) {
            orthanc.upload(sr);
            srStudy = new DicomHeaderReader().read(sr).studyInstanceUid();
            fileBySop.put(TestStudies.sopInstanceUid(sr), sr);
        }
        dimse = new DimseClient(new DimseClient.Options("RADBRIDGE", Duration.ofSeconds(2), Duration.ofSeconds(60),
                new RetryPolicy(3, Duration.ofMillis(100), Duration.ofMillis(400))));
        System.out.printf("peers started and loaded in %.1f s%n", (System.nanoTime() - t0) / 1e9);
    }

    @AfterAll
    void stopPeers() throws IOException {
        if (dimse != null) dimse.close();
        if (orthanc != null) orthanc.close();
        if (receiver != null) receiver.close();
        if (tmp != null) {
            try (Stream<Path> s = Files.walk(tmp)) {
                for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
            }
        }
        System.out.printf("peer tests took %.1f s in all%n", (System.nanoTime() - t0) / 1e9);
    }

    static Path corpus() {
        return Path.of(System.getProperty("radbridge.home", ".")).toAbsolutePath().resolve("../shared/dicom-corpus").normalize();
    }

    private Set<String> generatedStudyUids() {
        return studies.stream().map(TestStudies.Study::uid).collect(Collectors.<String, TreeSet<String>>toCollection(TreeSet::new));
    }

    // ------------------------------------------------------------------ C-FIND

    @Test
    void cFindFindsTheLoadedStudiesWithEveryFilter() throws Exception {
        dimse.echo(orthanc.node());
        List<StudyMatch> all = dimse.findStudies(orthanc.node(), StudyQuery.ALL);
        assertThat(all.stream().map(StudyMatch::studyInstanceUid).collect(Collectors.toSet()))
                .isEqualTo(orthanc.studyUids()).containsAll(generatedStudyUids());
        TestStudies.Study ct = studies.get(0);
        StudyMatch m = all.stream().filter(s -> s.studyInstanceUid().equals(ct.uid())).findFirst().orElseThrow();
        assertThat(m.numberOfInstances()).isEqualTo(ct.files().size());
        assertThat(m.modalitiesInStudy()).containsExactly("CT");
        assertThat(m.accessionNumber()).isEqualTo(ct.accession());

        assertThat(uids(dimse.findStudies(orthanc.node(), new StudyQuery(null, null, "MR", null, null)))).containsExactly(studies.get(1).uid());
        assertThat(uids(dimse.findStudies(orthanc.node(), new StudyQuery(LocalDate.of(2021, 1, 1), LocalDate.of(2022, 12, 31), null, null, null))))
                .contains(studies.get(1).uid(), studies.get(2).uid()).doesNotContain(ct.uid());
        assertThat(uids(dimse.findStudies(orthanc.node(), new StudyQuery(null, null, null, studies.get(2).patientId(), null))))
                .containsExactly(studies.get(2).uid());
        assertThat(uids(dimse.findStudies(orthanc.node(), new StudyQuery(null, null, null, null, ct.accession())))).containsExactly(ct.uid());
    }

    private static List<String> uids(List<StudyMatch> l) {
        return l.stream().map(StudyMatch::studyInstanceUid).toList();
    }

    // ------------------------------------------------------------------ C-MOVE and C-GET

    @Test
    void cMoveBringsEveryInstanceOfEveryStudyIntoTheSpool() throws Exception {
        for (String study : orthanc.studyUids()) {
            RetrieveResult r = dimse.move(orthanc.node(), study, "RADBRIDGE");
            TreeSet<String> expected = orthanc.sopInstanceUids(study);
            assertThat(r.fullySucceeded()).as(r.describe()).isTrue();
            assertThat(r.completed()).as(r.describe()).isEqualTo(expected.size());
            assertThat(spooledSops(receiver.spool().studyDir(study))).as("spool of " + study).isEqualTo(expected);
        }
    }

    @Test
    void cGetBringsEveryInstanceIncludingComprehensiveSr() throws Exception {
        Spool spool = new Spool(tmp.resolve("get-spool"));
        List<StudyMatch> found = dimse.findStudies(orthanc.node(), StudyQuery.ALL);
        for (StudyMatch m : found) {
            List<SpooledInstance> got = new CopyOnWriteArrayList<>();
            RetrieveResult r = dimse.get(orthanc.node(), m.studyInstanceUid(), Set.copyOf(m.sopClassesInStudy()), spool, got::add,
                    m.numberOfInstances());
            TreeSet<String> expected = orthanc.sopInstanceUids(m.studyInstanceUid());
            assertThat(r.fullySucceeded()).as(r.describe()).isTrue();
            assertThat(got.stream().map(SpooledInstance::sopInstanceUid).collect(Collectors.<String, TreeSet<String>>toCollection(TreeSet::new))).isEqualTo(expected);
            assertThat(spooledSops(spool.studyDir(m.studyInstanceUid()))).isEqualTo(expected);
        }
        if (srStudy != null) assertThat(spool.studyDir(srStudy)).isDirectory();
    }

    private static TreeSet<String> spooledSops(Path dir) throws IOException {
        TreeSet<String> out = new TreeSet<>();
        if (!Files.isDirectory(dir)) return out;
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.toList()) out.add(p.getFileName().toString().replaceFirst("\\.dcm$", ""));
        }
        return out;
    }

    // ------------------------------------------------------------------ DICOMweb

    @Test
    void qidoAndWadoMetadataGiveTheSameUidsAndAttributesAsTheFiles() throws Exception {
        DicomWebClient web = new DicomWebClient(orthanc.dicomWebBase()).pageSize(2); // small pages exercise paging
        List<StudyMatch> all = web.searchStudies(StudyQuery.ALL);
        assertThat(all.stream().map(StudyMatch::studyInstanceUid).collect(Collectors.toSet())).isEqualTo(orthanc.studyUids());
        assertThat(uids(web.searchStudies(new StudyQuery(null, null, "CT", null, null)))).containsExactly(studies.get(0).uid());
        assertThat(uids(web.searchStudies(new StudyQuery(LocalDate.of(2021, 1, 1), null, null, null, null))))
                .contains(studies.get(1).uid(), studies.get(2).uid()).doesNotContain(studies.get(0).uid());
        assertThat(uids(web.searchStudies(new StudyQuery(null, null, null, studies.get(1).patientId(), null)))).containsExactly(studies.get(1).uid());
        assertThat(uids(web.searchStudies(new StudyQuery(null, null, null, null, studies.get(2).accession())))).containsExactly(studies.get(2).uid());

        DicomHeaderReader reader = new DicomHeaderReader();
        Map<String, Integer> missing = new TreeMap<>();
        Map<String, String> differing = new TreeMap<>();
        for (String study : orthanc.studyUids()) {
            List<DicomHeader> meta = web.studyMetadata(study);
            assertThat(meta.stream().map(DicomHeader::sopInstanceUid).collect(Collectors.<String, TreeSet<String>>toCollection(TreeSet::new)))
                    .isEqualTo(orthanc.sopInstanceUids(study));
            for (DicomHeader h : meta) {
                Path file = fileBySop.get(h.sopInstanceUid());
                DicomHeader f = reader.read(file);
                for (String k : KEY_ATTRIBUTES) {
                    assertThat(h.get(k)).as(k + " of " + file.getFileName()).isEqualTo(f.get(k));
                }
                for (Map.Entry<String, String> e : f.asMap().entrySet()) {
                    String k = e.getKey();
                    if (k.startsWith("(0x0002") || isMetaKeyword(k)) continue;
                    String w = h.asMap().get(k);
                    if (w == null) missing.merge(k, 1, Integer::sum);
                    else if (!sameValue(w, e.getValue())) differing.putIfAbsent(k, "file '" + e.getValue() + "' web '" + w + "'");
                }
            }
        }
        System.out.println("WADO-RS metadata vs file: missing in metadata " + missing + "; differing " + differing);
        assertThat(differing).as("values that differ between file and WADO-RS metadata").isEmpty();
        assertThat(missing).as("attributes of the files missing from WADO-RS metadata").isEmpty();
    }

    private static boolean isMetaKeyword(String k) {
        return Set.of("FileMetaInformationGroupLength", "MediaStorageSOPClassUID", "MediaStorageSOPInstanceUID", "TransferSyntaxUID",
                "ImplementationClassUID", "ImplementationVersionName", "SourceApplicationEntityTitle").contains(k);
    }

    /** Equal as text, or (decimal strings) as numbers. */
    private static boolean sameValue(String a, String b) {
        if (a.equals(b)) return true;
        String[] x = a.split("\\\\"), y = b.split("\\\\");
        if (x.length != y.length) return false;
        for (int i = 0; i < x.length; i++) {
            if (x[i].trim().equals(y[i].trim())) continue;
            try {
                if (Double.parseDouble(x[i].trim()) != Double.parseDouble(y[i].trim())) return false;
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return true;
    }

    @Test
    void dicomWebUnreachableFailsClearlyAfterRetries() throws Exception {
        int port = OrthancPeer.freePort();
        DicomWebClient web = new DicomWebClient("http://127.0.0.1:" + port + "/dicom-web", Duration.ofSeconds(2),
                new RetryPolicy(2, Duration.ofMillis(50), Duration.ofMillis(50)), Map.of());
        assertThatThrownBy(() -> web.searchStudies(StudyQuery.ALL)).isInstanceOf(DicomWebError.class)
                .hasMessageContaining("http://127.0.0.1:" + port + "/dicom-web").hasMessageContaining("unreachable")
                .hasMessageContaining("after 2 attempts");
    }

    // ------------------------------------------------------------------ storescu push

    @Test
    void storescuPushesExplicitImplicitAndCompressedFilesIntoTheSpool() throws Exception {
        assumeTrue(Files.isExecutable(STORESCU), "skipped: DCMTK storescu not installed (Debian package dcmtk)");
        // storescu proposes only uncompressed syntaxes unless told: one run per kind of file, each with its proposal option
        Map<List<String>, List<Path>> runs = new java.util.LinkedHashMap<>();
        runs.put(List.of("-xe"), new ArrayList<>(studies.get(2).files()));           // explicit VR little endian
        Path implicitDir = Files.createDirectories(tmp.resolve("implicit"));
        runs.put(List.of("-xi"), List.of(TestStudies.implicitCopy(studies.get(1).files().get(0), implicitDir.resolve("implicit.dcm"))));
        Map<String, String> compressed = Map.of("dcm4che_CT-JPEGLosslessSV1.dcm", "-xs", "pydicom_MR_small_RLE.dcm", "-xr",
                "pydicom_SC_rgb_jpeg_dcmtk.dcm", "-xy", "pydicom_MR_small_jp2klossless.dcm", "-xv");
        compressed.forEach((name, option) -> {
            Path f = corpus().resolve(name);
            if (Files.exists(f)) runs.put(List.of(option, "-R"), List.of(f));
        });
        pushed.clear();
        List<Path> files = new ArrayList<>();
        for (Map.Entry<List<String>, List<Path>> run : runs.entrySet()) {
            List<String> cmd = new ArrayList<>(List.of(STORESCU.toString()));
            cmd.addAll(run.getKey());
            cmd.addAll(List.of("-aet", "STORESCU", "-aec", "RADBRIDGE", "127.0.0.1", String.valueOf(receiver.port())));
            run.getValue().forEach(f -> cmd.add(f.toString()));
            files.addAll(run.getValue());
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            assertThat(p.waitFor()).as(String.join(" ", cmd) + "\n" + out).isZero();
        }
        DicomHeaderReader reader = new DicomHeaderReader();
        TreeSet<String> expected = new TreeSet<>();
        for (Path f : files) expected.add(reader.read(f).sopInstanceUid());
        assertThat(pushed.stream().map(SpooledInstance::sopInstanceUid).collect(Collectors.<String, TreeSet<String>>toCollection(TreeSet::new))).isEqualTo(expected);
        assertThat(pushed).allMatch(i -> Files.exists(i.file()) && "STORESCU".equals(i.callingAeTitle()));
        Set<String> syntaxes = pushed.stream().map(SpooledInstance::transferSyntaxUid).collect(Collectors.toSet());
        System.out.println("storescu pushed " + pushed.size() + " instances in transfer syntaxes " + syntaxes);
        assertThat(syntaxes).contains("1.2.840.10008.1.2", "1.2.840.10008.1.2.1");
        if (Files.exists(corpus().resolve("pydicom_MR_small_RLE.dcm"))) {
            assertThat(syntaxes).contains("1.2.840.10008.1.2.5", "1.2.840.10008.1.2.4.70", "1.2.840.10008.1.2.4.50", "1.2.840.10008.1.2.4.90");
        }
    }

    @Test
    void storescuWithAWrongCalledAeIsRefused() throws Exception {
        assumeTrue(Files.isExecutable(STORESCU), "skipped: DCMTK storescu not installed (Debian package dcmtk)");
        Process p = new ProcessBuilder(STORESCU.toString(), "-aet", "STORESCU", "-aec", "SOMEONEELSE", "127.0.0.1",
                String.valueOf(receiver.port()), studies.get(0).files().get(0).toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).isNotZero();
        assertThat(out).containsIgnoringCase("reject");
    }

    // ------------------------------------------------------------------ faults

    @Test
    void unreachablePacsIsRetriedThenNamedInTheError() throws Exception {
        int port = OrthancPeer.freePort();
        DicomNode nowhere = new DicomNode("ORTHANC", "127.0.0.1", port);
        long t = System.nanoTime();
        assertThatThrownBy(() -> dimse.findStudies(nowhere, StudyQuery.ALL)).isInstanceOfSatisfying(DicomNetworkError.class, e -> {
            assertThat(e.kind()).isEqualTo(DicomNetworkError.Kind.UNREACHABLE);
            assertThat(e.getMessage()).contains("ORTHANC@127.0.0.1:" + port).contains("after 3 attempts");
        });
        assertThat((System.nanoTime() - t) / 1e6).as("backoff waited").isGreaterThan(250);
    }

    @Test
    void aPacsThatAcceptsButNeverAnswersTimesOut() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            List<Socket> held = new CopyOnWriteArrayList<>();
            Thread t = new Thread(() -> {
                try {
                    while (true) held.add(silent.accept());
                } catch (IOException e) {
                    // closed
                }
            });
            t.setDaemon(true);
            t.start();
            DimseClient quick = new DimseClient(new DimseClient.Options("RADBRIDGE", Duration.ofSeconds(1), Duration.ofMillis(800),
                    new RetryPolicy(2, Duration.ofMillis(50), Duration.ofMillis(50))));
            DicomNode mute = new DicomNode("MUTE", "127.0.0.1", silent.getLocalPort());
            assertThatThrownBy(() -> quick.findStudies(mute, StudyQuery.ALL)).isInstanceOfSatisfying(DicomNetworkError.class, e -> {
                assertThat(e.kind()).isEqualTo(DicomNetworkError.Kind.TIMEOUT);
                assertThat(e.getMessage()).contains("MUTE@127.0.0.1:" + silent.getLocalPort()).contains("timed out");
            });
            quick.close();
            for (Socket s : held) s.close();
        }
    }

    @Test
    void aWrongCalledAeIsRejectedClearlyWithoutRetries() {
        DicomNode wrong = new DicomNode("NOTORTHANC", "127.0.0.1", orthanc.dicomPort);
        assertThatThrownBy(() -> dimse.findStudies(wrong, StudyQuery.ALL)).isInstanceOfSatisfying(DicomNetworkError.class, e -> {
            assertThat(e.kind()).isEqualTo(DicomNetworkError.Kind.REJECTED);
            assertThat(e.getMessage()).contains("NOTORTHANC@127.0.0.1:" + orthanc.dicomPort).contains("rejected the association");
        });
        assertThatThrownBy(() -> dimse.move(wrong, studies.get(0).uid(), "RADBRIDGE")).isInstanceOf(DicomNetworkError.class)
                .hasMessageContaining("rejected");
        assertThatThrownBy(() -> dimse.echo(wrong)).isInstanceOf(DicomNetworkError.class).hasMessageContaining("rejected");
    }

    @Test
    void aMoveToAnUnknownDestinationIsReportedPerStudy() {
        assertThatThrownBy(() -> dimse.move(orthanc.node(), studies.get(0).uid(), "NOBODY")).isInstanceOf(DicomNetworkError.class)
                .hasMessageContaining(orthanc.node().toString()).hasMessageContaining("NOBODY");
    }
}
