package org.radbridge.cli;

import org.radbridge.dicom.write.DicomPart10Writer;
import org.radbridge.dicom.write.SopClassUids;
import org.radbridge.dicom.write.SyntheticInstance;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The bulk path of `bench fhir` into Orthanc: one small DICOM instance per series of each generated study (the study
 * attributes QIDO-RS matches on, the series modality), sent to {@code POST /instances} from several connections.
 */
final class OrthancBulkLoader {
    private static final DateTimeFormatter DA = DateTimeFormatter.BASIC_ISO_DATE;
    private static final DateTimeFormatter TM = DateTimeFormatter.ofPattern("HHmmss");

    private OrthancBulkLoader() {}

    static byte[] instance(BenchStudies.Study s, BenchStudies.Exam exam, int series) throws IOException {
        return DicomPart10Writer.toBytes(SyntheticInstance.builder()
                .patientName(s.patientName()).patientId(s.mrn()).issuerOfPatientId(BenchStudies.ISSUER)
                .patientBirthDate(DA.format(s.birthDate())).patientSex(s.sex())
                .studyInstanceUid(s.uid()).studyDate(DA.format(s.date())).studyTime(TM.format(s.time()))
                .accessionNumber(s.accession()).studyId("1").studyDescription(exam.description())
                .seriesInstanceUid(s.seriesUid(series)).seriesNumber(series).seriesDate(DA.format(s.date()))
                .seriesDescription(exam.description() + " series " + series).modality(exam.modality())
                .sopClassUid(SopClassUids.forModality(exam.modality())).sopInstanceUid(s.sopUid(series)).instanceNumber(1)
                .rows(4).columns(4).bitsAllocated(exam.modality().equals("US") ? 8 : 16).pixelSeed(s.index())
                .build());
    }

    /** @return instances stored */
    static int load(int port, List<BenchStudies.Study> studies, List<BenchStudies.Exam> exams, int connections) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
        URI uri = URI.create("http://127.0.0.1:" + port + "/instances");
        AtomicInteger stored = new AtomicInteger();
        AtomicInteger next = new AtomicInteger();
        AtomicReference<String> failure = new AtomicReference<>();
        long t0 = System.nanoTime();
        int step = Math.max(1, studies.size() / 20);
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int c = 0; c < connections; c++) {
                futures.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < studies.size() && failure.get() == null; i = next.getAndIncrement()) {
                        BenchStudies.Study s = studies.get(i);
                        for (int k = 1; k <= s.series(); k++) {
                            HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri)
                                    .POST(HttpRequest.BodyPublishers.ofByteArray(instance(s, exams.get(s.exam()), k))).build(),
                                    HttpResponse.BodyHandlers.ofString());
                            if (r.statusCode() != 200) failure.compareAndSet(null, "HTTP " + r.statusCode() + ": " + r.body());
                            else stored.incrementAndGet();
                        }
                        if ((i + 1) % step == 0) {
                            System.err.printf(Locale.ROOT, "  Orthanc: %d/%d studies (%.0f/s)%n", i + 1, studies.size(),
                                    (i + 1) / ((System.nanoTime() - t0) / 1e9));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) f.get();
        } finally {
            pool.shutdownNow();
        }
        if (failure.get() != null) throw new IOException("Orthanc refused an instance: " + failure.get());
        return stored.get();
    }
}
