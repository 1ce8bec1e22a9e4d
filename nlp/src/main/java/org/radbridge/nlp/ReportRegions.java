package org.radbridge.nlp;

import org.radbridge.nlp.terms.LexConcept;
import org.radbridge.nlp.terms.RadiologyLexicon;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The body region of a report (chest, abdomen ...) voted by the concepts it mentions, and the default anatomic site a
 * general finding stated without a site takes in that region (a nodule on a chest report is a lung nodule). Both are
 * data: {@code sites/report-regions.tsv} and {@code sites/default-sites.tsv}. An exam title at the head of the report
 * ({@code sites/exam-titles.tsv}: "CXR", "renal ultrasound") names the region outright: the exam's body part decides
 * where a bare finding is (issue 11). Immutable once built.
 */
public final class ReportRegions {

    private final Map<String, String> regionByDictionaryId = new HashMap<>();
    /** Votes a concept casts for its region (optional 4th column of report-regions.tsv, default 1). */
    private final Map<String, Integer> weightByDictionaryId = new HashMap<>();
    /** "region|finding dictionary id" → words that, in the mention text, keep the finding from taking the default site. */
    private final Map<String, java.util.List<String>> defaultUnless = new HashMap<>();
    /** "region|finding dictionary id" → site concept. */
    private final Map<String, LexConcept> defaults = new HashMap<>();
    /** General findings reported only when refined at a site ({@code sites/site-only.tsv}). */
    private final java.util.Set<String> siteOnly = new java.util.HashSet<>();
    /** Sites at which a site-only finding is reported as it is (dictionary ids). */
    private final Map<String, java.util.Set<String>> reportedAt = new HashMap<>();
    /** "region|finding dictionary id" of general findings that are no finding of their own in that region. */
    private final java.util.Set<String> notFindingIn = new java.util.HashSet<>();
    /** Regions whose anatomy words speak for a sentence's unsited findings ({@code sites/sentence-regions.tsv}). */
    private final java.util.Set<String> sentenceRegions = new java.util.HashSet<>();
    /** Phrases without a concept that name one region ({@code sites/region-words.tsv}), with that region. */
    private final java.util.List<RegionWord> regionWords = new java.util.ArrayList<>();

    /**
     * A region-words phrase: its pattern, its first word in lower case when that word is ASCII (else null) and its
     * region. The pattern (case-insensitive for ASCII letters only) can only match where the lower-case text holds that
     * word: {@link #wordRegion} tries each of the file's patterns on a report that no concept gives a region, and a
     * pattern that begins with a look-behind is tried at every character, while most reports hold none of the words.
     */
    private record RegionWord(java.util.regex.Pattern pattern, String firstWord, String region) {
    }

    /** An exam-title phrase (whole words, any whitespace between them) and the region it names. */
    private record Title(java.util.regex.Pattern pattern, String region) {
    }

    /**
     * Exam titles by their first word (letters and digits): at each word start of the report's head only the titles
     * that can start there are tried, in file order, not an alternation of all of them at every character.
     */
    private final Map<String, java.util.List<Title>> titlesByFirstWord = new HashMap<>();
    /**
     * The titles of each first word as one pattern, looked up in place (most words turned away by their first letters;
     * no substring per word).
     */
    private WordTable<Titles> titleTable;

    /**
     * The titles of one first word, file order, as one alternation with a group per title: the first title that
     * matches at a place is the one the alternation's first matching branch names (nothing follows the branches), as
     * when the titles' patterns were tried one after the other; one match instead of a Matcher reset and a match per
     * title ("ct" starts 37 titles; the titles' look-ups were a twentieth of the analysis in the 2026-12 profile).
     */
    private record Titles(java.util.regex.Pattern pattern, java.util.List<Title> titles) {
        static Titles of(java.util.List<Title> titles) {
            StringBuilder alt = new StringBuilder();
            for (Title t : titles) alt.append(alt.length() > 0 ? "|" : "").append('(').append(t.pattern().pattern()).append(')');
            return new Titles(java.util.regex.Pattern.compile("(?:" + alt + ")", java.util.regex.Pattern.CASE_INSENSITIVE), titles);
        }

        /** The title whose branch matched. */
        Title matched(java.util.regex.Matcher m) {
            int g = 1;
            while (m.group(g) == null) g++;
            return titles.get(g - 1);
        }
    }

    /** Exam titles are searched in the report's first characters only: a title heads the report. */
    static final int TITLE_WINDOW = 80;

    private ReportRegions() {
    }

    public static ReportRegions fromClasspath(RadiologyLexicon lexicon) {
        ReportRegions r = new ReportRegions();
        for (String[] f : Resources.tsv("/org/radbridge/nlp/sites/report-regions.tsv")) {
            if (f.length < 2 || f[0].equals("region")) continue;
            LexConcept c = lexicon.bySnomed(f[1].trim())
                    .orElseThrow(() -> new IllegalStateException("report-regions.tsv: unknown SNOMED CT code " + f[1]));
            r.regionByDictionaryId.put(c.dictionaryId(), f[0].trim());
            if (f.length > 3 && !f[3].isBlank()) r.weightByDictionaryId.put(c.dictionaryId(), Integer.parseInt(f[3].trim()));
        }
        for (String[] f : Resources.tsv("/org/radbridge/nlp/sites/default-sites.tsv")) {
            if (f.length < 4 || f[0].equals("region")) continue;
            LexConcept finding = lexicon.byCode(f[1].trim(), f[2].trim())
                    .orElseThrow(() -> new IllegalStateException("default-sites.tsv: unknown finding " + f[1] + " " + f[2]));
            LexConcept site = lexicon.bySnomed(f[3].trim())
                    .orElseThrow(() -> new IllegalStateException("default-sites.tsv: unknown site " + f[3]));
            r.defaults.put(f[0].trim() + "|" + finding.dictionaryId(), site);
            if (f.length > 5 && !f[5].isBlank()) {
                r.defaultUnless.put(f[0].trim() + "|" + finding.dictionaryId(),
                        java.util.Arrays.stream(f[5].split(",")).map(w -> w.trim().toLowerCase(java.util.Locale.ROOT)).toList());
            }
        }
        for (String[] f : Resources.tsv("/org/radbridge/nlp/sites/site-only.tsv")) {
            if (f.length < 2 || f[0].equals("vocabulary")) continue;
            LexConcept c = lexicon.byCode(f[0].trim(), f[1].trim())
                    .orElseThrow(() -> new IllegalStateException("site-only.tsv: unknown concept " + f[0] + " " + f[1]));
            r.siteOnly.add(c.dictionaryId());
            if (f.length > 3 && !f[3].isBlank()) {
                for (String code : f[3].split(",")) {
                    LexConcept site = lexicon.bySnomed(code.trim())
                            .orElseThrow(() -> new IllegalStateException("site-only.tsv: unknown site " + code));
                    r.reportedAt.computeIfAbsent(c.dictionaryId(), k -> new java.util.HashSet<>()).add(site.dictionaryId());
                }
            }
        }
        for (String[] f : Resources.tsv("/org/radbridge/nlp/sites/sentence-regions.tsv")) {
            if (f.length < 1 || f[0].isBlank() || f[0].equals("region")) continue;
            if (!r.regionByDictionaryId.containsValue(f[0].trim()))
                throw new IllegalStateException("sentence-regions.tsv: region " + f[0] + " has no concept in report-regions.tsv");
            r.sentenceRegions.add(f[0].trim());
        }
        for (String[] f : Resources.tsv("/org/radbridge/nlp/sites/region-words.tsv")) {
            if (f.length < 2 || f[0].equals("region")) continue;
            if (!r.regionByDictionaryId.containsValue(f[0].trim()))
                throw new IllegalStateException("region-words.tsv: region " + f[0] + " has no concept in report-regions.tsv");
            String phrase = java.util.Arrays.stream(f[1].trim().split("\\s+")).map(java.util.regex.Pattern::quote)
                    .collect(java.util.stream.Collectors.joining("[\\s-]+"));
            String first = f[1].trim().split("\\s+")[0].toLowerCase(java.util.Locale.ROOT);
            r.regionWords.add(new RegionWord(java.util.regex.Pattern.compile("(?<![\\w-])" + phrase + "(?![\\w-])",
                    java.util.regex.Pattern.CASE_INSENSITIVE), first.chars().allMatch(c -> c < 128) ? first : null,
                    f[0].trim()));
        }
        for (String[] f : Resources.tsv("/org/radbridge/nlp/sites/not-findings-in-region.tsv")) {
            if (f.length < 3 || f[0].equals("region")) continue;
            LexConcept c = lexicon.byCode(f[1].trim(), f[2].trim())
                    .orElseThrow(() -> new IllegalStateException("not-findings-in-region.tsv: unknown concept " + f[1] + " " + f[2]));
            r.notFindingIn.add(f[0].trim() + "|" + c.dictionaryId());
        }
        // words that may stand between a title's words ("MRI OF THE LEFT KNEE" is an "mri knee"), read once
        StringBuilder fillers = new StringBuilder();
        for (String w : Resources.words("/org/radbridge/nlp/sites/exam-title-fillers.tsv")) {
            fillers.append(fillers.length() > 0 ? "|" : "").append(java.util.regex.Pattern.quote(w));
        }
        String between = fillers.length() == 0 ? "\\s+" : "\\s+(?:(?:" + fillers + ")\\s+)*";
        for (String[] f : Resources.tsv("/org/radbridge/nlp/sites/exam-titles.tsv")) {
            if (f.length < 2 || f[0].equals("title")) continue;
            String title = f[0].trim().toLowerCase(java.util.Locale.ROOT);
            String phrase = java.util.regex.Pattern.quote(title).replace(" ", "\\E" + between + "\\Q");
            java.util.regex.Pattern pattern = java.util.regex.Pattern.compile(phrase + "(?![\\w-])",
                    java.util.regex.Pattern.CASE_INSENSITIVE);
            r.titlesByFirstWord.computeIfAbsent(firstWord(title, 0), k -> new java.util.ArrayList<>())
                    .add(new Title(pattern, f[1].trim()));
        }
        Map<String, Titles> titles = new HashMap<>();
        r.titlesByFirstWord.forEach((w, t) -> titles.put(w, Titles.of(t)));
        r.titleTable = new WordTable<>(titles);
        return r;
    }

    /**
     * The region an exam title at the head of the report names ("CXR PA", "Renal ultrasound:"), or null where there is
     * none or the titles found name different regions (a combined exam: the concepts vote).
     */
    public String titleRegion(String text) {
        if (text == null || text.isEmpty()) return null;
        int window = Math.min(text.length(), TITLE_WINDOW);
        String found = null;
        // one Matcher per first word's titles tried in this text (a new one per candidate place cost more than the match)
        java.util.Map<Titles, java.util.regex.Matcher> matchers = new java.util.IdentityHashMap<>();
        int i = 0;
        while (i < window) {
            // a title starts where a word starts: not after a letter, digit, '_' or '-'
            if (!titleChar(text.charAt(i)) || (i > 0 && titleChar(text.charAt(i - 1)))) { i++; continue; }
            int end = i;
            while (end < text.length() && Character.isLetterOrDigit(text.charAt(end))) end++;
            Titles candidates = titleTable.get(text, i, end);
            int next = i + 1;
            if (candidates != null) {
                // the window's end ends a title, as the end of the text does (opaque bounds)
                java.util.regex.Matcher m = matchers.computeIfAbsent(candidates, x -> x.pattern().matcher(text))
                        .region(i, window);
                if (m.lookingAt()) {
                    Title t = candidates.matched(m);
                    if (found != null && !found.equals(t.region())) return null;
                    found = t.region();
                    next = Math.max(next, m.end());
                }
            }
            i = next;
        }
        return found;
    }

    private static boolean titleChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '-';
    }

    /** The run of letters and digits at {@code from}, lower case (also the key RadiologyNlp finds not-finding words by). */
    static String firstWord(String s, int from) {
        int end = from;
        while (end < s.length() && Character.isLetterOrDigit(s.charAt(end))) end++;
        return s.substring(from, end).toLowerCase(java.util.Locale.ROOT);
    }

    /** True for a general finding that is reported only when a site refines it ("dilated", "fat stranding"). */
    public boolean siteOnly(LexConcept c) {
        return c != null && siteOnly.contains(c.dictionaryId());
    }

    /**
     * True for a general finding that is reported only when a site refines it, unless its site is one where the general
     * concept is the finding itself ("dilated ascending aorta": Dilatation at the aorta; site-only.tsv 4th column).
     */
    public boolean siteOnly(LexConcept c, LexConcept site) {
        if (!siteOnly(c)) return false;
        java.util.Set<String> at = reportedAt.get(c.dictionaryId());
        return at == null || site == null || !at.contains(site.dictionaryId());
    }

    /**
     * True for a general finding that no site refined and that is no finding of its own in the region of its site, or,
     * without a site of a known region, in the report's region ("left upper lobe volume loss": not-findings-in-region.tsv),
     * or at a site a row names ("site:CODE").
     */
    public boolean notFindingIn(LexConcept c, LexConcept site, String reportRegion) {
        if (c == null || notFindingIn.isEmpty()) return false;
        // a row may name the site itself ("site:87953007"): an obstruction at the ureter is none of the bowel's, though
        // the ureter lies in the abdomen (session 35)
        if (site != null && site.snomedCode() != null
                && notFindingIn.contains("site:" + site.snomedCode() + "|" + c.dictionaryId())) return true;
        String r = site == null ? null : regionByDictionaryId.get(site.dictionaryId());
        if (r == null) r = reportRegion;
        return r != null && notFindingIn.contains(r + "|" + c.dictionaryId());
    }

    /** Regions whose sites, stated in a finding's clause, keep another region's default site off (sites/clause-regions.tsv). */
    private static final java.util.Set<String> CLAUSE_REGIONS =
            java.util.Set.copyOf(Resources.words("/org/radbridge/nlp/sites/clause-regions.tsv"));

    /**
     * Whether site {@code a} lies in a region of sites/clause-regions.tsv other than default site {@code b}'s (the liver
     * and the lung; not the nipple, over which a lung finding projects on a chest film).
     */
    public boolean otherRegion(LexConcept a, LexConcept b) {
        String ra = regionByDictionaryId.get(a.dictionaryId()), rb = regionByDictionaryId.get(b.dictionaryId());
        return ra != null && rb != null && !ra.equals(rb) && CLAUSE_REGIONS.contains(ra);
    }

    /** True when both concepts vote for the same report region (report-regions.tsv). */
    public boolean sameRegion(LexConcept a, LexConcept b) {
        String ra = regionByDictionaryId.get(a.dictionaryId());
        return ra != null && ra.equals(regionByDictionaryId.get(b.dictionaryId()));
    }

    /** Whether any of the concepts votes for a region (a tie is a vote; a report naming no regional word is none). */
    public boolean anyVote(List<LexConcept> mentioned) {
        for (LexConcept c : mentioned) if (c != null && regionByDictionaryId.containsKey(c.dictionaryId())) return true;
        return false;
    }

    /** The region most of the concepts vote for, or null (no vote, or a tie). */
    public String region(List<LexConcept> mentioned) {
        Map<String, Integer> votes = new HashMap<>();
        for (LexConcept c : mentioned) {
            String r = c == null ? null : regionByDictionaryId.get(c.dictionaryId());
            if (r != null) votes.merge(r, weightByDictionaryId.getOrDefault(c.dictionaryId(), 1), Integer::sum);
        }
        String best = null;
        int bestVotes = 0;
        boolean tie = false;
        for (Map.Entry<String, Integer> e : votes.entrySet()) {
            if (e.getValue() > bestVotes) { best = e.getKey(); bestVotes = e.getValue(); tie = false; }
            else if (e.getValue() == bestVotes) tie = true;
        }
        return tie ? null : best;
    }

    /**
     * The one region all the given anatomic sites lie in, or null when none of them has a region or two regions are
     * named ("the liver and lung bases"): a sentence's own anatomy words, which speak for its finding only when they
     * all point one way (issue 11ao).
     */
    public String soleRegion(List<LexConcept> sites) {
        String sole = null;
        for (LexConcept c : sites) {
            String r = c == null ? null : regionByDictionaryId.get(c.dictionaryId());
            if (r == null) continue;
            if (sole != null && !sole.equals(r)) return null;
            sole = r;
        }
        return sole;
    }

    /**
     * The region a sentence's own anatomy words give its unsited findings: their {@link #soleRegion sole region} when
     * that region is one of {@code sites/sentence-regions.tsv}, else null (the report's region decides).
     */
    public String sentenceRegion(List<LexConcept> sites) {
        String sole = soleRegion(sites);
        return sole != null && sentenceRegions.contains(sole) ? sole : null;
    }

    /**
     * The one region the text's region words name ({@code sites/region-words.tsv}: "midline shift" is intracranial),
     * or null when it names none or words of two regions (issue 11cq).
     */
    public String wordRegion(String text) {
        if (text == null || regionWords.isEmpty()) return null;
        String sole = null;
        String lower = null;
        for (RegionWord w : regionWords) {
            if (sole != null && sole.equals(w.region())) continue;
            if (w.firstWord() != null) {
                if (lower == null) lower = text.toLowerCase(java.util.Locale.ROOT);
                if (!lower.contains(w.firstWord())) continue; // the pattern cannot match
            }
            if (!w.pattern().matcher(text).find()) continue;
            if (sole != null) return null;
            sole = w.region();
        }
        return sole;
    }

    /** The site a general finding takes in the region when its clause names none, or null. */
    public LexConcept defaultSite(String region, LexConcept finding) {
        return defaultSite(region, finding, "");
    }

    /**
     * As {@link #defaultSite(String, LexConcept)}, but none where the mention's own words name another site
     * ("pleural effusion" on a knee report stays pleural; only the bare "effusion" is a joint effusion there).
     */
    public LexConcept defaultSite(String region, LexConcept finding, String mentionText) {
        if (region == null || finding == null) return null;
        String key = region + "|" + finding.dictionaryId();
        java.util.List<String> unless = defaultUnless.get(key);
        if (unless != null && mentionText != null) {
            String t = mentionText.toLowerCase(java.util.Locale.ROOT);
            for (String w : unless) if (t.contains(w)) return null;
        }
        return defaults.get(key);
    }
}
