package org.radbridge.bench.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Report texts with their truth, made by the same phrase catalog and {@link ReportBuilder} as {@code radbridge generate}
 * but without DICOM files: for NLP evaluation and the NLP benchmark, which need thousands of reports quickly.
 * Deterministic for a seed.
 */
public final class SyntheticReports {

    /** One truth entry of a report: a term, its assertion (present/absent/possible) and temporality. */
    public record Truth(String term, String assertion, String temporality, String section) {
    }

    /** One report: id (accession number), full file text (header block included), truth entries. */
    public record Report(String id, String text, List<Truth> truth) {
    }

    private final PhraseCatalog catalog = PhraseCatalog.load();
    private final ReportBuilder builder = new ReportBuilder(catalog);

    public List<Report> generate(int count, long seed) {
        Random rnd = new Random(seed);
        List<Report> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            PhraseCatalog.Exam exam = catalog.exams.get(rnd.nextInt(catalog.exams.size()));
            String side = exam.lateral() ? (rnd.nextBoolean() ? "right" : "left") : null;
            String accession = String.format(Locale.ROOT, "SYN%07d", i + 1);
            ReportBuilder.Context ctx = new ReportBuilder.Context(accession,
                    String.format(Locale.ROOT, "MRN%07d", rnd.nextInt(10_000_000)), GenerateOptions.DEFAULT_ISSUER,
                    "2.25." + (1_000_000L + i), SyntheticPacsGenerator.resolveSide(exam.description(), side), exam.modality(),
                    exam.region(), exam.contrast(), SyntheticPacsGenerator.resolveSide(exam.part(), side), side, 1 + rnd.nextInt(3),
                    rnd.nextBoolean() ? "None." : exam.description() + " dated 2023-01-0" + (1 + rnd.nextInt(9)) + ".",
                    "20240101", "final");
            ReportBuilder.Report r = builder.build(ctx, rnd);
            List<Truth> truth = r.mentions().stream()
                    .map(m -> new Truth(m.term(), m.assertion(), m.temporality(), m.section())).toList();
            out.add(new Report(accession, r.text(), truth));
        }
        return out;
    }
}
