package org.radbridge.source;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radbridge.dicom.DicomHeader;
import org.radbridge.dicom.net.DicomNetworkError;
import org.radbridge.dicom.net.DicomNode;
import org.radbridge.dicom.net.RetrieveResult;
import org.radbridge.dicom.net.StudyMatch;
import org.radbridge.dicom.net.StudyQuery;
import org.radbridge.dicom.web.DicomWebError;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The pull orchestrations against fake peers: resume, per-study failures, fatal stops, rate limit, time window. */
class PullTest {
    @TempDir
    Path tmp;

    private static final DicomNode NODE = new DicomNode("PACS", "10.0.0.9", 104);

    static StudyMatch study(String uid, int instances) {
        return new StudyMatch(uid, "P", "N", "20240101", "A", List.of("CT"), "D", 1, instances, List.of());
    }

    /** Writes {@code instances} fake files per study into tmp/uid when retrieved; behaviour per study adjustable. */
    class FakePacs implements DimsePull.Pacs {
        final List<StudyMatch> studies;
        final Map<String, DicomNetworkError.Kind> failures = new ConcurrentHashMap<>();
        final List<String> retrieved = Collections.synchronizedList(new ArrayList<>());

        FakePacs(List<StudyMatch> studies) {
            this.studies = studies;
        }

        public String describe() { return NODE.toString(); }
        public String kind() { return "dimse-move"; }
        public List<StudyMatch> find(StudyQuery q) { return studies; }

        public RetrieveResult retrieve(StudyMatch s) throws DicomNetworkError {
            DicomNetworkError.Kind k = failures.get(s.studyInstanceUid());
            if (k != null) throw new DicomNetworkError(k, NODE, "PACS " + NODE + " says no (" + k + ")", null);
            retrieved.add(s.studyInstanceUid());
            try {
                Path d = Files.createDirectories(studyDir(s.studyInstanceUid()));
                for (int i = 0; i < s.numberOfInstances(); i++) Files.writeString(d.resolve(i + ".dcm"), "x");
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
            return new RetrieveResult(s.studyInstanceUid(), s.numberOfInstances(), 0, 0, 0, -1);
        }

        public Path studyDir(String uid) { return tmp.resolve(uid); }
    }

    static final class FakeSink implements InstanceSink {
        final Map<String, Integer> files = new ConcurrentHashMap<>();
        final Map<String, String> endpoints = new ConcurrentHashMap<>();

        public long stageFiles(String study, List<Path> f, String source) {
            files.merge(study, f.size(), Integer::sum);
            return f.size();
        }

        public long stageHeaders(String study, List<DicomHeader> headers, String endpointUrl, String source) {
            files.merge(study, headers.size(), Integer::sum);
            endpoints.put(study, endpointUrl);
            return headers.size();
        }
    }

    @Test
    void pullsEveryStudyAndASecondRunResumesWithNothingToDo() throws Exception {
        FakePacs pacs = new FakePacs(List.of(study("1.1", 3), study("1.2", 2), study("1.3", 1)));
        InMemoryPullStateStore state = new InMemoryPullStateStore();
        FakeSink sink = new FakeSink();
        PullReport r = new DimsePull(pacs, state, sink, PullOptions.DEFAULT).run(StudyQuery.ALL);
        assertThat(r.complete()).as(r.describe()).isTrue();
        assertThat(r.studiesDone()).isEqualTo(3);
        assertThat(r.instancesStaged()).isEqualTo(6);
        assertThat(sink.files).containsEntry("1.1", 3).containsEntry("1.2", 2).containsEntry("1.3", 1);

        PullReport again = new DimsePull(pacs, state, sink, PullOptions.DEFAULT).run(StudyQuery.ALL);
        assertThat(again.studiesSkipped()).isEqualTo(3);
        assertThat(again.studiesDone()).isZero();
        assertThat(pacs.retrieved).hasSize(3);
    }

    @Test
    void anUnreachablePacsStopsThePullAndTheNextRunResumesWhereItStopped() throws Exception {
        List<StudyMatch> studies = new ArrayList<>();
        for (int i = 1; i <= 6; i++) studies.add(study("2." + i, 1));
        FakePacs pacs = new FakePacs(studies);
        pacs.failures.put("2.3", DicomNetworkError.Kind.UNREACHABLE);
        InMemoryPullStateStore state = new InMemoryPullStateStore();
        FakeSink sink = new FakeSink();
        PullReport r = new DimsePull(pacs, state, sink, new PullOptions(1, 0, TimeWindow.ALWAYS)).run(StudyQuery.ALL);
        assertThat(r.stoppedBy()).contains("PACS@10.0.0.9:104");
        assertThat(r.studiesDone()).isEqualTo(2);
        assertThat(r.describe()).contains("run the same command again to resume");

        pacs.failures.clear();
        PullReport resumed = new DimsePull(pacs, state, sink, new PullOptions(1, 0, TimeWindow.ALWAYS)).run(StudyQuery.ALL);
        assertThat(resumed.studiesSkipped()).isEqualTo(2);
        assertThat(resumed.studiesDone()).isEqualTo(4);
        assertThat(resumed.complete()).isTrue();
        assertThat(pacs.retrieved).hasSize(6).doesNotHaveDuplicates();
    }

    @Test
    void aStudyThePacsRefusesIsReportedAndTheOthersGoOn() throws Exception {
        FakePacs pacs = new FakePacs(List.of(study("3.1", 1), study("3.2", 1), study("3.3", 1)));
        pacs.failures.put("3.2", DicomNetworkError.Kind.FAILED);
        InMemoryPullStateStore state = new InMemoryPullStateStore();
        PullReport r = new DimsePull(pacs, state, new FakeSink(), PullOptions.DEFAULT).run(StudyQuery.ALL);
        assertThat(r.stoppedBy()).isNull();
        assertThat(r.studiesDone()).isEqualTo(2);
        assertThat(r.studiesFailed()).isEqualTo(1);
        assertThat(r.problems()).singleElement().asString().contains("3.2").contains("PACS@10.0.0.9:104");
        String job = PullStateStore.jobKey("dimse-move", NODE.toString(), StudyQuery.ALL.describe());
        assertThat(state.status(job, "3.2")).isEqualTo("failed");
        assertThat(state.status(job, "3.3")).isEqualTo("done");
    }

    @Test
    void anIncompleteStudyIsReportedWithItsCounts() throws Exception {
        FakePacs pacs = new FakePacs(List.of(study("4.1", 2))) {
            @Override
            public RetrieveResult retrieve(StudyMatch s) throws DicomNetworkError {
                super.retrieve(s);
                return new RetrieveResult(s.studyInstanceUid(), 2, 1, 0, 0xB000, -1);
            }
        };
        PullReport r = new DimsePull(pacs, new InMemoryPullStateStore(), new FakeSink(), PullOptions.DEFAULT).run(StudyQuery.ALL);
        assertThat(r.problems()).singleElement().asString().contains("4.1").contains("2 completed, 1 failed").contains("0xB000");
    }

    @Test
    void theRateLimitSpacesStudiesOut() throws Exception {
        FakePacs pacs = new FakePacs(List.of(study("5.1", 1), study("5.2", 1), study("5.3", 1)));
        long t0 = System.nanoTime();
        new DimsePull(pacs, new InMemoryPullStateStore(), new FakeSink(), new PullOptions(3, 300, TimeWindow.ALWAYS)).run(StudyQuery.ALL);
        assertThat((System.nanoTime() - t0) / 1e6).as("3 studies at 300/min take at least 2 x 200 ms").isGreaterThanOrEqualTo(390);
    }

    @Test
    void timeWindowsAcrossMidnight() {
        TimeWindow night = TimeWindow.parse("19:00-07:00");
        assertThat(night.contains(LocalTime.of(23, 0))).isTrue();
        assertThat(night.contains(LocalTime.of(6, 59))).isTrue();
        assertThat(night.contains(LocalTime.of(12, 0))).isFalse();
        assertThat(night.untilOpen(LocalDateTime.of(2024, 1, 1, 18, 30)).toMinutes()).isEqualTo(30);
        assertThat(night.untilOpen(LocalDateTime.of(2024, 1, 1, 8, 0)).toHours()).isEqualTo(11);
        assertThat(TimeWindow.parse("").always()).isTrue();
        assertThat(TimeWindow.parse("08:00-12:00").contains(LocalTime.of(12, 0))).isFalse();
    }

    @Test
    void outsideTheWindowThePullWaits() throws Exception {
        // 06:59:59.7 with a window opening at 07:00: the single study waits about 300 ms
        Clock clock = Clock.fixed(Instant.parse("2024-01-01T06:59:59.700Z"), ZoneOffset.UTC);
        FakePacs pacs = new FakePacs(List.of(study("6.1", 1)));
        long t0 = System.nanoTime();
        new DimsePull(pacs, new InMemoryPullStateStore(), new FakeSink(), new PullOptions(1, 0, TimeWindow.parse("07:00-19:00")), clock)
                .run(StudyQuery.ALL);
        assertThat((System.nanoTime() - t0) / 1e6).isGreaterThanOrEqualTo(250);
        assertThat(pacs.retrieved).containsExactly("6.1");
    }

    @Test
    void dicomWebPullStagesHeadersWithTheirEndpointAndSkipsRefusedStudies() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        DicomWebPull.Server server = new DicomWebPull.Server() {
            public String baseUrl() { return "http://pacs/dicom-web"; }
            public List<StudyMatch> search(StudyQuery q) { return List.of(study("7.1", 2), study("7.2", 1), study("7.3", 1)); }
            public List<DicomHeader> metadata(String uid) throws DicomWebError {
                calls.incrementAndGet();
                if (uid.equals("7.2")) throw new DicomWebError("DICOMweb server http://pacs/dicom-web answered HTTP 404", 404, null);
                int n = uid.equals("7.1") ? 2 : 1;
                List<DicomHeader> out = new ArrayList<>();
                for (int i = 0; i < n; i++) out.add(new DicomHeader(Map.of("StudyInstanceUID", uid, "SOPInstanceUID", uid + "." + i)));
                return out;
            }
            public String studyUrl(String uid) { return "http://pacs/dicom-web/studies/" + uid; }
        };
        FakeSink sink = new FakeSink();
        InMemoryPullStateStore state = new InMemoryPullStateStore();
        PullReport r = new DicomWebPull(server, state, sink, PullOptions.DEFAULT).run(StudyQuery.ALL);
        assertThat(r.studiesDone()).isEqualTo(2);
        assertThat(r.studiesFailed()).isEqualTo(1);
        assertThat(r.problems()).singleElement().asString().contains("7.2").contains("404");
        assertThat(sink.endpoints).containsEntry("7.1", "http://pacs/dicom-web/studies/7.1");
        assertThat(sink.files).containsEntry("7.1", 2).containsEntry("7.3", 1);
        // the failed study is tried again on the next run, the done ones are not
        calls.set(0);
        new DicomWebPull(server, state, sink, PullOptions.DEFAULT).run(StudyQuery.ALL);
        assertThat(calls.get()).isEqualTo(1);
    }

    @Test
    void anUnreachableDicomWebServerStopsThePull() throws Exception {
        DicomWebPull.Server server = new DicomWebPull.Server() {
            public String baseUrl() { return "http://pacs/dicom-web"; }
            public List<StudyMatch> search(StudyQuery q) { return List.of(study("8.1", 1), study("8.2", 1)); }
            public List<DicomHeader> metadata(String uid) throws DicomWebError {
                throw new DicomWebError("DICOMweb server http://pacs/dicom-web unreachable (ConnectException) after 4 attempts", -1, null);
            }
            public String studyUrl(String uid) { return "u"; }
        };
        PullReport r = new DicomWebPull(server, new InMemoryPullStateStore(), new FakeSink(), new PullOptions(1, 0, null)).run(StudyQuery.ALL);
        assertThat(r.stoppedBy()).contains("http://pacs/dicom-web").contains("unreachable");
        assertThat(r.studiesDone()).isZero();
        assertThat(Set.of(r.studiesFailed())).containsExactly(0);
    }
}
