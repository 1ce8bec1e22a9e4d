package org.radbridge.nlp.terms;

import org.radbridge.terminology.CsvReader;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The radiology dictionary: concepts of {@code terminology/codesystems/radiology-findings.csv} (SNOMED CT and RadLex
 * rows), their synonyms ({@code radiology-findings-synonyms.tsv}) and the SNOMED CT ↔ RadLex crosswalk
 * ({@code radiology-findings-crosswalk.tsv}), turned into a cTAKES BSV dictionary at run time.
 *
 * <p>A RadLex row that the crosswalk links to a SNOMED CT row is folded into it (one {@link LexConcept} with both
 * codes); an unlinked RadLex row is its own concept with no SNOMED CT code. Each concept gets a dictionary ID
 * {@code C0000001}, {@code C0000002}, ... in file order (UMLS-CUI shaped, which cTAKES' ID handling expects); the ID is
 * internal and maps back through {@link #byDictionaryId(String)}.
 */
public final class RadiologyLexicon {

    /** Where the files sit inside the nlp jar (copied there from terminology/codesystems by the build). */
    public static final String CLASSPATH_DIR = "/org/radbridge/nlp/terminology/";
    public static final String CONCEPTS = "radiology-findings.csv";
    public static final String SYNONYMS = "radiology-findings-synonyms.tsv";
    public static final String CROSSWALK = "radiology-findings-crosswalk.tsv";
    /** General finding at an anatomic site → site-specific concept (optional file). */
    public static final String REFINEMENTS = "radiology-findings-refinements.tsv";
    /** Concept whose mentions are reported as another concept (the device → the finding that it is present). */
    public static final String REPORTED_AS = "radiology-findings-reported-as.tsv";

    private final Map<String, LexConcept> byId;
    private final Map<String, LexConcept> bySnomed = new LinkedHashMap<>();
    private final Map<String, LexConcept> byRadlex = new LinkedHashMap<>();
    private final Map<String, Set<String>> termsById;
    /** "findingDictionaryId|siteDictionaryId" → specific concept. */
    private final Map<String, LexConcept> refinements = new LinkedHashMap<>();
    /** specific concept dictionary ID → the general concepts it refines. */
    private final Map<String, Set<String>> generalisations = new LinkedHashMap<>();
    /** Qualifier concepts ("enlarged"): a finding only as part of a site-specific concept. */
    private final Set<String> qualifiers = new LinkedHashSet<>();

    /** Finding (not anatomy) concept by one of its lower-case terms; the first concept listed wins a shared term. */
    private final Map<String, LexConcept> findingByTerm = new java.util.HashMap<>();

    private RadiologyLexicon(Map<String, LexConcept> byId, Map<String, Set<String>> termsById) {
        this.byId = byId;
        this.termsById = termsById;
        for (LexConcept c : byId.values()) {
            if (c.snomedCode() != null) bySnomed.put(c.snomedCode(), c);
            if (c.radlexId() != null) byRadlex.put(c.radlexId(), c);
            if (!c.anatomy()) for (String t : termsById.getOrDefault(c.dictionaryId(), Set.of())) findingByTerm.putIfAbsent(t, c);
        }
    }

    /** Loads the copy packaged in the nlp jar. */
    public static RadiologyLexicon fromClasspath() {
        try {
            return load(name -> {
                InputStream in = RadiologyLexicon.class.getResourceAsStream(CLASSPATH_DIR + name);
                if (in == null) throw new IllegalStateException("missing resource " + CLASSPATH_DIR + name);
                return new InputStreamReader(in, StandardCharsets.UTF_8);
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Loads the files from a directory, normally {@code terminology/codesystems}. */
    public static RadiologyLexicon fromDirectory(Path dir) throws IOException {
        return load(name -> Files.newBufferedReader(dir.resolve(name), StandardCharsets.UTF_8));
    }

    private interface Opener {
        Reader open(String name) throws IOException;
    }

    private static RadiologyLexicon load(Opener opener) throws IOException {
        // 1. concept rows
        Map<String, String[]> rows = new LinkedHashMap<>(); // "VOCAB|code" -> row
        try (Reader r = opener.open(CONCEPTS)) {
            CsvReader.Table t = CsvReader.read(r);
            for (CsvReader.Row row : t.rows()) {
                String vocab = row.get("vocabulary_id");
                String code = row.get("concept_code");
                rows.put(vocab + "|" + code, new String[]{vocab, code, row.get("concept_name"), row.get("domain_id"),
                        row.get("concept_class_id")});
            }
        }
        // 2. crosswalk SNOMED -> RID
        Map<String, String> ridForSnomed = new LinkedHashMap<>();
        Map<String, String> snomedForRid = new LinkedHashMap<>();
        for (String[] f : readTsv(opener, CROSSWALK)) {
            if (f.length < 2) continue;
            ridForSnomed.put(f[0], f[1]);
            snomedForRid.put(f[1], f[0]);
        }
        // 3. concepts
        Map<String, LexConcept> byKey = new LinkedHashMap<>();
        Map<String, LexConcept> byId = new LinkedHashMap<>();
        int n = 0;
        for (String[] row : rows.values()) {
            String vocab = row[0];
            String code = row[1];
            if (vocab.equals("RadLex") && snomedForRid.containsKey(code)
                    && rows.containsKey("SNOMED|" + snomedForRid.get(code))) {
                continue; // folded into its SNOMED CT concept
            }
            String id = String.format(Locale.ROOT, "C%07d", ++n);
            boolean anatomy = row[3].equals("Spec Anatomic Site");
            LexConcept c = vocab.equals("SNOMED")
                    ? new LexConcept(id, code, ridForSnomed.get(code), row[2], row[3], anatomy)
                    : new LexConcept(id, null, code, row[2], row[3], anatomy);
            byId.put(id, c);
            byKey.put(vocab + "|" + code, c);
            if (c.radlexId() != null) byKey.put("RadLex|" + c.radlexId(), c);
        }
        // 4. terms: preferred name + synonyms
        Map<String, Set<String>> terms = new LinkedHashMap<>();
        for (LexConcept c : byId.values()) {
            terms.computeIfAbsent(c.dictionaryId(), k -> new LinkedHashSet<>()).add(normalise(c.display()));
        }
        for (String[] f : readTsv(opener, SYNONYMS)) {
            if (f.length < 3) continue;
            LexConcept c = byKey.get(f[0] + "|" + f[1]);
            if (c == null) throw new IllegalStateException(SYNONYMS + ": synonym for unknown concept " + f[0] + "|" + f[1]);
            String s = normalise(f[2]);
            if (!s.isEmpty()) terms.get(c.dictionaryId()).add(s);
        }
        Set<String> qualifierIds = new LinkedHashSet<>();
        for (String[] row : rows.values()) {
            LexConcept c = byKey.get(row[0] + "|" + row[1]);
            if (c != null && "Qualifier Value".equals(row[4])) qualifierIds.add(c.dictionaryId());
        }
        for (String[] f : org.radbridge.nlp.Resources.tsv(COMPOUND_TERMS)) {
            if (f.length < 3 || f[0].equals("term")) continue;
            LexConcept also = byKey.get(f[1] + "|" + f[2]);
            if (also == null) throw new IllegalStateException(COMPOUND_TERMS + ": unknown concept " + f[1] + "|" + f[2]);
            terms.get(also.dictionaryId()).add(normalise(f[0]));
        }
        addPlurals(byId, terms, qualifierIds);
        addMisspellings(terms);
        for (String[] f : readOptionalTsv(opener, REPORTED_AS)) {
            if (f.length < 4) continue;
            LexConcept from = byKey.get(f[0] + "|" + f[1]);
            LexConcept to = byKey.get(f[2] + "|" + f[3]);
            if (from == null || to == null) throw new IllegalStateException(REPORTED_AS + ": unknown concept in " + String.join(" ", f));
            terms.get(to.dictionaryId()).addAll(terms.get(from.dictionaryId()));
            terms.put(from.dictionaryId(), new LinkedHashSet<>());
        }
        RadiologyLexicon lex = new RadiologyLexicon(byId, terms);
        for (String[] row : rows.values()) {
            LexConcept c = byKey.get(row[0] + "|" + row[1]);
            if (c != null && "Qualifier Value".equals(row[4])) lex.qualifiers.add(c.dictionaryId());
        }
        for (String[] f : readOptionalTsv(opener, REFINEMENTS)) {
            if (f.length < 6) continue;
            boolean withSite = !f[2].equals("-");
            LexConcept finding = byKey.get(f[0] + "|" + f[1]);
            LexConcept site = withSite ? byKey.get(f[2] + "|" + f[3]) : null;
            LexConcept specific = byKey.get(f[4] + "|" + f[5]);
            if (finding == null || (withSite && site == null) || specific == null) {
                throw new IllegalStateException(REFINEMENTS + ": unknown concept in " + String.join(" ", f));
            }
            if (withSite) lex.refinements.put(finding.dictionaryId() + "|" + site.dictionaryId(), specific);
            lex.generalisations.computeIfAbsent(specific.dictionaryId(), k -> new LinkedHashSet<>()).add(finding.dictionaryId());
        }
        return lex;
    }

    private static List<String[]> readOptionalTsv(Opener opener, String name) throws IOException {
        try {
            return readTsv(opener, name);
        } catch (java.io.FileNotFoundException | java.nio.file.NoSuchFileException | IllegalStateException e) {
            return List.of();
        }
    }

    private static List<String[]> readTsv(Opener opener, String name) throws IOException {
        List<String[]> out = new ArrayList<>();
        try (BufferedReader br = new BufferedReader(opener.open(name))) {
            String line;
            boolean header = true;
            while ((line = br.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) continue;
                if (header) {
                    header = false;
                    continue;
                }
                out.add(line.split("\t", -1));
            }
        }
        return out;
    }

    /**
     * Adds the regular plural of every finding term ("arthroplasty" -> "arthroplasties", "effusion" -> "effusions"):
     * the dictionary lookup matches surface forms only, and reports use plurals freely ("bilateral hip arthroplasties").
     * A plural that is already a term of any concept is left to the curated synonyms; anatomy and qualifiers keep their
     * curated forms only (their plurals read as other words: "lungs" is also a site list).
     */
    private static void addPlurals(Map<String, LexConcept> byId, Map<String, Set<String>> terms, Set<String> qualifierIds) {
        Set<String> known = new java.util.HashSet<>();
        terms.values().forEach(known::addAll);
        for (LexConcept c : byId.values()) {
            if (c.anatomy() || qualifierIds.contains(c.dictionaryId())) continue;
            Set<String> own = terms.get(c.dictionaryId());
            for (String t : List.copyOf(own)) {
                String p = plural(t);
                if (p != null && known.add(p)) own.add(p);
            }
        }
    }

    /** Terms that also name a second finding ("hydropneumothorax": the effusion too), terms/compound-terms.tsv. */
    static final String COMPOUND_TERMS = "/org/radbridge/nlp/terms/compound-terms.tsv";

    /** The word-level spelling variants of dictated reports (terms/misspellings.tsv). */
    static final String MISSPELLINGS = "/org/radbridge/nlp/terms/misspellings.tsv";

    /** The listed misspellings by correct word, lower case ("normal" -> "normla", "nromal"). */
    public static Map<String, List<String>> misspellings() {
        Map<String, List<String>> variants = new java.util.HashMap<>();
        for (String[] f : org.radbridge.nlp.Resources.tsv(MISSPELLINGS)) {
            String variant = normalise(f[0]), word = normalise(f[1]);
            if (f[0].equals("variant") || variant.equals(word)) continue;
            variants.computeIfAbsent(word, k -> new ArrayList<>()).add(variant);
        }
        return variants;
    }

    /**
     * Adds, for every term, one variant per listed misspelling of one of its words ("pleural effusion" -> "plural
     * effusion"); a variant that is already a term of any concept is left alone. Terms gain variants only where a word
     * matches exactly, so a variant never stands alone unless the correct word was a term by itself.
     */
    private static void addMisspellings(Map<String, Set<String>> terms) {
        Map<String, List<String>> variants = misspellings();
        Set<String> known = new java.util.HashSet<>();
        terms.values().forEach(known::addAll);
        for (Set<String> own : terms.values()) {
            for (String t : List.copyOf(own)) {
                String[] words = t.split(" ");
                for (int i = 0; i < words.length; i++) {
                    for (String v : variants.getOrDefault(words[i], List.of())) {
                        String[] w = words.clone();
                        w[i] = v;
                        String variant = String.join(" ", w);
                        if (known.add(variant)) own.add(variant);
                    }
                }
            }
        }
    }

    /** Regular English plural of the last word, or null where it is irregular, not a noun or already plural. */
    public static String plural(String term) {
        int sp = term.lastIndexOf(' ');
        String head = term.substring(0, sp + 1);
        String w = term.substring(sp + 1);
        if (w.length() < 4 || !w.chars().allMatch(ch -> ch >= 'a' && ch <= 'z')) return null;
        if (w.endsWith("ed") || w.endsWith("ing") || w.endsWith("al") || w.endsWith("ic") || w.endsWith("us")
                || w.endsWith("um") || w.endsWith("ae") || w.endsWith("ies") || w.endsWith("ous") || w.endsWith("ar")) {
            return null;
        }
        if (w.endsWith("is")) return head + w.substring(0, w.length() - 2) + "es"; // stenosis -> stenoses
        if (w.endsWith("ss") || w.endsWith("x") || w.endsWith("ch") || w.endsWith("sh")) return head + w + "es";
        if (w.endsWith("s")) return null;
        if (w.endsWith("y") && "aeiou".indexOf(w.charAt(w.length() - 2)) < 0) return head + w.substring(0, w.length() - 1) + "ies";
        return head + w + "s";
    }

    private static final java.util.regex.Pattern SPACES = java.util.regex.Pattern.compile("\\s+");

    /** Lower case, single spaces; "|" would break the BSV format and is dropped. */
    static String normalise(String s) {
        String t = s.replace('|', ' ').trim();
        // String.replaceAll compiled its pattern at each call: the rules look terms up by built phrases thousands of
        // times per second; a text already single-spaced is what the replacement would give back
        return (singleSpaced(t) ? t : SPACES.matcher(t).replaceAll(" ")).toLowerCase(Locale.ROOT);
    }

    /** No {@code \\s} character but single spaces: {@code \\s+} replaced by one space gives the same text. */
    static boolean singleSpaced(String t) {
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r') return false;
            if (c == ' ' && i > 0 && t.charAt(i - 1) == ' ') return false;
        }
        return true;
    }

    /** Writes the cTAKES BSV dictionary ({@code ID|TUI|text|preferred text}), ASCII only (non-ASCII terms skipped). */
    public Path writeBsv(Path file) throws IOException {
        StringBuilder sb = new StringBuilder(64 * 1024);
        sb.append("// generated by RadBridge from terminology/codesystems/radiology-findings*; do not edit\n");
        for (LexConcept c : byId.values()) {
            String tui = c.anatomy() ? "T023" : "T047";
            String pref = c.display().replace('|', ' ');
            for (String term : termsById.get(c.dictionaryId())) {
                if (!term.chars().allMatch(ch -> ch < 128)) continue;
                sb.append(c.dictionaryId()).append('|').append(tui).append('|').append(term).append('|').append(pref).append('\n');
            }
        }
        Files.writeString(file, sb.toString(), StandardCharsets.US_ASCII);
        return file;
    }

    /** The site-specific concept for a general finding stated at an anatomic site ("lesion" + liver), if defined. */
    public Optional<LexConcept> refine(LexConcept finding, LexConcept site) {
        if (finding == null || site == null) return Optional.empty();
        return Optional.ofNullable(refinements.get(finding.dictionaryId() + "|" + site.dictionaryId()));
    }

    /**
     * A qualifier ("enlarged", concept class Qualifier Value) is matched like a finding but reported only when a site
     * turns it into a finding ("enlarged lymph node" → Lymphadenopathy).
     */
    public boolean isQualifier(LexConcept c) {
        return c != null && qualifiers.contains(c.dictionaryId());
    }

    /**
     * True when {@code specific} is {@code general} or a descendant of it through the refinements file, followed
     * transitively (multiple lung nodules → lung nodule → nodule).
     */
    public boolean isA(LexConcept specific, LexConcept general) {
        if (specific == null || general == null) return false;
        String target = general.dictionaryId();
        java.util.ArrayDeque<String> todo = new java.util.ArrayDeque<>(List.of(specific.dictionaryId()));
        Set<String> seen = new java.util.HashSet<>();
        while (!todo.isEmpty()) {
            String id = todo.pop();
            if (id.equals(target)) return true;
            if (seen.add(id)) todo.addAll(generalisations.getOrDefault(id, Set.of()));
        }
        return false;
    }

    /** The concept that a "VOCAB|code" key (SNOMED code or RadLex RID) names, after crosswalk folding. */
    public Optional<LexConcept> byCode(String vocabulary, String code) {
        return Optional.ofNullable("RadLex".equalsIgnoreCase(vocabulary) ? byRadlex.get(code) : bySnomed.get(code));
    }

    /**
     * The concept a bare code names: a SNOMED CT code, or a RadLex RID for a RadLex-only concept (how mentions, label
     * files and normal-statement rows name a concept without saying its vocabulary).
     */
    public Optional<LexConcept> byConceptCode(String code) {
        return code.startsWith("RID") ? byRadlex(code) : bySnomed(code);
    }

    public Optional<LexConcept> byDictionaryId(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public Optional<LexConcept> bySnomed(String code) {
        return Optional.ofNullable(bySnomed.get(code));
    }

    public Optional<LexConcept> byRadlex(String rid) {
        return Optional.ofNullable(byRadlex.get(rid));
    }

    /** The finding concept (not anatomy, not a qualifier) one of whose terms is exactly {@code text}, if any. */
    public Optional<LexConcept> findingByTerm(String text) {
        LexConcept c = findingByTerm.get(normalise(text));
        return c == null || isQualifier(c) ? Optional.empty() : Optional.of(c);
    }

    public Collection<LexConcept> concepts() {
        return byId.values();
    }

    /** Lower-case surface forms of a concept (preferred name and synonyms). */
    public Set<String> terms(LexConcept c) {
        return termsById.getOrDefault(Objects.requireNonNull(c).dictionaryId(), Set.of());
    }
}
