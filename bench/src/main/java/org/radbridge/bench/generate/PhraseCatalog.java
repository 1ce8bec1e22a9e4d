package org.radbridge.bench.generate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The generator's vocabulary, loaded from {@code /generate/*.csv} on the class path: study types
 * ({@code exams.csv}), scanners ({@code equipment.csv}), names ({@code names.csv}), finding sentences with
 * their truth ({@code findings.csv}) and other report text ({@code sections.csv}).
 */
final class PhraseCatalog {

    record Exam(String modality, String description, String bodyPart, String region, boolean lateral,
                String part, String contrast, List<String> series) {
    }

    record Equipment(String modality, String manufacturer, String model, String station, Double fieldStrength) {
    }

    /** Size spec "a-b" (one dimension) or "a-bxc-d" (two), in mm; null when the finding has no size. */
    record SizeSpec(int[] min, int[] max) {
        static SizeSpec parse(String s) {
            if (s.isEmpty()) {
                return null;
            }
            String[] dims = s.split("x");
            int[] lo = new int[dims.length];
            int[] hi = new int[dims.length];
            for (int i = 0; i < dims.length; i++) {
                String[] r = dims[i].trim().split("-");
                lo[i] = Integer.parseInt(r[0].trim());
                hi[i] = Integer.parseInt(r[r.length - 1].trim());
                if (hi[i] < lo[i]) {
                    throw new IllegalArgumentException("bad size range " + s);
                }
            }
            return new SizeSpec(lo, hi);
        }
    }

    record FindingTemplate(String region, List<String> terms, String assertion, Set<String> modalities,
                           String template, List<String> sites, SizeSpec size, String impression,
                           List<String> excludes, String where, Map<String, String> termAssertions) {
        /** The assertion of one of the row's terms: its own ("opacity=present") or the row's. */
        String assertionOf(String term) {
            return termAssertions.getOrDefault(term, assertion);
        }

        boolean fits(String region, String modality) {
            return this.region.equals(region) && (modalities.isEmpty() || modalities.contains(modality));
        }

        /** Positive-ish: goes to the impression when it has one. */
        boolean notable() {
            return !"absent".equals(assertion);
        }
    }

    record SectionText(String section, String region, String modality, String contrast, String text) {
        boolean fits(String section, String region, String modality, String contrast) {
            return this.section.equals(section) && matches(this.region, region) && matches(this.modality, modality)
                    && matches(this.contrast, contrast);
        }

        private static boolean matches(String pattern, String value) {
            return "*".equals(pattern) || pattern.equals(value);
        }
    }

    private static final Set<String> ASSERTIONS = Set.of("present", "absent", "possible", "historical");

    final List<Exam> exams = new ArrayList<>();
    final Map<String, List<Exam>> examsByModalityGroup = new LinkedHashMap<>();
    final List<Equipment> equipment = new ArrayList<>();
    final Map<String, List<String>> names = new LinkedHashMap<>();
    final List<FindingTemplate> findings = new ArrayList<>();
    final List<SectionText> sections = new ArrayList<>();

    static PhraseCatalog load() {
        PhraseCatalog c = new PhraseCatalog();
        for (Csv.Row r : Csv.readResource("/generate/exams.csv")) {
            String modality = r.require("modality");
            Exam e = new Exam(modality, r.require("study_description"), r.require("body_part"), r.require("region"),
                    "yes".equalsIgnoreCase(r.get("lateral")), r.require("part"), r.require("contrast"),
                    List.of(r.require("series").split(";")));
            c.exams.add(e);
            String group = modality.equals("CR") || modality.equals("DX") ? "XR" : modality;
            c.examsByModalityGroup.computeIfAbsent(group, k -> new ArrayList<>()).add(e);
        }
        for (Csv.Row r : Csv.readResource("/generate/equipment.csv")) {
            String fs = r.get("field_strength");
            c.equipment.add(new Equipment(r.require("modality"), r.require("manufacturer"), r.require("model"),
                    r.require("station"), fs.isEmpty() ? null : Double.valueOf(fs)));
        }
        for (Csv.Row r : Csv.readResource("/generate/names.csv")) {
            c.names.computeIfAbsent(r.require("kind"), k -> new ArrayList<>()).add(r.get("value"));
        }
        for (Csv.Row r : Csv.readResource("/generate/findings.csv")) {
            String where = r.source() + ":" + r.line();
            String assertion = r.require("assertion");
            if (!ASSERTIONS.contains(assertion)) {
                throw new IllegalStateException(where + ": unknown assertion " + assertion);
            }
            String mods = r.get("modalities");
            Set<String> modalities = mods.isEmpty() || mods.equals("*") ? Set.of()
                    : new TreeSet<>(Arrays.asList(mods.split("\\|")));
            String template = r.require("template");
            String sites = r.get("sites");
            SizeSpec size = SizeSpec.parse(r.get("size_mm"));
            if (template.contains("{size}") != (size != null)) {
                throw new IllegalStateException(where + ": {size} in template and size_mm must go together");
            }
            if (template.contains("{site}") && sites.isEmpty()) {
                throw new IllegalStateException(where + ": {site} without sites");
            }
            String excludes = r.get("excludes");
            // a term may carry its own assertion ("ground-glass opacity=present+pneumonia" on a possible row): the
            // sentence states one finding and hedges another
            List<String> terms = new ArrayList<>();
            Map<String, String> termAssertions = new java.util.HashMap<>();
            for (String t : r.require("terms").split("\\+")) {
                int eq = t.indexOf('=');
                if (eq < 0) { terms.add(t); continue; }
                String own = t.substring(eq + 1);
                if (!ASSERTIONS.contains(own)) throw new IllegalStateException(where + ": unknown assertion " + own);
                terms.add(t.substring(0, eq));
                termAssertions.put(t.substring(0, eq), own);
            }
            c.findings.add(new FindingTemplate(r.require("region"), List.copyOf(terms),
                    assertion, modalities, template, sites.isEmpty() ? List.of() : List.of(sites.split("\\|")),
                    size, r.get("impression"), excludes.isEmpty() ? List.of() : List.of(excludes.split("\\+")),
                    where, Map.copyOf(termAssertions)));
        }
        for (Csv.Row r : Csv.readResource("/generate/sections.csv")) {
            c.sections.add(new SectionText(r.require("section"), r.require("region"), r.require("modality"),
                    r.require("contrast"), r.require("text")));
        }
        c.check();
        return c;
    }

    private void check() {
        for (String kind : List.of("family", "given_f", "given_m", "middle", "institution", "referring", "radiologist")) {
            if (names.getOrDefault(kind, List.of()).isEmpty()) {
                throw new IllegalStateException("names.csv has no '" + kind + "' rows");
            }
        }
        for (Exam e : exams) {
            if (equipmentFor(e.modality()).isEmpty()) {
                throw new IllegalStateException("no equipment for modality " + e.modality());
            }
            if (findingsFor(e.region(), e.modality()).stream().noneMatch(f -> f.assertion().equals("absent"))) {
                throw new IllegalStateException("no negated finding for " + e.region() + "/" + e.modality());
            }
            for (String s : List.of("history", "technique", "impression_normal")) {
                if (sectionsFor(s, e.region(), e.modality(), e.contrast()).isEmpty()) {
                    throw new IllegalStateException("sections.csv has no " + s + " for " + e.description());
                }
            }
        }
    }

    List<Equipment> equipmentFor(String modality) {
        return equipment.stream().filter(q -> q.modality().equals(modality)).toList();
    }

    List<FindingTemplate> findingsFor(String region, String modality) {
        return findings.stream().filter(f -> f.fits(region, modality)).toList();
    }

    List<SectionText> sectionsFor(String section, String region, String modality, String contrast) {
        return sections.stream().filter(s -> s.fits(section, region, modality, contrast)).toList();
    }

    List<String> names(String kind) {
        return names.get(kind);
    }
}
