package org.radbridge.nlp;

import org.radbridge.nlp.context.ConText;
import org.radbridge.nlp.ctakes.LeanPipeline;
import org.radbridge.nlp.ctakes.Mention;
import org.radbridge.nlp.terms.LexConcept;
import org.radbridge.nlp.terms.RadiologyLexicon;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Radiology report → finding mentions: the cTAKES lean pipeline ({@link LeanPipeline}) with a dictionary built at run
 * time from {@code terminology/codesystems/radiology-findings*}, then RadBridge's radiology extractors: sections
 * ({@link Sections}), assertion / temporality / subject ({@link ConText}), laterality ({@link Laterality}),
 * measurements in mm ({@link Measurements}), anatomic site, and report-level BI-RADS / Lung-RADS ({@link Categories}).
 *
 * <p><b>One instance per thread</b> (the cTAKES engine inside is not thread-safe); {@link #close()} it when done.
 * Construction takes about a second. The lexicon, the BSV file and the rule tables are shared by all instances.
 *
 * <pre>
 * try (RadiologyNlp nlp = new RadiologyNlp()) {
 *     NlpResult r = nlp.analyze("ACC0001", reportText);
 *     for (FindingMention m : r.mentions()) ...
 * }
 * </pre>
 */
public final class RadiologyNlp implements AutoCloseable {

    /** Name and version for provenance (FHIR Provenance, OMOP NOTE_NLP.nlp_system). */
    public static final String SYSTEM_NAME = "RadBridge radiology NLP (Apache cTAKES lean pipeline)";

    private static final Object LOCK = new Object();
    private static final Map<Object, Shared> SHARED = new HashMap<>();

    private record Shared(RadiologyLexicon lexicon, Path bsv) {
    }

    private static final ConText CONTEXT = ConText.fromClasspath();
    private static final Sections SECTIONS = new Sections();
    private static final Laterality LATERALITY = new Laterality();
    private static final Measurements MEASUREMENTS = new Measurements();
    static final Pattern NOT_FINDINGS;
    /** Words of the not-findings phrases: a mention whose first word is none of them cannot lie inside one. */
    private static final java.util.Set<String> NOT_FINDING_WORDS = new java.util.HashSet<>();
    /** Twice the longest not-finding phrase: room for the whitespace its words may be separated by. */
    private static final int NOT_FINDINGS_REACH;
    /**
     * The not-findings phrases by their first word (letters and digits, lower case), in file order: a phrase can only
     * start where a word starts, and only the few phrases of that word are tried there instead of all of them at every
     * character (that search took a sixth of the analysis). Null when some phrase does not start with a letter or
     * digit: then {@link #NOT_FINDINGS} is searched as a whole.
     */
    static final Map<String, Pattern> NOT_FINDINGS_BY_FIRST_WORD;
    /** The same map, looked up in place (most words turned away by their first letters; no substring per word). */
    static final WordTable<NotFindingLeads> NOT_FINDINGS_TABLE;

    /** Code and assertion of each statement row, by row number. */
    private static final List<String> NORMAL_CODES = new ArrayList<>();
    private static final List<FindingMention.Assertion> NORMAL_ASSERTIONS = new ArrayList<>();
    /**
     * The report region a statement row holds in, or null for any report: "the aorta is of normal calibre" denies an
     * abdominal aortic aneurysm on an abdominal exam, while on a chest exam the writers label nothing (session 35).
     */
    private static final List<String> NORMAL_REGIONS = new ArrayList<>();

    /**
     * The statement rows that can start with one word: tried only where the next word is one of the rows' second words
     * ({@code leads}), and then only the rows whose second word it is ({@code choices}, which holds the patterns and
     * their rows, one capturing group per row; {@code choices.all()} is that of all the rows, in file order).
     */
    record StatementPattern(StatementLeads leads, StatementChoices choices) {
    }

    /** By first word: only the rows that can start with it are tried there (a few, not all of them). */
    static final Map<String, StatementPattern> NORMAL_BY_FIRST_WORD = new HashMap<>();
    /** The same map, looked up in place (most words turned away by their first letters; no substring per word). */
    private static final WordTable<StatementPattern> NORMAL_TABLE;
    /** Longest statement in characters, with room for extra spaces between its words. */
    static final int NORMAL_MAX_LENGTH;
    /** First letters (lower case) of the statements. */
    static final boolean[] NORMAL_FIRST = new boolean[128];

    static {
        List<String> rowRegex = new ArrayList<>();
        List<String> rowTemplates = new ArrayList<>();
        Map<String, java.util.TreeSet<Integer>> rowsByFirstWord = new HashMap<>();
        int maxLength = 0;
        // dictation misspellings apply to the statements' words too ("heart size normla")
        Map<String, List<String>> variants = RadiologyLexicon.misspellings();
        for (String[] f : Resources.tsv("/org/radbridge/nlp/triggers/normal-statements.tsv")) {
            if (f[0].equals("phrase")) continue;
            // a row may be a template ("(heart|cardiac silhouette) (is |)normal"): one capturing group per row
            String template = f[0].trim().toLowerCase(Locale.ROOT);
            NORMAL_CODES.add(f[1].trim());
            String assertion = f.length > 2 ? f[2].trim().toLowerCase(Locale.ROOT) : "absent";
            NORMAL_ASSERTIONS.add(assertion.equals("possible") ? FindingMention.Assertion.POSSIBLE
                    : assertion.equals("present") ? FindingMention.Assertion.PRESENT : FindingMention.Assertion.ABSENT);
            NORMAL_REGIONS.add(f.length > 3 && !f[3].isBlank() ? f[3].trim() : null);
            for (String phrase : PhraseTemplates.expand(template)) {
                maxLength = Math.max(maxLength, phrase.length());
                if (phrase.charAt(0) < 128) NORMAL_FIRST[phrase.charAt(0)] = true;
                int w = 0; // the first word as the search below reads it: letters, digits and hyphens
                while (w < phrase.length() && (Character.isLetterOrDigit(phrase.charAt(w)) || phrase.charAt(w) == '-')) w++;
                int row = NORMAL_CODES.size() - 1;
                rowsByFirstWord.computeIfAbsent(phrase.substring(0, w), k -> new java.util.TreeSet<>()).add(row);
                for (String v : variants.getOrDefault(phrase.substring(0, w), List.of())) {
                    rowsByFirstWord.computeIfAbsent(v, k -> new java.util.TreeSet<>()).add(row);
                    if (v.charAt(0) < 128) NORMAL_FIRST[v.charAt(0)] = true;
                }
            }
            rowRegex.add(PhraseTemplates.regex(template, variants));
            rowTemplates.add(template);
        }
        // rows in file order within each first word: where rows overlap, the first row that matches decides
        rowsByFirstWord.forEach((word, rows) -> {
            // the same leads row by row: which rows the text's next word leaves (StatementChoices)
            StatementChoices choices = new StatementChoices(rows.stream().mapToInt(Integer::intValue).toArray(),
                    rows.stream().map(rowRegex::get).toList(),
                    rows.stream().map(r -> StatementLeads.of(word, List.of(rowTemplates.get(r)), variants)).toList());
            NORMAL_BY_FIRST_WORD.put(word, new StatementPattern(
                    StatementLeads.of(word, rows.stream().map(rowTemplates::get).toList(), variants), choices));
        });
        NORMAL_MAX_LENGTH = maxLength * 2;
        NORMAL_TABLE = new WordTable<>(NORMAL_BY_FIRST_WORD);
    }

    static {
        StringBuilder sb = new StringBuilder();
        int longest = 0;
        Map<String, List<String>> phrasesByFirstWord = new HashMap<>(); // in file order: the alternation's order
        boolean indexed = true;
        for (String[] f : Resources.tsv("/org/radbridge/nlp/triggers/not-findings.tsv")) {
            longest = Math.max(longest, f[0].trim().length());
            if (sb.length() > 0) sb.append('|');
            sb.append(notFindingPattern(f[0].trim()));
            for (String w : f[0].trim().toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) NOT_FINDING_WORDS.add(w);
            indexed &= !f[0].trim().isEmpty() && Character.isLetterOrDigit(f[0].trim().charAt(0));
            phrasesByFirstWord.computeIfAbsent(ReportRegions.firstWord(f[0].trim(), 0), k -> new ArrayList<>()).add(f[0].trim());
        }
        NOT_FINDINGS = Pattern.compile("\\b(?:" + sb + ")\\b", Pattern.CASE_INSENSITIVE);
        NOT_FINDINGS_REACH = longest * 2;
        Map<String, Pattern> patterns = new HashMap<>();
        Map<String, NotFindingLeads> leads = new HashMap<>();
        phrasesByFirstWord.forEach((w, phrases) -> {
            Pattern p = Pattern.compile("\\b(?:" + String.join("|", phrases.stream().map(RadiologyNlp::notFindingPattern).toList())
                    + ")\\b", Pattern.CASE_INSENSITIVE);
            patterns.put(w, p);
            leads.put(w, NotFindingLeads.of(p, phrases));
        });
        NOT_FINDINGS_BY_FIRST_WORD = indexed ? patterns : null;
        NOT_FINDINGS_TABLE = new WordTable<>(leads);
    }

    /** A not-findings phrase as a pattern: its words literally, any whitespace between them. */
    private static String notFindingPattern(String phrase) {
        return Pattern.quote(phrase).replace(" ", "\\E\\s+\\Q");
    }

    private final RadiologyLexicon lexicon;
    private final LeanPipeline pipeline;
    private final ReportRegions regions;
    private final Multiplicity multiplicity;
    private final BothSides bothSides;
    /**
     * "general|specific" dictionary ids: a general lesion a specific diagnosis explains (sites/explained-by.tsv), mapped to
     * whether the diagnosis explains it from another sentence too (false for rows scoped to their sentence: an infarct
     * explains "the expected T2 hyperintensity" beside it, not white matter hyperintensities described elsewhere).
     */
    private final Map<String, Boolean> explainedBy;
    /** The pairs of {@link #explainedBy} whose row holds only for a diagnosis stated, not hedged (6th column "stated"). */
    private final java.util.Set<String> statedOnly;

    /** Uses the terminology subsets packaged in the nlp jar. */
    public RadiologyNlp() {
        this(null);
    }

    /**
     * @param codesystemsDir directory holding radiology-findings.csv, -synonyms.tsv and -crosswalk.tsv (normally
     *                       {@code terminology/codesystems}); null for the copy packaged in the jar
     */
    public RadiologyNlp(Path codesystemsDir) {
        Shared shared = shared(codesystemsDir);
        this.lexicon = shared.lexicon();
        this.pipeline = new LeanPipeline(shared.bsv(), false);
        this.regions = ReportRegions.fromClasspath(lexicon);
        this.multiplicity = new Multiplicity(lexicon);
        this.bothSides = new BothSides(lexicon);
        ExplainedPairs explained = ExplainedPairs.read(lexicon);
        this.explainedBy = explained.acrossSentences();
        this.statedOnly = explained.statedOnly();
    }

    /**
     * The pairs of sites/explained-by.tsv as "general|specific" dictionary ids: {@code acrossSentences} maps each to
     * whether it also holds across sentences (an optional 6th column "sentence" limits a row to its sentence);
     * {@code statedOnly} holds those whose 6th column names "stated" (comma-separated with "sentence"): a hedged
     * diagnosis leaves the general finding, whatever its assertion. An unknown code is a data error.
     */
    private record ExplainedPairs(Map<String, Boolean> acrossSentences, java.util.Set<String> statedOnly) {
        static ExplainedPairs read(RadiologyLexicon lexicon) {
            Map<String, Boolean> pairs = new HashMap<>();
            java.util.Set<String> stated = new java.util.HashSet<>();
            for (String[] f : Resources.tsv("/org/radbridge/nlp/sites/explained-by.tsv")) {
                if ("general_vocabulary".equals(f[0])) continue;
                LexConcept g = lexicon.byCode(f[0], f[1])
                        .orElseThrow(() -> new IllegalStateException("explained-by.tsv: unknown finding " + f[0] + " " + f[1]));
                LexConcept s = lexicon.byCode(f[2], f[3])
                        .orElseThrow(() -> new IllegalStateException("explained-by.tsv: unknown finding " + f[2] + " " + f[3]));
                List<String> flags = f.length > 5 ? java.util.Arrays.asList(f[5].trim().split("\\s*,\\s*")) : List.of();
                String pair = g.dictionaryId() + "|" + s.dictionaryId();
                pairs.put(pair, !flags.contains("sentence"));
                if (flags.contains("stated")) stated.add(pair);
            }
            return new ExplainedPairs(Map.copyOf(pairs), java.util.Set.copyOf(stated));
        }
    }

    private static Shared shared(Path dir) {
        Object key = dir == null ? "classpath" : dir.toAbsolutePath().normalize();
        synchronized (LOCK) {
            Shared s = SHARED.get(key);
            if (s == null || !Files.isRegularFile(s.bsv())) {
                try {
                    RadiologyLexicon lex = dir == null ? RadiologyLexicon.fromClasspath() : RadiologyLexicon.fromDirectory(dir);
                    Path bsv = Files.createTempFile("radbridge-radiology-", ".bsv");
                    bsv.toFile().deleteOnExit();
                    lex.writeBsv(bsv);
                    s = new Shared(lex, bsv);
                    SHARED.put(key, s);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot build the NLP dictionary", e);
                }
            }
            return s;
        }
    }

    public RadiologyLexicon lexicon() {
        return lexicon;
    }

    /** Analyses one report text (without its header block; see {@link ReportText#body(String)}). */
    public NlpResult analyze(String reportId, String report) {
        if (report == null || report.isBlank()) {
            return new NlpResult(reportId, List.of(), null, null, null);
        }
        // typographic quotes, dashes and spaces as the ASCII the lexicons are written in; checkbox templates: unticked
        // options blanked, so only what the reader ticked is read (both keep every offset). The template reading
        // compares the two to tell a blanked box from a value left empty, so it gets the text before the boxes only.
        String plain = TypographicForms.plain(report);
        String text = Checkboxes.blank(plain);
        LeanPipeline.Analysis analysis = runPipeline(text);
        List<Sections.Section> sections = SECTIONS.split(text);
        List<int[]> segments = segments(text, analysis.sentences(), sections);

        List<Mention> findings = new ArrayList<>();
        List<Mention> anatomy = new ArrayList<>();
        Map<Mention, LexConcept> concept = new HashMap<>();
        java.util.TreeMap<Integer, Integer> masked = new java.util.TreeMap<>();
        // the phrase search costs as much as the rest of the rules: only where some mention could lie inside a phrase
        // ... and only around those mentions: a phrase holding a mention lies within a phrase's length of it
        Matcher nf = null;
        NotFindingSearch phrases = new NotFindingSearch(text, NOT_FINDINGS_TABLE); // the windows overlap: one per report
        for (Mention m : analysis.mentions()) {
            if (!NOT_FINDING_WORDS.contains(ReportRegions.firstWord(m.text(), 0))) continue;
            int from = Math.max(0, m.start() - NOT_FINDINGS_REACH), to = Math.min(text.length(), m.end() + NOT_FINDINGS_REACH);
            if (NOT_FINDINGS_BY_FIRST_WORD != null) {
                phrases.search(from, to, masked);
                continue;
            }
            if (nf == null) nf = NOT_FINDINGS.matcher(text).useTransparentBounds(true);
            nf.region(from, to);
            while (nf.find()) masked.put(nf.start(), nf.end());
        }
        for (Mention m : analysis.mentions()) {
            LexConcept c = lexicon.byDictionaryId(m.conceptId()).orElse(null);
            if (c == null) continue;
            concept.put(m, c);
            if (c.anatomy()) {
                anatomy.add(m);
                continue;
            }
            Map.Entry<Integer, Integer> mask = masked.floorEntry(m.start());
            if (mask == null || mask.getValue() < m.end()) findings.add(m);
        }
        // a finding inside a longer finding ("effusion" in "pleural effusion") is dropped; same span + concept once
        findings.sort(Comparator.comparingInt(Mention::start).thenComparing(Comparator.comparingInt(Mention::end).reversed()));
        List<Mention> kept = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        int maxEnd = -1, maxEndStart = -1;
        for (Mention m : findings) {
            boolean inner = maxEnd > m.end() || (maxEnd == m.end() && maxEndStart < m.start());
            // two terms that overlap without nesting ("lower limb fracture deformity"): the longer one is the mention
            if (!inner && !kept.isEmpty() && m.start() < maxEnd && m.start() > maxEndStart) {
                Mention last = kept.get(kept.size() - 1);
                if (last.end() == maxEnd && last.end() - last.start() < m.end() - m.start()) kept.remove(kept.size() - 1);
                else inner = true;
            }
            if (!inner && seen.add(m.start() + ":" + m.end() + ":" + concept.get(m).dictionaryId())) kept.add(m);
            if (m.end() > maxEnd) { maxEnd = m.end(); maxEndStart = m.start(); }
        }
        List<Mention> coordinated = CoordinatedModifiers.expand(text, kept, concept, lexicon);
        if (!coordinated.isEmpty()) {
            kept.addAll(coordinated);
            kept.sort(Comparator.comparingInt(Mention::start));
        }
        List<Mention> sharedHeads = CoordinatedHeads.apply(text, kept, concept, lexicon);
        if (!sharedHeads.isEmpty()) {
            kept.addAll(sharedHeads);
            kept.sort(Comparator.comparingInt(Mention::start));
        }
        List<Mention> underHeading = HeadingModifiers.apply(text, kept, concept, lexicon); // "Pleura: no thickening"
        if (!underHeading.isEmpty()) {
            kept.addAll(underHeading);
            kept.sort(Comparator.comparingInt(Mention::start));
        }
        anatomy.sort(Comparator.comparingInt(Mention::start));
        List<LexConcept> mentioned = new ArrayList<>();
        for (Mention m : kept) mentioned.add(concept.get(m));
        for (Mention m : anatomy) mentioned.add(concept.get(m));
        String titled = regions.titleRegion(text);
        String region = titled != null ? titled : regions.region(mentioned);
        String defaultSiteRegion = defaultSiteRegion(text, sections, region, titled, mentioned);
        int examTitleEnd = examTitleEnd(text, sections);

        List<FindingMention> out = new ArrayList<>();
        int fi = 0, ai = 0;
        boolean stated = false; // a current finding asserted earlier in the report body (not absent)
        SentenceMentions previous = null; // the sentence before, for an organ survey's "No focal lesion."
        for (int[] seg : segments) {
            while (fi < kept.size() && kept.get(fi).start() < seg[0]) fi++;
            int fj = fi;
            while (fj < kept.size() && kept.get(fj).start() < seg[1]) fj++;
            List<Mention> segFindings = kept.subList(fi, fj).stream().filter(m -> m.end() <= seg[1]).toList();
            fi = fj;
            while (ai < anatomy.size() && anatomy.get(ai).start() < seg[0]) ai++;
            int aj = ai;
            while (aj < anatomy.size() && anatomy.get(aj).start() < seg[1]) aj++;
            List<Mention> segAnatomy = anatomy.subList(ai, aj);
            ai = aj;
            SentenceMentions before = previous;
            previous = new SentenceMentions(seg, segAnatomy, segFindings);
            if (segFindings.isEmpty()) continue;
            // the region that gives this sentence's unsited findings their default site: the report's, unless the
            // sentence's own anatomy words all lie in one region that may speak for them (sites/sentence-regions.tsv;
            // "small nodule, the right hemithorax otherwise clear" in a report mostly about the abdomen)
            String sentenceRegion = regions.sentenceRegion(segAnatomy.stream().map(concept::get).toList());
            String unsitedRegion = sentenceRegion != null ? sentenceRegion
                    : segAnatomy.isEmpty() ? defaultSiteRegion : region;
            ConText.Sentence ctx = CONTEXT.sentence(text.substring(seg[0], seg[1]));
            List<ConText.Result> results = new ArrayList<>();
            for (Mention m : segFindings) results.add(ctx.evaluate(m.start() - seg[0], m.end() - seg[0]));
            Alternatives.hedge(text, segFindings, results, at -> unlabelledPhraseAt(text, at), seg[1]);
            // measurements: each goes to the nearest finding that is not absent (else the nearest one)
            Map<Mention, Measurements.Measurement> measured = new HashMap<>();
            Map<Mention, Integer> measuredDist = new HashMap<>();
            for (Measurements.Measurement ms : MEASUREMENTS.find(text, seg[0], seg[1])) {
                Mention best = null;
                int bestDist = Integer.MAX_VALUE;
                for (int pass = 0; pass < 2 && best == null; pass++) {
                    for (int i = 0; i < segFindings.size(); i++) {
                        if (pass == 0 && results.get(i).assertion() == ConText.Assertion.ABSENT) continue;
                        Mention m = segFindings.get(i);
                        int d = distance(ms.start(), ms.end(), m.start(), m.end());
                        if (d < bestDist) { bestDist = d; best = m; }
                    }
                }
                if (best != null && bestDist < measuredDist.getOrDefault(best, Integer.MAX_VALUE)) {
                    measured.put(best, ms);
                    measuredDist.put(best, bestDist);
                }
            }
            boolean sided = LATERALITY.mayName(text, seg[0], seg[1]);
            for (int i = 0; i < segFindings.size(); i++) {
                Mention m = segFindings.get(i);
                ConText.Result r = results.get(i);
                int next = i + 1 < segFindings.size() ? segFindings.get(i + 1).start() : seg[1];
                String lat = sided ? LATERALITY.find(text, seg[0], seg[1], m.start(), m.end(), next) : null;
                Measurements.Measurement ms = measured.get(m);
                // "Pneumothorax: None." / "Pleural effusion: Small left": a template line's value decides its label
                // (before the query reading: "Pneumonia? No." is a question the report answers)
                // "Q: Pneumothorax? A: None.": the answer states what the question (a history heading) asks about
                TemplateLines.Reading answered = QuestionAnswers.reading(text, m.start(), m.end(),
                        (from, to) -> kept.stream().anyMatch(k -> k.start() >= from && k.start() < to));
                TemplateLines.Reading templated = answered != null ? answered : TemplateLines.reading(text, plain, m.start(), m.end());
                if (r.query() && templated == null) {
                    // "basal consolidation ?infection": a query after a finding the sentence states asks for its cause
                    // (a hedge); so is a query in the report body after findings the radiologist stated ("Right
                    // upper lobe collapse. ?Central obstructing lesion"); "?PE" on its own, before any finding or in the
                    // clinical details, is the requester's question (no finding)
                    boolean afterStated = stated && !Sections.HISTORY.equals(Sections.at(sections, m.start()));
                    // "Blunting of the left costophrenic angle ?small effusion", "hila bulky ?nodes": a query after a
                    // sign the terminology has no code for is a hedge too, in the findings or impression, unless the
                    // sentence opens a headingless report (the request: "Cough ?pneumonia. Lungs clear.", issue 11cj)
                    Sections.Section in = Sections.sectionAt(sections, m.start());
                    boolean afterSign = in != null && (Sections.FINDINGS.equals(in.name()) || Sections.IMPRESSION.equals(in.name()))
                            && !Queries.opensLongerText(text, seg[0], seg[1])
                            && Queries.afterWords(text, Math.max(seg[0], in.contentStart()), m.start(), SECTIONS);
                    if ((i > 0 && !results.get(i - 1).hypothetical() && !results.get(i - 1).query()) || afterStated
                            || afterSign) r = r.asHedge();
                    else continue;
                    // the query reads the sign before it, so it is on the sign's side ("Bilateral hilar prominence,
                    // ?lymphadenopathy": both hila)
                    if (afterSign && lat == null && sided) lat = LATERALITY.within(text, seg[0], text.lastIndexOf('?', m.start()));
                }
                if (r.hypothetical() && answered == null) continue; // a question, hypothesis or disclaimer is no finding of this report
                if (m.start() < examTitleEnd) continue; // "CT RENAL STONE PROTOCOL": the exam's purpose, not a finding
                if (PersonNames.isName(text, m.start(), m.end())) continue; // "signed by Dr. Rachel Stone": a surname
                if (templated == TemplateLines.Reading.NOTHING) continue;
                if (templated != null) r = withAssertion(r, templated);
                else if (labelDeniedInValue(text, m, r, segFindings, results, concept)) continue;
                LexConcept site = nearestSite(m, segAnatomy, concept);
                // a general finding at a site is the site-specific concept when the terminology defines one
                LexConcept c = lexicon.refine(concept.get(m), site).orElse(null);
                // the site the text ties to the finding beats a nearer one it does not ("Chest X-ray: fracture of the
                // left 8th, 9th and 10th ribs": the ribs, not the exam's chest; issue 11cr)
                Mention tiedSite = StatedSite.of(text, m, segAnatomy);
                if (tiedSite != null && concept.get(tiedSite) != site) {
                    LexConcept byTied = lexicon.refine(concept.get(m), concept.get(tiedSite)).orElse(null);
                    if (byTied != null) {
                        c = byTied;
                        site = concept.get(tiedSite);
                    }
                }
                // other sites right next to the finding may refine it (further): "calcified right hilar lymph nodes"
                // (hilar does not refine Calcification, lymph node does), "enlarged axillary lymph nodes" (Enlarged
                // at lymph node = Lymphadenopathy, which axillary refines again)
                Map.Entry<LexConcept, LexConcept> further = refineNearby(text, m, c == null ? concept.get(m) : c, segAnatomy, concept);
                if (further != null) {
                    c = further.getKey();
                    site = further.getValue();
                }
                if (c == null) {
                    // an organ sub-heading names the site of what its section says ("Mediastinum: No lymphadenopathy.")
                    Map.Entry<LexConcept, LexConcept> headed = headingSite(sections, anatomy, concept, m.start(), concept.get(m));
                    if (headed != null) {
                        c = headed.getKey();
                        if (site == null) site = headed.getValue();
                    }
                }
                if (c == null && site == null && segAnatomy.isEmpty() && m.text().strip().indexOf(' ') < 0) {
                    // a sentence that names no site right after one about a single organ, off the chest ("The liver is
                    // normal in size. No focal lesion."; "Liver normal; no focal lesion"): the organ survey's finding
                    // is the organ's, where the terminology has a concept for it there (session 35, helper 11db)
                    LexConcept carried = carriedSite(text, sections, before, seg, region, concept);
                    LexConcept byCarried = carried == null ? null : lexicon.refine(concept.get(m), carried).orElse(null);
                    if (byCarried != null) {
                        c = byCarried;
                        site = carried;
                    }
                }
                if (c == null) {
                    // no site in the clause (or none that refines it): the sentence's or report's region may give one
                    // the 'unless' words of a default row are looked for in the mention and in the site the text
                    // ties to it ("aneurysm of the splenic artery" on an abdominal report is no aortic aneurysm)
                    String ownWords = tiedSite == null ? m.text() : m.text() + " " + tiedSite.text();
                    LexConcept regional = regions.defaultSite(unsitedRegion, concept.get(m), ownWords);
                    Mention own = regional == null ? null : tiedSite;
                    Mention elsewhere;
                    if (own != null && !regions.sameRegion(concept.get(own), regional)) {
                        // ... unless the text states the finding's own site in another body region: the general concept
                        // (or its refinement) at that site ("no tuberculosis of the lumbar spine" on a chest report is
                        // not pulmonary tuberculosis; "fracture of the distal fibula" on an ankle film stays an ankle
                        // fracture, the fibula and the ankle being one region)
                        site = concept.get(own);
                        c = lexicon.refine(concept.get(m), site).orElse(concept.get(m));
                    } else if (own == null && regional != null
                            && (elsewhere = otherRegionInClause(text, m, regional, segAnatomy, concept)) != null) {
                        // ... and a site of another body region in its clause (no comma between) keeps the general
                        // concept there ("the liver is normal without masses", "deposit next to the liver" on a chest
                        // CT; issue 11cr; "granuloma not seen, likely a nipple shadow" keeps the lung's)
                        c = concept.get(m);
                        if (site == null) site = concept.get(elsewhere);
                    } else {
                        c = lexicon.refine(concept.get(m), regional).orElse(null);
                        if (c != null && site == null) site = regional;
                        if (c == null) c = concept.get(m);
                    }
                }
                // "innumerable small nodules": the concept for several of it
                c = multiplicity.apply(c, text, seg[0], m.start(), m.end());
                // "bilateral hilar prominence ?lymphadenopathy": the concept for both sides of it
                c = bothSides.apply(c, lat);
                if (lexicon.isQualifier(c)) continue; // "enlarged" without a site that makes it a finding
                if (regions.siteOnly(c, site)) continue; // "dilated", "fat stranding" alone: a sign, not a finding
                if (regions.notFindingIn(c, site, region)) continue; // "left upper lobe volume loss": no finding of its own
                String section = Sections.at(sections, m.start());
                // indication / history and comparison text is what the patient had, not what today's image shows
                // ... and a procedure ("cholecystectomy clips") was done before today's image
                boolean historical = (answered == null && (r.historical() || Sections.HISTORY.equals(section)
                        || Sections.COMPARISON.equals(section))) || "Procedure".equals(c.domainId());
                out.add(new FindingMention(reportId, m.start(), m.end(), m.text(),
                        c.snomedCode(), c.display(), c.radlexId(),
                        mentionAssertion(r.assertion()),
                        historical ? FindingMention.Temporality.HISTORICAL : FindingMention.Temporality.CURRENT,
                        r.family() ? FindingMention.Subject.FAMILY : FindingMention.Subject.PATIENT,
                        section, lat,
                        ms == null ? List.<BigDecimal>of() : ms.dimensionsMm(),
                        site == null ? null : site.snomedCode(), site == null ? null : site.display(),
                        seg[0], seg[1], r.chronic() && !historical ? "chronic" : null));
                // "renal or ureteric calculi", "coronary artery and aortic calcification": a finding named once after two
                // sites joined by and / or is at the first site too, when that site refines it
                // (issue 11bk: and every earlier site of a longer list, "no renal, ureteric or bladder calculi")
                FindingMention stated0 = out.get(out.size() - 1);
                LexConcept atFirst = null;
                java.util.Set<LexConcept> added = new java.util.HashSet<>();
                for (LexConcept first : site == null ? List.<LexConcept>of() : coordinatedSites(text, m, site, segAnatomy, concept)) {
                    LexConcept atThis = lexicon.refine(concept.get(m), first).orElse(null);
                    if (atFirst == null) atFirst = atThis;
                    if (atThis != null && !atThis.equals(c) && added.add(atThis)) out.add(atOtherSite(stated0, atThis, first));
                }
                // ... and the mirror: "enlarged left hilar and subcarinal lymph nodes" are hilar and mediastinal nodes
                // (issue 11bc: also when the first site alone refined it, "no fracture of the proximal femur or pelvic
                // ring" denies both fractures)
                Map.Entry<LexConcept, LexConcept> after = site == null ? null
                        : coordinatedAfter(text, m, site, segAnatomy, concept);
                if (after != null && !after.getKey().equals(c) && !after.getKey().equals(atFirst)) {
                    out.add(atOtherSite(out.get(out.size() - 1), after.getKey(), after.getValue()));
                }
                if (!historical && r.assertion() != ConText.Assertion.ABSENT) stated = true;
            }
        }
        normalStatements(reportId, text, sections, segments, region, out);
        // a preliminary read that a final report in the same text supersedes: only the final report counts
        int[] superseded = PreliminaryReads.superseded(text);
        if (superseded != null) out.removeIf(fm -> fm.start() >= superseded[0] && fm.start() < superseded[1]);
        dropSubsumed(out);
        out.sort(Comparator.comparingInt(FindingMention::start).thenComparingInt(FindingMention::end)
                .thenComparing(FindingMention::conceptCode, Comparator.nullsFirst(Comparator.naturalOrder())));
        return new NlpResult(reportId, List.copyOf(out), Categories.biRads(text), Categories.lungRads(text),
                impression(report, sections));
    }

    /** A finding mention's assertion for what ConText made of its words. */
    private static FindingMention.Assertion mentionAssertion(ConText.Assertion a) {
        return switch (a) {
            case ABSENT -> FindingMention.Assertion.ABSENT;
            case POSSIBLE -> FindingMention.Assertion.POSSIBLE;
            default -> FindingMention.Assertion.PRESENT;
        };
    }

    /**
     * A template label whose value is a statement that denies or hedges the label's finding ("Edema: interstitial edema
     * has cleared."): the value's own mention says it; the label, which the ':' leaves unscoped, would add a present
     * reading the report does not make. Same finding: a mention in the value whose concept is the label's or a kind of it
     * (the lexicon's isA). A value that restates the finding with the label's reading ("Calcifications: scattered benign
     * calcifications") keeps both.
     */
    private boolean labelDeniedInValue(String text, Mention label, ConText.Result labelReading, List<Mention> findings,
                                       List<ConText.Result> readings, Map<Mention, LexConcept> concept) {
        int[] value = TemplateLines.unansweredValue(text, label.start(), label.end());
        if (value == null) return false;
        for (int j = 0; j < findings.size(); j++) {
            Mention f = findings.get(j);
            if (f == label || f.start() < value[0] || f.start() >= value[1]) continue;
            if (readings.get(j).assertion() != labelReading.assertion() && lexicon.isA(concept.get(f), concept.get(label))) return true;
        }
        return false;
    }

    /** {@code r} with the assertion a template line's value gives. */
    private static ConText.Result withAssertion(ConText.Result r, TemplateLines.Reading reading) {
        ConText.Assertion a = switch (reading) {
            case ABSENT -> ConText.Assertion.ABSENT;
            case POSSIBLE -> ConText.Assertion.POSSIBLE;
            default -> ConText.Assertion.PRESENT;
        };
        return new ConText.Result(a, r.historical(), r.family(), r.chronic(), r.hypothetical(), r.query());
    }

    /**
     * A general finding stated in the same sentence as a more specific one of the same kind and assertion ("port with
     * catheter tip in the SVC": Catheter next to Central venous catheter) names the same thing twice: only the specific
     * concept is kept (the kinds come from the refinements file, {@link RadiologyLexicon#isA}). Two mentions at two
     * different stated sites are two findings and both stay.
     */
    private void dropSubsumed(List<FindingMention> out) {
        if (out.size() < 2) return;
        Map<Integer, List<FindingMention>> bySentence = new HashMap<>();
        for (FindingMention m : out) bySentence.computeIfAbsent(m.sentenceStart(), k -> new ArrayList<>()).add(m);
        java.util.Set<FindingMention> drop = new java.util.HashSet<>();
        for (List<FindingMention> sentence : bySentence.values()) {
            if (sentence.size() < 2) continue;
            for (FindingMention general : sentence) {
                LexConcept g = concept(general);
                if (g == null) continue;
                if (hedgedFurtherOn(general, g, sentence)) {
                    drop.add(general);
                    continue;
                }
                for (FindingMention kind : sentence) if (hedgedKindOf(general, g, kind)) drop.add(kind);
                for (FindingMention specific : sentence) {
                    if (specific == general || specific.assertion() != general.assertion()
                            || specific.temporality() != general.temporality() || specific.subject() != general.subject()) continue;
                    // ... unless two conditions named side by side each have a site of their own and the sites
                    // differ: "no renal or ureteric calculi" names a kidney stone and a ureteric one, not one stone
                    // twice (a device's parts sit at several places: "port via the chest wall, catheter tip at the
                    // atriocaval junction" is one device; and a finding restated further on is the same one:
                    // "large pneumothorax ... compatible with tension")
                    if ("Condition".equals(g.domainId()) && general.bodySiteSnomed() != null
                            && specific.bodySiteSnomed() != null
                            && !general.bodySiteSnomed().equals(specific.bodySiteSnomed())
                            && Math.max(general.start(), specific.start()) - Math.min(general.end(), specific.end())
                            <= SIDE_BY_SIDE) continue;
                    LexConcept sp = concept(specific);
                    // ... or a diagnosis that explains the general lesion ("nodule, consistent with an adenoma");
                    // rows marked "stated" hold only for a diagnosis stated, not hedged: "may indicate an inflammatory
                    // arthritis such as rheumatoid arthritis" names two possibilities, not one finding (issue 11bk)
                    String pair = sp == null ? null : g.dictionaryId() + "|" + sp.dictionaryId();
                    if (sp != null && !sp.equals(g) && (lexicon.isA(sp, g) || (explainedBy.containsKey(pair)
                            && !(statedOnly.contains(pair) && specific.assertion() == FindingMention.Assertion.POSSIBLE)))) {
                        drop.add(general);
                        break;
                    }
                }
            }
        }
        dropRestated(out, drop);
        if (!drop.isEmpty()) out.removeIf(drop::contains);
    }

    /**
     * A present finding restated in general words elsewhere in the report ("Grouped amorphous calcifications ...
     * IMPRESSION: Suspicious calcifications") is the specific one said again, not a second finding (issue 11al):
     * the general mention goes when a present, current patient mention of a more specific kind of it stands anywhere
     * in the report and the general one names no other site. Scored with descendants accepted, the specific mention
     * still answers for the general concept, so only the restatement's false positive goes. Findings only, not devices: a
     * catheter named apart from a port is a second device. The same holds for a general denial restated next to a more
     * specific one with the same assertion ({@link #restatable}, issue 11ar).
     */
    private void dropRestated(List<FindingMention> out, java.util.Set<FindingMention> drop) {
        List<FindingMention> present = new ArrayList<>(); // present or absent (restatable)
        List<Integer> kinds = new ArrayList<>(); // index of the mention's concept among the distinct concepts
        List<LexConcept> distinct = new ArrayList<>();
        Map<LexConcept, Integer> index = new HashMap<>();
        for (FindingMention m : out) {
            if (!restatable(m) || drop.contains(m)) continue;
            LexConcept c = concept(m);
            // devices are things, and a second catheter is a second device; a condition said twice is one finding
            if (c == null || "Device".equals(c.domainId())) continue;
            present.add(m);
            kinds.add(index.computeIfAbsent(c, k -> { distinct.add(k); return distinct.size() - 1; }));
        }
        if (distinct.size() < 2) return;
        // "is a kind of" is followed once per pair of distinct concepts, not per pair of mentions (long reports)
        Boolean[][] kindOf = new Boolean[distinct.size()][distinct.size()];
        for (int i = 0; i < present.size(); i++) {
            FindingMention general = present.get(i);
            int g = kinds.get(i);
            for (int j = 0; j < present.size(); j++) {
                int s = kinds.get(j);
                if (s == g) continue;
                FindingMention specific = present.get(j);
                if (specific.assertion() != general.assertion() || specific.temporality() != general.temporality()
                        || specific.subject() != general.subject()) continue;
                if (explainedElsewhere(general, specific, distinct.get(g), distinct.get(s))) {
                    drop.add(general);
                    break;
                }
                if (general.bodySiteSnomed() != null && !general.bodySiteSnomed().equals(specific.bodySiteSnomed())) continue;
                if (kindOf[s][g] == null) kindOf[s][g] = lexicon.isA(distinct.get(s), distinct.get(g));
                if (kindOf[s][g]) {
                    drop.add(general);
                    break;
                }
            }
        }
    }

    /**
     * A present lesion described in the findings and named as a diagnosis in another sentence ("enhancing dural-based
     * mass along the convexity ... IMPRESSION: stable meningioma"): the diagnosis characterises the same lesion, as
     * {@code sites/explained-by.tsv} says it does within one sentence (issue 11av). Present mentions only (a hedged
     * diagnosis keeps both there too), and the diagnosis must name no other site or side than the lesion's: "adrenal
     * nodule ... hepatic adenoma" are two lesions.
     */
    private boolean explainedElsewhere(FindingMention general, FindingMention specific, LexConcept g, LexConcept s) {
        if (general.assertion() != FindingMention.Assertion.PRESENT) return false;
        if (!Boolean.TRUE.equals(explainedBy.get(g.dictionaryId() + "|" + s.dictionaryId()))) return false;
        return sameOrUnstated(general.bodySiteSnomed(), specific.bodySiteSnomed())
                && sameOrUnstated(general.laterality(), specific.laterality());
    }

    /**
     * Whether a mention may be dropped as the restatement of a more specific one with the same assertion: present ones
     * (issue 11al), and absent ones too (issue 11ar: "sigmoid diverticulosis without diverticulitis ... IMPRESSION:
     * diverticulosis without diverticulitis" denies the sigmoid diverticulitis twice, the second time without its site;
     * scored with descendants accepted, the specific denial still answers for the general one). A hedged mention is
     * not a restatement: "possible X" next to "no Y-kind of X" says something of its own.
     */
    private static boolean restatable(FindingMention m) {
        return m.assertion() == FindingMention.Assertion.PRESENT || m.assertion() == FindingMention.Assertion.ABSENT;
    }

    /**
     * A present sign whose own reading is then hedged in the same sentence ("Enlarged cardiac silhouette could
     * represent cardiomegaly or pericardial effusion"): the writer offers the finding as one reading of the sign, so the
     * present mention of the same concept goes and the possible one stays (issue 11am; the v13 and v14 writers label
     * these possible only). Only a later possible mention of the very same concept, for the same patient and time,
     * at no other side or site: "small left effusion, possible right effusion" keeps both.
     */
    private boolean hedgedFurtherOn(FindingMention sign, LexConcept c, List<FindingMention> sentence) {
        if (sign.assertion() != FindingMention.Assertion.PRESENT || "Device".equals(c.domainId())) return false;
        for (FindingMention later : sentence) {
            if (later.start() <= sign.end() || later.assertion() != FindingMention.Assertion.POSSIBLE
                    || later.temporality() != sign.temporality() || later.subject() != sign.subject()) continue;
            if (!sameOrUnstated(sign.laterality(), later.laterality())
                    || !sameOrUnstated(sign.bodySiteSnomed(), later.bodySiteSnomed())) continue;
            if (c.equals(concept(later)) && !namesAKindOf(sign, later)) return true;
        }
        return false;
    }

    /**
     * A present finding whose kind is then hedged in the same sentence with the same head word ("ovarian cyst, likely
     * a functional follicular cyst"; "communicating hydrocephalus, which may reflect normal pressure hydrocephalus"):
     * the finding is seen, only its kind is offered, so the present mention stands and the possible one of the same
     * concept goes (issue 11bw; the v11, v13, v14 and v23 writers label such cysts and hydrocephalus present). Unlike
     * {@link #hedgedFurtherOn}, where a sign is read as the finding ("enlarged cardiac silhouette could represent
     * cardiomegaly"), the second mention here repeats the first one's noun.
     */
    private boolean hedgedKindOf(FindingMention sign, LexConcept c, FindingMention later) {
        if (sign.assertion() != FindingMention.Assertion.PRESENT || later.assertion() != FindingMention.Assertion.POSSIBLE
                || later.start() <= sign.end() || later.temporality() != sign.temporality()
                || later.subject() != sign.subject()) return false;
        if (!sameOrUnstated(sign.laterality(), later.laterality())
                || !sameOrUnstated(sign.bodySiteSnomed(), later.bodySiteSnomed())) return false;
        return c.equals(concept(later)) && namesAKindOf(sign, later);
    }

    /** Whether {@code later}'s words end with {@code sign}'s last word (its head noun) and add words before it. */
    static boolean namesAKindOf(FindingMention sign, FindingMention later) {
        String[] a = sign.text().toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+");
        String[] b = later.text().toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+");
        if (a.length == 0 || b.length < 2) return false;
        String head = a[a.length - 1].replaceAll("s$", "");
        return !head.isEmpty() && head.equals(b[b.length - 1].replaceAll("s$", "")) && !java.util.Arrays.equals(a, b);
    }

    private static boolean sameOrUnstated(String a, String b) {
        return a == null || b == null || a.equals(b);
    }

    /** Characters between two findings named side by side ("renal or ureteric calculi"). */
    private static final int SIDE_BY_SIDE = 12;

    private LexConcept concept(FindingMention m) {
        return m.snomedCode() != null ? lexicon.bySnomed(m.snomedCode()).orElse(null)
                : m.radlexId() != null ? lexicon.byRadlex(m.radlexId()).orElse(null) : null;
    }

    /** "heart size normal": an absent mention of the concept the statement denies (triggers/normal-statements.tsv). */
    private void normalStatements(String reportId, String text, List<Sections.Section> sections, List<int[]> segments,
                                  String region, List<FindingMention> out) {
        for (Statement read : statements(headingColonsAsBlanks(text))) {
            Statement st = new Statement(read.start(), read.end(), text.substring(read.start(), read.end()), read.row());
            String only = NORMAL_REGIONS.get(st.row());
            if (only != null && !only.equals(region)) continue;
            String section = Sections.at(sections, st.start());
            boolean historical = Sections.HISTORY.equals(section) || Sections.COMPARISON.equals(section);
            int[] seg = segments.stream().filter(g -> g[0] <= st.start() && st.start() < g[1]).findFirst()
                    .orElse(new int[]{st.start(), st.end()});
            // a statement row that states a finding present ("synovitis of the peroneal tendon sheath") is read in its
            // sentence like a term: a negation or hedge before it ("no fluid within the flexor tendon sheath") decides
            // (issue 11cs); absent and possible rows keep the assertion their row gives
            boolean presentRow = NORMAL_ASSERTIONS.get(st.row()) == FindingMention.Assertion.PRESENT;
            FindingMention.Assertion assertion = !presentRow ? NORMAL_ASSERTIONS.get(st.row())
                    : mentionAssertion(CONTEXT.sentence(text.substring(seg[0], Math.max(seg[1], st.end())))
                            .evaluate(st.start() - seg[0], st.end() - seg[0]).assertion());
            for (String code : statementCodes(st.row())) {
                // a RadLex-only concept (no SNOMED CT code in the terminology) is named by its RID (issue 11bk)
                LexConcept c = lexicon.byConceptCode(code).orElse(null);
                if (c == null) continue;
                // a present row over a term of the lexicon that already names the concept there ("tear of the long head
                // of the biceps tendon") adds nothing: the term's mention, with its site, stands
                if (presentRow && out.stream().anyMatch(
                        m -> code.equals(m.conceptCode()) && m.start() < st.end() && st.start() < m.end())) continue;
                // ... as does a term the statement covers with the same reading ("Nondilated bowel without evidence of
                // obstruction": the statement and its word "obstruction" deny the same obstruction once)
                if (!presentRow && out.stream().anyMatch(m -> code.equals(m.conceptCode()) && m.assertion() == assertion
                        && m.start() >= st.start() && m.end() <= st.end())) continue;
                out.add(new FindingMention(reportId, st.start(), st.end(), st.text(), c.snomedCode(), c.display(),
                        c.radlexId(), assertion,
                        historical ? FindingMention.Temporality.HISTORICAL : FindingMention.Temporality.CURRENT,
                        FindingMention.Subject.PATIENT, section, null, List.of(), null, null, seg[0], seg[1]));
            }
        }
    }

    /**
     * The text with the colon of an organ heading ("Appendix: normal.", "Mediastinum: not widened.", "ACL: intact.") read
     * as a blank, so a template line states what the sentence "the appendix (is) normal" does; same length, so the
     * statements' offsets are the text's. Only a colon right after a letter and before a blank or a line end.
     */
    static String headingColonsAsBlanks(String text) {
        char[] c = null;
        for (int i = 1; i < text.length(); i++) {
            if (text.charAt(i) != ':' || !Character.isLetter(text.charAt(i - 1))) continue;
            if (i + 1 < text.length() && !Character.isWhitespace(text.charAt(i + 1))) continue;
            if (c == null) c = text.toCharArray();
            c[i] = ' ';
        }
        return c == null ? text : new String(c);
    }

    /** A normal statement in a text: its span, its words and its row of normal-statements.tsv. */
    record Statement(int start, int end, String text, int row) {
    }

    /** The normal statements of a text, left to right, none inside another. */
    static List<Statement> statements(String text) {
        // try the patterns only where a word starts with the first letter of some statement. (A pre-test for the
        // statements' last words, a case-insensitive alternation, cost more than the search: it tried every word at
        // every position of the text and nearly every report passed it.)
        List<Statement> found = new ArrayList<>();
        int n = text.length();
        Map<StatementChoices.Choice, Matcher> matchers = new java.util.IdentityHashMap<>();
        for (int i = 0; i < n; i++) {
            char ch = Character.toLowerCase(text.charAt(i));
            if (ch >= 128 || !NORMAL_FIRST[ch]) continue;
            if (i > 0 && Character.isLetterOrDigit(text.charAt(i - 1))) continue;
            int w = StatementLeads.wordEnd(text, i);
            StatementPattern sp = NORMAL_TABLE.get(text, i, w);
            if (sp == null) continue;
            // ... and only where the next word is a second word of one of its statements ("the" starts dozens), and
            // then only the rows whose second word it is (the others cannot match here): no row, no statement
            StatementChoices.Choice choice = sp.choices().at(text, w);
            if (choice == null) continue;
            // every row is left for a next word outside ASCII, which the leads test on its own (an ASCII word that
            // leaves every row passes it: both read the same second words)
            if (choice == sp.choices().all() && !sp.leads().mayFollow(text, w)) continue;
            Matcher mt = matchers.computeIfAbsent(choice, c -> c.pattern().matcher(text).useTransparentBounds(true));
            mt.region(i, Math.min(n, i + NORMAL_MAX_LENGTH));
            if (!mt.lookingAt()) continue;
            int[] rows = choice.rows();
            int group = 1;
            while (group <= rows.length && mt.group(group) == null) group++;
            if (group > rows.length) continue;
            found.add(new Statement(mt.start(), mt.end(), mt.group(), rows[group - 1]));
            i = mt.end() - 1;
        }
        return found;
    }

    /**
     * The codes a normal statement denies: one statement may name two structures ("heart size and pulmonary
     * vascularity are normal" denies cardiomegaly and vascular congestion; issue 11aq), so the code column may list
     * several, comma-separated. One row keeps one match, so two rows could not both claim the same words.
     */
    private static String[] statementCodes(int row) {
        return NORMAL_CODES.get(row).split("\\s*,\\s*");
    }

    /**
     * The one organ the sentence before names, for a sentence that names none: only off the chest (a chest survey's
     * "Heart normal. No effusion." is no pericardial effusion), in the same section, with no blank line between, and
     * when every anatomy word of the sentence before names that one organ ("Diffusely increased hepatic echogenicity.
     * No focal lesion."), once outside a finding's own term ("No sigmoid diverticulitis. Possible diverticulitis." keeps
     * the second general); null otherwise. The caller carries it only to a bare one-word finding ("lesion", not
     * "pleural effusion", whose words name their own site).
     */
    private LexConcept carriedSite(String text, List<Sections.Section> sections, SentenceMentions before, int[] seg,
                                   String region, Map<Mention, LexConcept> concept) {
        if (before == null || before.anatomy().isEmpty() || region == null || "chest".equals(region)) return null;
        LexConcept organ = null;
        boolean named = false; // the organ named on its own, not only inside a finding's term ("sigmoid diverticulitis")
        for (Mention a : before.anatomy()) {
            LexConcept c = concept.get(a);
            if (c == null || (organ != null && !organ.equals(c))) return null;
            organ = c;
            if (before.findings().stream().noneMatch(f -> f.start() <= a.start() && a.end() <= f.end())) named = true;
        }
        if (!named) return null;
        int[] b = before.span();
        if (b[1] > seg[0] || BLANK_LINE.matcher(text).region(b[1], seg[0]).find()) return null;
        if (!java.util.Objects.equals(Sections.at(sections, b[0]), Sections.at(sections, seg[0]))) return null;
        return organ;
    }

    /** A sentence of the report: its span, and the anatomy and finding mentions in it. */
    private record SentenceMentions(int[] span, List<Mention> anatomy, List<Mention> findings) {
    }

    /**
     * The rows of sites/default-sites.tsv for a lone statement that names no regional word at all: the findings the
     * CheXpert labeler reads as chest findings in any sentence (nodule, mass, edema) take the lung.
     */
    private static final String UNVOTED_REGION = "statement";

    /**
     * The region that gives unsited findings their default site: the report's region, or for a lone statement that
     * names no regional word at all ("Stable 3 mm nodule.", "Edema has cleared.", "No mass, nodule or adenopathy.") the
     * lone-statement rows ({@link #UNVOTED_REGION}: nodule, mass and edema of the lung), as the CheXpert labeler and
     * NegBio read every unsited nodule, mass or edema as a lung finding (issue 11aq: the v12-v16 writers label such
     * lone sentences so). A report whose words vote for regions, even in a tie, keeps no region. Only for a sentence
     * without any anatomy word ("soft tissue oedema of the forearm" names a site of no region: no guess), and only the
     * default site: nothing is dropped as "no finding in the chest" (not-findings-in-region) on such a statement.
     */
    private String defaultSiteRegion(String text, List<Sections.Section> sections, String region, String titled,
                                     List<LexConcept> mentioned) {
        if (region != null || titled != null || regions.anyVote(mentioned)) return region;
        // words with no code that name one region ("No mass, mass effect or midline shift": intracranial) speak before
        // the lone-statement guess (issue 11cq)
        String worded = regions.wordRegion(text);
        if (worded != null) return worded;
        return isLoneStatement(text, sections) ? UNVOTED_REGION : null;
    }

    /**
     * A text of one line without section titles: a statement read on its own, as a sentence labeller reads it. A
     * whole report (an exam line, sections: "PELVIC ULTRASOUND ... No adnexal mass.") that names no regional word is
     * no chest report, and its unsited findings stay general.
     */
    private static boolean isLoneStatement(String text, List<Sections.Section> sections) {
        if (text.strip().indexOf('\n') >= 0) return false;
        for (Sections.Section s : sections) if (!Sections.FINDINGS.equals(s.name()) && !Sections.OTHER.equals(s.name())) return false;
        return true;
    }

    /** Longest first line read as an exam title. */
    private static final int EXAM_TITLE_MAX = 120;

    /**
     * End of the exam title, or 0: the report's first line when a section title follows it and the line reads as a
     * title (no sentence end, no colon, at most {@link #EXAM_TITLE_MAX} characters). An exam title names the
     * examination and its purpose ("CT RENAL STONE PROTOCOL", "MRI BREAST IMPLANT", "CTA CHEST PE PROTOCOL"): the
     * finding it names is what the exam looks for, not what the image shows (issue 11af). The region vote still reads
     * it. One indexOf per report.
     */
    static int examTitleEnd(String text, List<Sections.Section> sections) {
        int nl = text.indexOf('\n');
        if (nl <= 0 || nl > EXAM_TITLE_MAX) return 0;
        Sections.Section first = null;
        for (Sections.Section s : sections) {
            if (!Sections.OTHER.equals(s.name())) { first = s; break; }
        }
        if (first == null || first.start() < nl) return 0; // no titled section, or one starts on the first line
        int e = nl - 1;
        while (e >= 0 && Character.isWhitespace(text.charAt(e))) e--;
        if (e < 0 || ".!?".indexOf(text.charAt(e)) >= 0) return 0; // a sentence, not a title
        for (int i = 0; i <= e; i++) if (text.charAt(i) == ':') return 0;
        return nl;
    }

    /** Longest piece of text given to cTAKES at once; longer reports are cut at line ends (or spaces). */
    static final int CHUNK = 16 * 1024;

    private LeanPipeline.Analysis runPipeline(String text) {
        if (text.length() <= CHUNK) return pipeline.analyze(text);
        List<Mention> mentions = new ArrayList<>();
        List<LeanPipeline.Span> sentences = new ArrayList<>();
        int from = 0;
        while (from < text.length()) {
            int to = Math.min(text.length(), from + CHUNK);
            if (to < text.length()) {
                int nl = text.lastIndexOf('\n', to);
                if (nl > from + CHUNK / 2) to = nl + 1;
                else {
                    int sp = text.lastIndexOf(' ', to);
                    if (sp > from + CHUNK / 2) to = sp + 1;
                }
            }
            LeanPipeline.Analysis a = pipeline.analyze(text.substring(from, to));
            for (Mention m : a.mentions()) {
                mentions.add(new Mention(m.start() + from, m.end() + from, m.text(), m.conceptId(), m.preferredText(),
                        m.negated(), m.uncertain(), m.historical(), m.family()));
            }
            for (LeanPipeline.Span s : a.sentences()) sentences.add(new LeanPipeline.Span(s.begin() + from, s.end() + from));
            from = to;
        }
        return new LeanPipeline.Analysis(mentions, sentences);
    }

    /**
     * The finding refined by a site named in the title of its section (an organ sub-heading such as "Mediastinum:" or
     * "Bones:"), or null. The anatomy mentions are sorted by start; found by binary search, so no pairwise loop.
     */
    private Map.Entry<LexConcept, LexConcept> headingSite(List<Sections.Section> sections, List<Mention> anatomy,
                                                          Map<Mention, LexConcept> concept, int offset, LexConcept finding) {
        Sections.Section s = Sections.sectionAt(sections, offset);
        if (s == null || s.contentStart() <= s.start() || anatomy.isEmpty()) return null;
        int lo = 0, hi = anatomy.size();
        while (lo < hi) { // first anatomy mention starting at or after the title
            int mid = (lo + hi) >>> 1;
            if (anatomy.get(mid).start() < s.start()) lo = mid + 1; else hi = mid;
        }
        for (int i = lo; i < anatomy.size() && anatomy.get(i).end() <= s.contentStart(); i++) {
            LexConcept site = concept.get(anatomy.get(i));
            LexConcept refined = lexicon.refine(finding, site).orElse(null);
            if (refined != null) return Map.entry(refined, site);
        }
        return null;
    }

    private static LexConcept nearestSite(Mention f, List<Mention> anatomy, Map<Mention, LexConcept> concept) {
        LexConcept best = null;
        int bestDist = Integer.MAX_VALUE, bestLen = 0;
        for (Mention a : anatomy) {
            int d = distance(a.start(), a.end(), f.start(), f.end());
            // at the same distance the longer name is the more specific site: "tibial plateau" over its "tibial"
            // (issue 11bc; both start at the same word, so the shorter one used to win by coming first)
            int len = a.end() - a.start();
            if (d < bestDist || (d == bestDist && len > bestLen)) { bestDist = d; bestLen = len; best = concept.get(a); }
        }
        return best;
    }

    /** An anatomy mention of another body region than {@code regional}'s with no clause punctuation between it and the finding. */
    private Mention otherRegionInClause(String text, Mention f, LexConcept regional, List<Mention> anatomy,
                                        Map<Mention, LexConcept> concept) {
        for (Mention a : anatomy) {
            if (!regions.otherRegion(concept.get(a), regional)) continue;
            int from = Math.min(a.end(), f.end()), to = Math.max(a.start(), f.start());
            boolean cut = false;
            for (int i = from; i < to && !cut; i++) cut = ",;:()".indexOf(text.charAt(i)) >= 0 && !decimalMark(text, i);
            if (!cut) return a;
        }
        return null;
    }

    /** Characters between a finding and a site of its own noun phrase ("enlarged left hilar and subcarinal lymph nodes"). */
    private static final int NEARBY_SITE = 40;

    /**
     * The finding refined by the sites of its own noun phrase (within {@link #NEARBY_SITE} characters, no punctuation
     * between), nearest first, again and again while one refines it; null when none does. Key: the refined concept,
     * value: the site of the last refinement.
     */
    private Map.Entry<LexConcept, LexConcept> refineNearby(String text, Mention f, LexConcept finding, List<Mention> anatomy,
                                                           Map<Mention, LexConcept> concept) {
        List<Mention> near = new ArrayList<>();
        for (Mention a : anatomy) {
            int from = Math.min(a.end(), f.end()), to = Math.max(a.start(), f.start());
            // a measurement in brackets inside the noun phrase ("hilar (1.6 cm) and subcarinal (1.4 cm) lymph nodes")
            // neither cuts it nor counts as distance
            int bracketed = 0;
            boolean punctuated = false;
            for (int i = from; i < to && !punctuated; i++) {
                int close = text.charAt(i) == '(' ? bracketedMeasurementEnd(text, i, to) : -1;
                if (close > 0) {
                    bracketed += close - i;
                    i = close - 1;
                } else punctuated = ",;:.()".indexOf(text.charAt(i)) >= 0 && !decimalMark(text, i);
            }
            if (!punctuated && distance(a.start(), a.end(), f.start(), f.end()) - bracketed <= NEARBY_SITE) near.add(a);
        }
        if (near.isEmpty()) return null;
        near.sort(Comparator.comparingInt(a -> distance(a.start(), a.end(), f.start(), f.end())));
        LexConcept current = finding, site = null;
        for (int round = 0; round < 3; round++) {
            boolean changed = false;
            for (Mention a : near) {
                LexConcept r = lexicon.refine(current, concept.get(a)).orElse(null);
                if (r != null && !r.equals(current)) {
                    current = r;
                    site = concept.get(a);
                    changed = true;
                    break;
                }
            }
            if (!changed) break;
        }
        return site == null ? null : Map.entry(current, site);
    }

    /**
     * A '.' or ',' between two digits: the decimal mark of a measurement ("enlarged 1.7 cm subcarinal lymph node", "1,7
     * cm"), which cuts no noun phrase (session 36, blind v33).
     */
    static boolean decimalMark(String text, int i) {
        char c = text.charAt(i);
        return (c == '.' || c == ',') && i > 0 && i + 1 < text.length() && Character.isDigit(text.charAt(i - 1))
                && Character.isDigit(text.charAt(i + 1));
    }

    /** Characters a measurement in brackets may take ("(1.6 cm)", "(14 x 9 mm)"). */
    private static final int BRACKETED_MEASUREMENT = 24;

    /**
     * The end (after ')') of a bracketed measurement opening at {@code open} and closing before {@code limit}, or -1:
     * only digits, blanks, '.', 'x', and the units cm / mm inside.
     */
    static int bracketedMeasurementEnd(String text, int open, int limit) {
        boolean digit = false;
        for (int i = open + 1; i < limit && i <= open + BRACKETED_MEASUREMENT; i++) {
            char ch = text.charAt(i);
            if (ch == ')') return digit ? i + 1 : -1;
            if (Character.isDigit(ch)) digit = true;
            else if (" .xcm".indexOf(Character.toLowerCase(ch)) < 0) return -1;
        }
        return -1;
    }

    private static int distance(int s1, int e1, int s2, int e2) {
        if (e1 <= s2) return s2 - e1;
        if (e2 <= s1) return s1 - e2;
        return 0;
    }

    /** A blank line: compiled once, as {@link #carriedSite} asks for every bare finding of a sentence with no site. */
    private static final Pattern BLANK_LINE = Pattern.compile("\\n\\s*\\n");
    private static final Pattern LIST_OR_BLANK = Pattern.compile("[ \\t]*(?:\\r?\\n|$|\\d{1,2}[.)]\\s|[-*•]\\s)");

    /**
     * Scope segments: the cTAKES sentences, cut again at section starts and at line breaks that end a thought (after
     * '.', ':', ';', before a blank line, a numbered or bulleted item). A hard-wrapped line inside a sentence does not
     * cut it.
     */
    static List<int[]> segments(String text, List<LeanPipeline.Span> sentences, List<Sections.Section> sections) {
        List<Integer> cuts = new ArrayList<>();
        for (Sections.Section s : sections) {
            cuts.add(s.start());
            cuts.add(s.contentStart());
        }
        for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
            int p = i - 1;
            while (p >= 0 && (text.charAt(p) == ' ' || text.charAt(p) == '\t' || text.charAt(p) == '\r')) p--;
            char prev = p >= 0 ? text.charAt(p) : '.';
            boolean cut = ".:;!?".indexOf(prev) >= 0 || LIST_OR_BLANK.matcher(text).region(i + 1, text.length()).lookingAt();
            if (cut) cuts.add(i);
        }
        cuts.sort(Comparator.naturalOrder());
        List<int[]> out = new ArrayList<>();
        List<LeanPipeline.Span> spans = sentences.isEmpty() ? List.of(new LeanPipeline.Span(0, text.length())) : sentences;
        int[] sorted = cuts.stream().mapToInt(Integer::intValue).toArray();
        for (LeanPipeline.Span s : spans) {
            int from = s.begin();
            int k = java.util.Arrays.binarySearch(sorted, from + 1);
            if (k < 0) k = -k - 1;
            for (; k < sorted.length && sorted[k] < s.end(); k++) {
                if (sorted[k] > from) {
                    out.add(new int[]{from, sorted[k]});
                    from = sorted[k];
                }
            }
            out.add(new int[]{from, s.end()});
        }
        return out;
    }

    private static String impression(String text, List<Sections.Section> sections) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < sections.size(); i++) {
            Sections.Section s = sections.get(i);
            if (!s.name().equals(Sections.IMPRESSION)) continue;
            int end = i + 1 < sections.size() ? sections.get(i + 1).start() : text.length();
            String part = text.substring(s.contentStart(), end).strip();
            if (!part.isEmpty()) sb.append(sb.length() > 0 ? "\n" : "").append(part);
        }
        return sb.length() == 0 ? null : sb.toString();
    }

    @Override
    public void close() {
        pipeline.close();
    }

    static String lower(String s) {
        return Objects.requireNonNull(s).toLowerCase(Locale.ROOT);
    }

    /**
     * The not-findings phrases in {@code [from, to)}, as {@code NOT_FINDINGS.matcher(text).region(from, to)} would find
     * them one after the other (transparent bounds): at each word start only the phrases of that first word are tried.
     */
    static void notFindings(String text, int from, int to, java.util.TreeMap<Integer, Integer> masked) {
        new NotFindingSearch(text, NOT_FINDINGS_TABLE).search(from, to, masked);
    }

    /** A not-findings phrase starts here ("reactive airway disease"): a phrase with no label of its own. */
    private static boolean unlabelledPhraseAt(String text, int at) {
        String word = ReportRegions.firstWord(text, at);
        if (!NOT_FINDING_WORDS.contains(word)) return false;
        Pattern phrases = NOT_FINDINGS_BY_FIRST_WORD == null ? NOT_FINDINGS : NOT_FINDINGS_BY_FIRST_WORD.get(word);
        if (phrases == null) return false; // no phrase starts with this word
        Matcher m = phrases.matcher(text).useTransparentBounds(true);
        m.region(at, Math.min(text.length(), at + NOT_FINDINGS_REACH));
        return m.lookingAt();
    }

    /** The same mention as {@code fm}, as the concept {@code c} at the other of two coordinated sites. */
    private static FindingMention atOtherSite(FindingMention fm, LexConcept c, LexConcept site) {
        return new FindingMention(fm.reportId(), fm.start(), fm.end(), fm.text(), c.snomedCode(), c.display(),
                c.radlexId(), fm.assertion(), fm.temporality(), fm.subject(), fm.section(), fm.laterality(),
                fm.dimensionsMm(), site.snomedCode(), site.display(), fm.sentenceStart(), fm.sentenceEnd(),
                fm.chronicity());
    }

    /**
     * The mirror of {@link #coordinatedSite}: a finding word BEFORE two sites joined by and / or, refined by the
     * sites of its noun phrase ("enlarged left hilar and subcarinal lymph nodes", "no enlarged mediastinal or hilar
     * nodes"), is at the other site too. Returns the finding refined at the other site (key) and that site (value),
     * or null. The other site must refine it on its own, with the first site left out; otherwise nothing is added.
     */
    private Map.Entry<LexConcept, LexConcept> coordinatedAfter(String text, Mention f, LexConcept site,
                                                               List<Mention> anatomy, Map<Mention, LexConcept> concept) {
        Mention chosen = null;
        for (Mention a : anatomy) {
            if (a.start() >= f.end() && site.equals(concept.get(a)) && (chosen == null || a.start() < chosen.start())) {
                chosen = a;
            }
        }
        if (chosen == null) return null;
        for (Mention b : anatomy) {
            if (b == chosen || b.start() < f.end() || site.equals(concept.get(b))) continue;
            boolean joined = b.start() >= chosen.end() ? joinedSites(text, chosen.end(), b.start())
                    : b.end() <= chosen.start() && joinedSites(text, b.end(), chosen.start());
            if (!joined) continue;
            List<Mention> others = new ArrayList<>(anatomy);
            others.remove(chosen);
            Map.Entry<LexConcept, LexConcept> r = refineNearby(text, f, concept.get(f), others, concept);
            if (r != null && concept.get(b).equals(r.getValue())) return r;
            // "no fracture of the visualised ribs, clavicles or shoulders": the list's comma cuts the noun phrase for
            // refineNearby, so the site joined to the first one by the list's own joiner refines the finding alone
            // (issue 11br)
            LexConcept alone = r == null ? lexicon.refine(concept.get(f), concept.get(b)).orElse(null) : null;
            if (alone != null && !alone.equals(concept.get(f))) return Map.entry(alone, concept.get(b));
        }
        return null;
    }

    /** Side words that may stand before the second of two joined sites ("left hilar and right paratracheal"). */
    private static final java.util.Set<String> SIDE_WORDS = java.util.Set.of("left", "right", "bilateral");

    /**
     * Whether only a joiner (and / or / ','), bracketed measurements and side words stand between two sites
     * ("hilar (1.6 cm) and right subcarinal").
     */
    private static boolean joinedSites(String text, int from, int to) {
        if (to - from > NEARBY_SITE) return false;
        StringBuilder between = new StringBuilder();
        for (int i = from; i < to; i++) {
            int close = text.charAt(i) == '(' ? bracketedMeasurementEnd(text, i, to) : -1;
            if (close > 0) i = close - 1;
            else between.append(Character.toLowerCase(text.charAt(i)));
        }
        String rest = between.toString().replace(",", " , ").trim();
        StringBuilder joiner = new StringBuilder();
        for (String w : rest.split("\\s+")) {
            if (!SIDE_WORDS.contains(w)) joiner.append(joiner.length() == 0 ? "" : " ").append(w);
        }
        String j = joiner.toString();
        return SITE_JOINERS.contains(j) || ", and".equals(j) || ", or".equals(j);
    }

    /** Words that join two sites sharing one finding noun ("renal or ureteric calculi"). */
    private static final java.util.Set<String> SITE_JOINERS = java.util.Set.of("and", "or", "and/or", ",");

    /**
     * The earlier sites of a list of sites joined by and / or / ',' right before a finding whose site is the last one
     * ("hilar or mediastinal lymphadenopathy": hilar; issue 11bk: "renal, ureteric or bladder calculi": ureter, then
     * kidney), nearest first; empty when none. Only letters and blanks stand between the last site and the finding.
     */
    private static List<LexConcept> coordinatedSites(String text, Mention f, LexConcept site, List<Mention> anatomy,
                                                     Map<Mention, LexConcept> concept) {
        Mention second = null;
        for (Mention a : anatomy) {
            if (a.end() <= f.start() && f.start() - a.end() <= 25 && site.equals(concept.get(a))
                    && text.substring(a.end(), f.start()).chars().allMatch(ch -> Character.isLetter(ch) || ch == ' ')) {
                second = a;
            }
        }
        List<LexConcept> sites = new ArrayList<>();
        while (second != null) {
            Mention before = null;
            for (Mention a : anatomy) {
                if (a.end() > second.start() || second.start() - a.end() > 8) continue;
                String between = text.substring(a.end(), second.start()).trim().toLowerCase(Locale.ROOT);
                if (SITE_JOINERS.contains(between) && !concept.get(a).equals(site)) before = a;
            }
            if (before != null && !sites.contains(concept.get(before))) sites.add(concept.get(before));
            second = before;
        }
        return sites;
    }
}
