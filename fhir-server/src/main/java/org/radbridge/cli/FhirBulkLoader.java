package org.radbridge.cli;

import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Meta;
import org.radbridge.map.DiagnosticReportBundleBuilder;
import org.radbridge.map.ImagingStudyBundleBuilder;
import org.radbridge.nlp.NlpResult;
import org.radbridge.report.ReportFindings;
import org.radbridge.report.StagedReport;
import org.radbridge.staging.StudyView;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bulk path of `bench fhir` into RadBridge's FHIR store: the same bundles the projection writes (built by
 * {@link ImagingStudyBundleBuilder} and {@link DiagnosticReportBundleBuilder} from a {@link StudyView} and its report with
 * the NLP's findings), written through HAPI's system DAO like the projection's {@code JpaFhirSink}, but many studies per
 * transaction and on several threads. The pipeline's own cost (DICOM parsing, staging, cTAKES per report, OMOP) is
 * what is skipped; the FHIR resources are the ones it would write.
 */
final class FhirBulkLoader {
    /** A pool report analysed once: its text and what the NLP found in it. */
    record AnalysedExam(BenchStudies.Exam exam, NlpResult nlp, List<ReportFindings.Finding> findings) {}

    private final IFhirSystemDao<Bundle, Meta> systemDao;
    private final ImagingStudyBundleBuilder studyBuilder;
    private final DiagnosticReportBundleBuilder reportBuilder;
    private final List<AnalysedExam> exams;

    FhirBulkLoader(IFhirSystemDao<Bundle, Meta> systemDao, ImagingStudyBundleBuilder studyBuilder, DiagnosticReportBundleBuilder reportBuilder,
                   List<AnalysedExam> exams) {
        this.systemDao = systemDao;
        this.studyBuilder = studyBuilder;
        this.reportBuilder = reportBuilder;
        this.exams = exams;
    }

    /** The transaction the projection writes for one study and its final report. */
    Bundle studyBundle(BenchStudies.Study s) {
        AnalysedExam e = exams.get(s.exam());
        StudyView view = BenchStudies.view(s, e.exam());
        Bundle bundle = studyBuilder.build(view);
        OffsetDateTime received = s.date().atTime(s.time()).plusHours(3).atOffset(ZoneOffset.UTC);
        StagedReport report = new StagedReport("bench-" + s.accession(), s.accession(), s.mrn(), BenchStudies.ISSUER, s.uid(), "F",
                s.date(), e.exam().reportText(), "bench", received);
        reportBuilder.addTo(bundle, view, report, e.nlp(), e.findings(), List.of());
        return bundle;
    }

    /**
     * Several studies' transactions as one: entries with a full URL already present (the patient of an earlier study of
     * the same batch, the NLP Device) are written once, and the references to them resolve to the one entry.
     */
    static Bundle merge(List<Bundle> bundles) {
        Bundle out = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        Set<String> seen = new HashSet<>();
        for (Bundle b : bundles) {
            for (Bundle.BundleEntryComponent e : b.getEntry()) {
                if (e.hasFullUrl() && !seen.add(e.getFullUrl())) continue;
                out.addEntry(e);
            }
        }
        return out;
    }

    /** Told, in order, how far the load has come: every study before {@code through} is written, with these patients. */
    interface Checkpoint {
        void reached(int through, Map<String, String> newPatientIds) throws Exception;
    }

    /**
     * Writes the studies from index {@code from} on, {@code batch} studies per transaction on {@code threads} threads; a
     * patient's studies always go to one transaction (they are consecutive in the list and a batch never splits them), so
     * no two transactions create the same Patient. The checkpoint hears of every prefix of the list that is written, so
     * an interrupted load resumes there (the writes are conditional: a study written twice stays one study).
     */
    void load(List<BenchStudies.Study> studies, int from, int threads, int batch, Checkpoint checkpoint) throws Exception {
        if (from >= studies.size()) return;
        if (from == 0) {
            // the NLP Device every report's Provenance names: created by one transaction before the others race for it
            Map<String, String> first = new java.util.HashMap<>();
            write(List.of(studies.get(0)), first);
            checkpoint.reached(1, first);
            from = 1;
        }
        List<List<BenchStudies.Study>> batches = new ArrayList<>();
        List<BenchStudies.Study> current = new ArrayList<>();
        for (int i = from; i < studies.size(); i++) {
            BenchStudies.Study s = studies.get(i);
            boolean samePatient = !current.isEmpty() && current.get(current.size() - 1).mrn().equals(s.mrn());
            if (current.size() >= batch && !samePatient) {
                batches.add(current);
                current = new ArrayList<>();
            }
            current.add(s);
        }
        if (!current.isEmpty()) batches.add(current);
        Object[] written = new Object[batches.size()];
        int[] next = {0};
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicInteger done = new AtomicInteger(from);
        int start = from;
        long t0 = System.nanoTime();
        int step = Math.max(1, studies.size() / 20);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int k = 0; k < batches.size(); k++) {
                int index = k;
                List<BenchStudies.Study> b = batches.get(k);
                futures.add(pool.submit(() -> {
                    Map<String, String> ids = new java.util.HashMap<>();
                    write(b, ids);
                    synchronized (written) {
                        written[index] = ids;
                        Map<String, String> newIds = new java.util.HashMap<>();
                        int through = -1;
                        while (next[0] < written.length && written[next[0]] != null) {
                            @SuppressWarnings("unchecked")
                            Map<String, String> m = (Map<String, String>) written[next[0]];
                            newIds.putAll(m);
                            List<BenchStudies.Study> w = batches.get(next[0]);
                            through = w.get(w.size() - 1).index() + 1;
                            written[next[0]++] = Boolean.TRUE;
                        }
                        if (through > 0) checkpoint.reached(through, newIds);
                    }
                    int before = done.getAndAdd(b.size());
                    if ((before + b.size()) / step != before / step) {
                        double secs = (System.nanoTime() - t0) / 1e9;
                        System.err.printf(Locale.ROOT, "  FHIR: %d/%d studies (%.0f/s)%n", before + b.size(), studies.size(),
                                (before + b.size() - start) / secs);
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) f.get();
        } finally {
            pool.shutdownNow();
        }
    }

    private void write(List<BenchStudies.Study> studies, Map<String, String> patientIds) {
        List<Bundle> bundles = new ArrayList<>(studies.size());
        for (BenchStudies.Study s : studies) bundles.add(studyBundle(s));
        Bundle tx = merge(bundles);
        // the response is in the request's order, but HAPI reorders the request bundle's own entry list while it
        // processes it (by verb): the order is taken before
        List<Bundle.BundleEntryComponent> requested = new ArrayList<>(tx.getEntry());
        Bundle response = systemDao.transaction(new SystemRequestDetails(), tx);
        for (int i = 0; i < requested.size(); i++) {
            if (!(requested.get(i).getResource() instanceof org.hl7.fhir.r4.model.Patient p)) continue;
            String location = response.getEntry().get(i).getResponse().getLocation();
            if (location == null || !location.startsWith("Patient/"))
                throw new IllegalStateException("transaction response entry " + i + " is " + location + ", not the Patient requested there");
            patientIds.put(p.getIdentifierFirstRep().getValue(), location.split("/")[1]);
        }
    }
}
