package org.radbridge.bench.generate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.radbridge.bench.generate.PhraseCatalog.FindingTemplate;
import org.radbridge.bench.generate.PhraseCatalog.SectionText;

/**
 * Builds one plain-text radiology report (header block, {@code ---}, EXAMINATION ... IMPRESSION) and the
 * matching truth JSON from the phrase catalog; every choice comes from the caller's seeded {@link Random}.
 */
final class ReportBuilder {

    /** What the report is about; all values already decided by the generator. */
    record Context(String accessionNumber, String patientId, String issuerOfPatientId, String studyInstanceUid,
                   String studyDescription, String modality, String region, String contrast, String part,
                   String side, int views, String comparison, String reportDate, String reportStatus) {
    }

    /** One truth entry: a term asserted by a sentence of the report at [start, end). */
    record Mention(String term, String assertion, String temporality, Double sizeMm, List<Double> dimensionsMm,
                   String site, String laterality, String section, int start, int end, String text) {
    }

    record Report(String text, String truthJson, List<Mention> mentions) {
    }

    private static final Pattern A_BEFORE_VOWEL_NUMBER = Pattern.compile("\\b([Aa]) (8|11|18)(?=[\\d.]*\\s)");

    private final PhraseCatalog catalog;

    ReportBuilder(PhraseCatalog catalog) {
        this.catalog = catalog;
    }

    private record Realized(FindingTemplate row, String sentence, String impression, String site, Double sizeMm,
                            List<Double> dims) {
    }

    Report build(Context ctx, Random rnd) {
        List<FindingTemplate> candidates = catalog.findingsFor(ctx.region(), ctx.modality());
        List<FindingTemplate> notable = new ArrayList<>(candidates.stream().filter(FindingTemplate::notable).toList());
        List<FindingTemplate> negated = new ArrayList<>(candidates.stream().filter(f -> !f.notable()).toList());
        shuffle(notable, rnd);
        shuffle(negated, rnd);

        Set<String> used = new HashSet<>();
        List<FindingTemplate> chosen = new ArrayList<>();
        int wantNotable = rnd.nextInt(4) == 0 ? 0 : 1 + rnd.nextInt(3); // a quarter of the reports are normal
        pick(notable, wantNotable, used, chosen);
        pick(negated, 2 + rnd.nextInt(3), used, chosen);
        chosen.sort(Comparator.comparingInt(candidates::indexOf)); // organ order as in findings.csv

        List<Realized> realized = new ArrayList<>();
        for (FindingTemplate f : chosen) {
            realized.add(realize(f, ctx, rnd));
        }
        List<String> fillers = new ArrayList<>(
                catalog.sectionsFor("normal", ctx.region(), ctx.modality(), ctx.contrast()).stream()
                        .map(SectionText::text).toList());
        shuffle(fillers, rnd);

        StringBuilder t = new StringBuilder(1024);
        t.append("Accession-Number: ").append(ctx.accessionNumber()).append('\n');
        t.append("Patient-ID: ").append(ctx.patientId()).append('\n');
        t.append("Issuer-Of-Patient-ID: ").append(ctx.issuerOfPatientId()).append('\n');
        t.append("Study-Instance-UID: ").append(ctx.studyInstanceUid()).append('\n');
        t.append("Report-Status: ").append(ctx.reportStatus()).append('\n');
        t.append("Report-Date: ").append(ctx.reportDate()).append('\n');
        t.append("---\n");
        t.append("EXAMINATION: ").append(ctx.studyDescription()).append('\n');
        t.append("CLINICAL HISTORY: ").append(pickText("history", ctx, rnd)).append('\n');
        t.append("TECHNIQUE: ").append(pickText("technique", ctx, rnd)
                .replace("{part}", ctx.part())
                .replace("{views}", ctx.views() == 1 ? "Single view" : numberWord(ctx.views()) + " views"))
                .append('\n');
        t.append("COMPARISON: ").append(ctx.comparison()).append('\n');
        t.append("FINDINGS:\n");

        List<Mention> mentions = new ArrayList<>();
        int fillerCount = Math.min(fillers.size(), 1 + rnd.nextInt(2));
        List<Object> body = new ArrayList<>(realized);
        for (int i = 0; i < fillerCount; i++) {
            body.add(rnd.nextInt(body.size() + 1), fillers.get(i));
        }
        int onLine = 0;
        for (Object o : body) {
            if (onLine > 0) {
                boolean newLine = rnd.nextInt(3) == 0;
                t.append(newLine ? '\n' : ' ');
                if (newLine) {
                    onLine = 0;
                }
            }
            int start = t.length();
            if (o instanceof Realized r) {
                t.append(r.sentence());
                addMentions(mentions, r, r.row().template(), "findings", start, t.length(), r.sentence());
            } else {
                t.append((String) o);
            }
            onLine++;
        }
        t.append('\n');

        t.append("IMPRESSION:\n");
        int n = 0;
        for (Realized r : realized) {
            if (r.impression() == null) {
                continue;
            }
            t.append(++n).append(". ");
            int start = t.length();
            t.append(r.impression());
            addMentions(mentions, r, r.row().impression(), "impression", start, t.length(), r.impression());
            t.append('\n');
        }
        if (n == 0 || rnd.nextInt(3) == 0) {
            t.append(++n).append(". ");
            String normal = pickText("impression_normal", ctx, rnd);
            t.append(n > 1 ? "Otherwise, " + lowerFirst(normal) : normal).append('\n');
        }
        String text = t.toString();
        return new Report(text, truthJson(ctx, mentions), List.copyOf(mentions));
    }

    private static void pick(List<FindingTemplate> from, int want, Set<String> used, List<FindingTemplate> into) {
        int taken = 0;
        for (FindingTemplate f : from) {
            if (taken >= want) {
                return;
            }
            if (f.terms().stream().anyMatch(used::contains) || f.excludes().stream().anyMatch(used::contains)) {
                continue;
            }
            used.addAll(f.terms());
            used.addAll(f.excludes());
            into.add(f);
            taken++;
        }
    }

    private Realized realize(FindingTemplate f, Context ctx, Random rnd) {
        String side = ctx.side() != null ? ctx.side() : (rnd.nextBoolean() ? "right" : "left");
        String site = f.sites().isEmpty() ? null : f.sites().get(rnd.nextInt(f.sites().size())).replace("{side}", side);
        Double sizeMm = null;
        List<Double> dims = null;
        String sizeText = null;
        if (f.size() != null) {
            int[] lo = f.size().min();
            int[] hi = f.size().max();
            double[] d = new double[lo.length];
            for (int i = 0; i < d.length; i++) {
                d[i] = lo[i] + rnd.nextInt(hi[i] - lo[i] + 1);
            }
            java.util.Arrays.sort(d);
            dims = new ArrayList<>();
            for (int i = d.length - 1; i >= 0; i--) {
                dims.add(d[i]);
            }
            sizeMm = dims.get(0);
            sizeText = renderSize(dims, rnd);
        }
        String sentence = fill(f.template(), sizeText, site, side);
        String impression = f.impression().isEmpty() ? null : fill(f.impression(), sizeText, site, side);
        return new Realized(f, sentence, impression, site, sizeMm, dims);
    }

    private static String renderSize(List<Double> dims, Random rnd) {
        double max = dims.get(0);
        if (dims.size() == 1) {
            if (max < 10 || (max < 100 && rnd.nextBoolean())) {
                return String.format(Locale.ROOT, "%d mm", (long) max);
            }
            return String.format(Locale.ROOT, "%.1f cm", max / 10);
        }
        StringBuilder b = new StringBuilder();
        boolean cm = max >= 10;
        for (int i = 0; i < dims.size(); i++) {
            if (i > 0) {
                b.append(" x ");
            }
            b.append(cm ? String.format(Locale.ROOT, "%.1f", dims.get(i) / 10)
                    : String.format(Locale.ROOT, "%d", dims.get(i).longValue()));
        }
        return b.append(cm ? " cm" : " mm").toString();
    }

    private static String fill(String template, String size, String site, String side) {
        String s = template;
        if (size != null) {
            s = s.replace("{size}", size);
        }
        if (site != null) {
            s = s.replace("{site}", site);
        }
        s = s.replace("{side}", side);
        Matcher m = A_BEFORE_VOWEL_NUMBER.matcher(s);
        s = m.replaceAll("$1n $2");
        return upperFirst(s);
    }

    /** Size and site are recorded only when the sentence states them (its template has {size} / {site}). */
    private static void addMentions(List<Mention> out, Realized r, String template, String section, int start,
                                    int end, String text) {
        FindingTemplate f = r.row();
        boolean sized = template.contains("{size}");
        String site = template.contains("{site}") ? r.site() : null;
        for (String term : f.terms()) {
            String assertion = f.assertionOf(term);
            boolean historical = assertion.equals("historical");
            out.add(new Mention(term, historical ? "present" : assertion, historical ? "historical" : "current",
                    sized ? r.sizeMm() : null, sized ? r.dims() : null, site, laterality(text), section, start, end,
                    text));
        }
    }

    /** Laterality as stated in the sentence itself (what a reader of that sentence can know). */
    static String laterality(String text) {
        String s = " " + text.toLowerCase(Locale.ROOT).replaceAll("[^a-z]+", " ") + " ";
        if (s.contains(" bilateral ") || s.contains(" both ")) {
            return "bilateral";
        }
        boolean right = s.contains(" right ");
        boolean left = s.contains(" left ");
        if (right && left) {
            return "bilateral";
        }
        return right ? "right" : left ? "left" : null;
    }

    private String pickText(String section, Context ctx, Random rnd) {
        List<SectionText> options = catalog.sectionsFor(section, ctx.region(), ctx.modality(), ctx.contrast());
        return options.get(rnd.nextInt(options.size())).text();
    }

    private static String truthJson(Context ctx, List<Mention> mentions) {
        StringBuilder j = new StringBuilder(512);
        j.append("{\n");
        j.append("  \"accession_number\": ").append(Json.str(ctx.accessionNumber())).append(",\n");
        j.append("  \"patient_id\": ").append(Json.str(ctx.patientId())).append(",\n");
        j.append("  \"issuer_of_patient_id\": ").append(Json.str(ctx.issuerOfPatientId())).append(",\n");
        j.append("  \"study_instance_uid\": ").append(Json.str(ctx.studyInstanceUid())).append(",\n");
        j.append("  \"study_description\": ").append(Json.str(ctx.studyDescription())).append(",\n");
        j.append("  \"modality\": ").append(Json.str(ctx.modality())).append(",\n");
        j.append("  \"region\": ").append(Json.str(ctx.region())).append(",\n");
        j.append("  \"study_laterality\": ").append(Json.str(ctx.side())).append(",\n");
        j.append("  \"findings\": [");
        for (int i = 0; i < mentions.size(); i++) {
            Mention m = mentions.get(i);
            j.append(i == 0 ? "\n" : ",\n");
            j.append("    {\"term\": ").append(Json.str(m.term()))
                    .append(", \"assertion\": ").append(Json.str(m.assertion()))
                    .append(", \"temporality\": ").append(Json.str(m.temporality()))
                    .append(", \"size_mm\": ").append(Json.num(m.sizeMm()))
                    .append(", \"dimensions_mm\": ");
            if (m.dimensionsMm() == null) {
                j.append("null");
            } else {
                j.append('[');
                for (int k = 0; k < m.dimensionsMm().size(); k++) {
                    j.append(k == 0 ? "" : ", ").append(Json.num(m.dimensionsMm().get(k)));
                }
                j.append(']');
            }
            j.append(", \"site\": ").append(Json.str(m.site()))
                    .append(", \"laterality\": ").append(Json.str(m.laterality()))
                    .append(", \"section\": ").append(Json.str(m.section()))
                    .append(", \"start\": ").append(m.start())
                    .append(", \"end\": ").append(m.end())
                    .append(", \"text\": ").append(Json.str(m.text()))
                    .append('}');
        }
        j.append(mentions.isEmpty() ? "]\n" : "\n  ]\n");
        j.append("}\n");
        return j.toString();
    }

    static <T> void shuffle(List<T> list, Random rnd) {
        for (int i = list.size() - 1; i > 0; i--) {
            int k = rnd.nextInt(i + 1);
            T tmp = list.get(i);
            list.set(i, list.get(k));
            list.set(k, tmp);
        }
    }

    private static String upperFirst(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static String lowerFirst(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }

    private static String numberWord(int n) {
        switch (n) {
            case 2: return "Two";
            case 3: return "Three";
            case 4: return "Four";
            default: return Integer.toString(n);
        }
    }
}
