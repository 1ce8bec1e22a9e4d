package org.radbridge.nlp.context;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A ConText-style assertion engine (negation, uncertainty, history, experiencer) over one sentence, driven by the
 * trigger list {@code org/radbridge/nlp/triggers/context-triggers.tsv} (see its header for sources and format).
 *
 * <p>Algorithm: all triggers of the sentence are found left to right, the longest phrase winning where phrases overlap
 * (so "no change in" blocks "no", "cannot be excluded" blocks "excluded", "family history of" blocks "history of").
 * A "pre" trigger governs a finding to its right, a "post" trigger one to its left, as long as no terminating trigger
 * ({@code TERM}: "but", "however", "which", "there is" ...) or clause mark (";", ":") lies between and the finding is
 * within the trigger's window of words (12 for negation, which lets "no A, B or C" negate all three; 6 for one-word
 * and 12 for longer uncertainty cues; 2 for one-word and 8 for longer history cues; 5 after a post trigger).
 * When both a negation and an uncertainty cue govern a finding, the nearer one decides.
 *
 * <p>Thread-safe once built (immutable); a {@link Sentence} caches the triggers of one sentence.
 */
public final class ConText {

    public enum Category { NEG_PRE, NEG_POST, UNC_PRE, UNC_POST, PSEUDO, HIST_PRE, FAM_PRE, FAM_POST, TERM, CONFIRM,
        CHRONIC_PRE, HYPO_PRE, HYPO_POST,
        /**
         * a history cue only where it opens its clause ("Patient with COPD presents with ...": the background): there it
         * reads as {@link #HIST_PRE}; elsewhere it is no trigger, so "aspiration in this bedbound patient with basal
         * opacity" keeps the opacity of today's image (issue 11cl)
         */
        HIST_OPENER,
        /** uncertainty on both sides: atelectasis versus consolidation */
        UNC_BI,
        /** negation on both sides, the pre side only for the next few words: "resolved effusion", "effusion has resolved" */
        NEG_BI,
        /**
         * the finding word names a normal structure or artifact that mimics it ("nodular density ... likely represents a
         * nipple shadow", "opacity ... due to overlying soft tissue"): not a finding of the patient, not reported
         */
        MIMIC_POST,
        /**
         * a word that, right after a copula hedge ("is likely", "is possible"), shows the hedge ends its clause and so
         * hedges what precedes it ("pneumonia is possible in the right base"): a word list, not a trigger
         */
        COPULA_END,
        /**
         * a word that joins the items of a list ("or", "and"): a negated list that goes on past a comma into a hedged
         * item ("no consolidation, suspicious opacity or effusion") keeps its negation; without one the hedged clause
         * after the comma is a statement of its own ("no consolidation, possible small effusion"). A word list.
         */
        LIST_JOIN,
        /**
         * a hedge that, between a finding and the mimic that explains it, still reads as the radiologist's conclusion
         * ("nodular density likely represents a nipple shadow": no finding); any other hedge there ("possibly a nipple
         * shadow", "may represent a nipple shadow; repeat with nipple markers") leaves the finding possible. A word list.
         */
        MIMIC_CONFIDENT,
        /**
         * the clinician's query mark ("?infection"): a question when it stands alone (a request: no finding), a hedge
         * when it follows a finding the report states ("basal consolidation ?infection"); the caller decides
         */
        QUERY_PRE,
        /**
         * a frequency adverb in the predicate of the finding ("pneumonia can occasionally be occult", "aspiration
         * typically involves the dependent segments"): the finding is the subject of a statement about the disease in
         * general, no finding of this report (as {@link #HYPO_POST}); only within two words after the finding, with no
         * comma between ("small effusions, typically seen in failure" is a finding with a comment)
         */
        GENERIC_POST,
        /**
         * an adverb that may stand between the words of a longer trigger without breaking it ("is also not seen",
         * "can occasionally be radiographically occult", "is still not visualized"): a word list, not a trigger
         */
        TRIGGER_GAP,
        /**
         * a word that opens an introductory phrase, which a comma closes ("In a patient with fever, ...", "Given the
         * history of smoking, ..."): a history cue inside it ends at the comma (issue 11bt). A word list
         */
        INTRODUCER,
        /**
         * a verb that makes the words after a finding a main clause, not the rest of a list ("sarcoidosis and asthma,
         * the lungs are clear" is a list; "the mass is stable, ..." is not; issue 11bt). A word list
         */
        CLAUSE_VERB,
        /**
         * a contracted negation and, in the third column, the words it reads as ("don't" = "do not", "can't" =
         * "cannot"; issue 11bv): the trigger list writes only the full forms ({@link Contractions})
         */
        CONTRACTION,
        /** a contraction also read without its apostrophe ("dont", "isnt"; not "cant", an English word). A word list */
        BARE_CONTRACTION,
        /**
         * a preposition with its article that opens a site phrase right after a finding ("in the", "of the"): a post
         * denial after such a site is the predicate of the finding ("the nodule in the left upper lobe is no longer
         * visualised"), so it reaches farther (issue 11ac). A word list
         */
        LOCATIVE,
        /**
         * a relative word ("which", "that") that, after a comma closing the finding's phrase, opens a predicate about
         * that finding ("effusion, which is not seen"), so it does not end a post denial's scope (issue 11bl). A word list
         */
        RELATIVE,
        /**
         * a copula or relative word that opens a post denial as the predicate of the noun phrase before it ("is no
         * longer visualised", "that resolves on spot compression"): such a denial reaches across the phrase's site
         * words. A word list
         */
        SUBJECT_LINK,
        /**
         * the first word of a negation cue that, after a history cue, says what today's image shows of what the history
         * names ("status post hip arthroplasty without loosening": no loosening now; session 36): the negated finding
         * is current, not historical. A word list
         */
        STATE_NEGATION }

    /** The categories that are word lists of their own, not triggers: the same word may also be a trigger. */
    static final java.util.Set<Category> WORD_LISTS = java.util.Collections.unmodifiableSet(java.util.EnumSet.of(
            Category.COPULA_END, Category.LIST_JOIN, Category.MIMIC_CONFIDENT, Category.TRIGGER_GAP, Category.INTRODUCER,
            Category.CLAUSE_VERB, Category.BARE_CONTRACTION, Category.LOCATIVE, Category.RELATIVE, Category.SUBJECT_LINK,
            Category.STATE_NEGATION));

    public enum Assertion { PRESENT, ABSENT, POSSIBLE }

    /**
     * Result for one finding.
     *
     * @param chronic      old but on today's image ("old rib fracture", "sequelae of granulomatous disease")
     * @param hypothetical a question, hypothesis or disclaimer ("evaluate for", "if ... could exclude"): no finding
     * @param query        governed by a query mark only ({@link Category#QUERY_PRE}): a question or a hedge, by context
     */
    public record Result(Assertion assertion, boolean historical, boolean family, boolean chronic, boolean hypothetical,
                         boolean query) {
        public Result(Assertion assertion, boolean historical, boolean family) {
            this(assertion, historical, family, false, false, false);
        }

        /**
         * The same result hedged, an absent one left absent: the query mark after a stated finding asks for its cause,
         * and two findings named as alternatives are each only possible.
         */
        public Result asHedge() {
            return new Result(assertion == Assertion.ABSENT ? assertion : Assertion.POSSIBLE, historical, family, chronic,
                    false, false);
        }
    }

    public static final String DEFAULT_RESOURCE = "/org/radbridge/nlp/triggers/context-triggers.tsv";
    private final Map<String, Category> byPhrase;
    /** Phrases by first word, longest (in characters) first. */
    private final Map<String, List<String[]>> byFirstWord = new java.util.HashMap<>();
    /** Cheap test before the map lookup (most words start no trigger): first characters and longest first word. */
    private final boolean[] firstChars = new boolean[128];
    private int longestFirstWord;
    /**
     * The same phrases by first word and then by second word, each list in the order of {@code byFirstWord} and
     * holding the one-word phrase of that first word too; {@code oneWord}: the one-word phrases alone. Without a gap
     * adverb a phrase matches only where its second word is the text's next word, so only these are tried (the
     * generated trigger rows, verb x cause, put hundreds of phrases behind one first word such as "is").
     */
    private final Map<String, Map<String, List<String[]>>> bySecondWord = new java.util.HashMap<>();
    private final Map<String, List<String[]>> oneWord = new java.util.HashMap<>();

    /** Words after which a copula hedge still hedges what precedes it (category COPULA_END). */
    private final java.util.Set<String> copulaEnd = new java.util.HashSet<>();
    /** Words that join the items of a list (category LIST_JOIN). */
    private final java.util.Set<String> listJoin = new java.util.HashSet<>();
    /** Hedges that still explain a finding away before a mimic (category MIMIC_CONFIDENT). */
    private final java.util.Set<String> mimicConfident = new java.util.HashSet<>();
    /** Adverbs that may stand inside a longer trigger (category TRIGGER_GAP). */
    private final java.util.Set<String> triggerGap = new java.util.HashSet<>();
    /** Words that open an introductory phrase, which a comma closes (category INTRODUCER). */
    private final java.util.Set<String> introducers = new java.util.HashSet<>();
    /** Verbs that make the words after a finding a main clause, not the rest of a list (category CLAUSE_VERB). */
    private final java.util.Set<String> clauseVerbs = new java.util.HashSet<>();
    /** Site phrases right after a finding, each with a blank before and after ("in the"; category LOCATIVE). */
    private final List<String> locatives = new ArrayList<>();
    /** Relative words that may open a predicate about the finding before them (category RELATIVE). */
    private final java.util.Set<String> relatives = new java.util.HashSet<>();
    /** First words of a post denial that is the predicate of the phrase before it (category SUBJECT_LINK). */
    private final java.util.Set<String> subjectLinks = new java.util.HashSet<>();
    /** First words of a negation cue that states today's image after a history cue (category STATE_NEGATION). */
    private final java.util.Set<String> stateNegations = new java.util.HashSet<>();
    /** Contracted negations and the words they read as (categories CONTRACTION, BARE_CONTRACTION). */
    private final Contractions contractions;

    /**
     * @param byPhrase     the triggers, contractions already read as their words
     * @param wordLists    the words of each {@link #WORD_LISTS} category
     * @param contractions the contracted negations
     */
    private ConText(Map<String, Category> byPhrase, Map<Category, java.util.Set<String>> wordLists,
                    Contractions contractions) {
        this.byPhrase = byPhrase;
        this.copulaEnd.addAll(wordLists.get(Category.COPULA_END));
        this.listJoin.addAll(wordLists.get(Category.LIST_JOIN));
        this.mimicConfident.addAll(wordLists.get(Category.MIMIC_CONFIDENT));
        this.triggerGap.addAll(wordLists.get(Category.TRIGGER_GAP));
        this.introducers.addAll(wordLists.get(Category.INTRODUCER));
        this.clauseVerbs.addAll(wordLists.get(Category.CLAUSE_VERB));
        // matched as whole words inside the sentence: " in the " (the finding's last word, then the site)
        for (String p : wordLists.get(Category.LOCATIVE)) locatives.add(" " + p + " ");
        this.relatives.addAll(wordLists.get(Category.RELATIVE));
        this.subjectLinks.addAll(wordLists.get(Category.SUBJECT_LINK));
        this.stateNegations.addAll(wordLists.get(Category.STATE_NEGATION));
        this.contractions = contractions;
        List<String> phrases = new ArrayList<>(byPhrase.keySet());
        phrases.sort(Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()));
        for (String p : phrases) {
            String[] words = p.split(" ");
            byFirstWord.computeIfAbsent(words[0], k -> new ArrayList<>()).add(words);
            char c = words[0].charAt(0);
            if (c < 128) firstChars[c] = true;
            longestFirstWord = Math.max(longestFirstWord, words[0].length());
        }
        byFirstWord.forEach((first, candidates) -> {
            Map<String, List<String[]>> next = new java.util.HashMap<>();
            for (String[] words : candidates) if (words.length > 1) next.putIfAbsent(words[1], null);
            next.replaceAll((second, none) -> candidates.stream()
                    .filter(words -> words.length == 1 || words[1].equals(second)).toList());
            bySecondWord.put(first, next);
            oneWord.put(first, candidates.stream().filter(words -> words.length == 1).toList());
        });
    }

    /**
     * The phrases of {@code candidates} (those of the first word {@code first}) that can match at token {@code t}
     * without a gap adverb: their second word is token {@code t + 1}'s, or they have none; in the same order.
     */
    private List<String[]> withNextWord(String first, String lower, List<int[]> tokens, int t) {
        if (t + 1 < tokens.size()) {
            int[] next = tokens.get(t + 1);
            // a contraction's second word is the word it stands for ("don't see": "do", "not")
            List<String[]> same = bySecondWord.get(first).get(word(lower, next));
            if (same != null) return same;
        }
        return oneWord.get(first);
    }

    private static boolean wordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '/' || c == '\'' || c == '-';
    }

    public static ConText fromClasspath() {
        try (InputStream in = ConText.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) throw new IllegalStateException("missing " + DEFAULT_RESOURCE);
            return fromStream(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ConText fromStream(InputStream in) throws IOException {
        List<String> phrases = new ArrayList<>();
        List<Category> categories = new ArrayList<>();
        Map<Category, java.util.Set<String>> wordLists = new java.util.EnumMap<>(Category.class);
        for (Category c : WORD_LISTS) wordLists.put(c, new java.util.HashSet<>());
        Map<String, String> contracted = new LinkedHashMap<>();
        BufferedReader br = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        while ((line = br.readLine()) != null) {
            if (line.isBlank() || line.startsWith("#")) continue;
            String[] f = line.split("\t");
            if (f.length < 2) continue;
            String phrase = f[0].trim().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
            if (phrase.isEmpty()) continue;
            Category category = Category.valueOf(f[1].trim());
            // a word list of its own: the same word may also be a trigger ("but" ends a scope)
            if (WORD_LISTS.contains(category)) {
                wordLists.get(category).add(phrase);
            } else if (category == Category.CONTRACTION) {
                if (f.length < 3) throw new IllegalArgumentException("contraction without its words: " + line);
                contracted.put(phrase, f[2].trim().toLowerCase(Locale.ROOT));
            } else {
                phrases.add(phrase);
                categories.add(category);
            }
        }
        // the contraction rows may come after triggers that use them: the triggers are read as words once all are known
        Contractions contractions = new Contractions(contracted, wordLists.get(Category.BARE_CONTRACTION));
        Map<String, Category> map = new LinkedHashMap<>();
        for (int k = 0; k < phrases.size(); k++) {
            map.put(contractions.uncontracted(phrases.get(k)), categories.get(k)); // later lines win
        }
        addSpellingVariants(map);
        return new ConText(map, wordLists, contractions);
    }

    /**
     * British and American reports spell the same verbs -ise / -ize ("no longer visualised", "not visualized",
     * "characterised"): each phrase with such a word also stands in the other spelling, unless the file lists that
     * spelling itself (then its own category wins). Done once when the list is read.
     */
    static void addSpellingVariants(Map<String, Category> map) {
        Map<String, Category> variants = new LinkedHashMap<>();
        map.forEach((phrase, category) -> {
            String other = otherSpelling(phrase);
            if (!other.equals(phrase)) variants.putIfAbsent(other, category);
        });
        variants.forEach(map::putIfAbsent);
    }

    /** The phrase with each word's -ize(d/s), -izing, -ization written -ise..., and the reverse. */
    static String otherSpelling(String phrase) {
        String[] words = phrase.split(" ");
        for (int i = 0; i < words.length; i++) words[i] = otherSpellingOfWord(words[i]);
        return String.join(" ", words);
    }

    private static final String[][] SPELLING_ENDINGS = {
        {"ization", "isation"}, {"izing", "ising"}, {"ized", "ised"}, {"izes", "ises"}, {"ize", "ise"}};

    private static String otherSpellingOfWord(String w) {
        // short words ("size", "rise", "wise", "noise") are no -ise / -ize verbs
        if (w.length() < 7) return w;
        for (String[] e : SPELLING_ENDINGS) {
            if (w.endsWith(e[0])) return w.substring(0, w.length() - e[0].length()) + e[1];
            if (w.endsWith(e[1])) return w.substring(0, w.length() - e[1].length()) + e[0];
        }
        return w;
    }

    /** A trigger found in a sentence; offsets relative to the sentence text. */
    public record Trigger(int start, int end, String phrase, Category category) {
    }

    /** Triggers of one sentence, computed once. */
    public Sentence sentence(String text) {
        String lower = spaceHyphenatedAge(text.toLowerCase(Locale.ROOT));
        int n = lower.length();
        // tokens: maximal runs of word characters
        List<int[]> tokens = new ArrayList<>();
        for (int i = 0; i < n; ) {
            // a question mark that opens a word ("?CHF", "?aspiration", also with one space: "? empyema") is a token
            // of its own: the clinician's query
            if (lower.charAt(i) == '?' && (i == 0 || !wordChar(lower.charAt(i - 1)))
                    && (i + 1 < n && Character.isLetter(lower.charAt(i + 1))
                        || i + 2 < n && lower.charAt(i + 1) == ' ' && Character.isLetter(lower.charAt(i + 2)))) {
                tokens.add(new int[]{i, i + 1});
                i++;
                continue;
            }
            // a '>' standing between two words ("atelectasis > pneumonia") is the dictated "more likely than" of a
            // differential: a token of its own, so the trigger list can name it (not "> 5 mm", not "->")
            if (lower.charAt(i) == '>' && i > 1 && lower.charAt(i - 1) == ' ' && Character.isLetter(lower.charAt(i - 2))
                    && i + 2 < n && lower.charAt(i + 1) == ' ' && Character.isLetter(lower.charAt(i + 2))) {
                tokens.add(new int[]{i, i + 1});
                i++;
                continue;
            }
            if (!wordChar(lower.charAt(i))) { i++; continue; }
            int j = i;
            while (j < n && wordChar(lower.charAt(j))) j++;
            contractions.addToken(lower, i, j, tokens);
            i = j;
        }
        List<Trigger> triggers = new ArrayList<>();
        for (int t = 0; t < tokens.size(); ) {
            int[] tok = tokens.get(t);
            char first = contractions.firstChar(lower, tok);
            String firstWord = tok[1] - tok[0] <= longestFirstWord && (first >= 128 || firstChars[first])
                    ? word(lower, tok) : null;
            List<String[]> candidates = firstWord != null ? byFirstWord.get(firstWord) : null;
            int matchedTokens = 0;
            if (candidates != null) {
                // an exact match first; only then one with a gap adverb inside ("is also not seen"), so a trigger that
                // lists the adverb itself ("is often not visible") keeps its own category
                matchedTokens = match(lower, tokens, t, withNextWord(firstWord, lower, tokens, t), false, triggers);
                if (matchedTokens == 0 && !triggerGap.isEmpty() && gapAhead(lower, tokens, t)) {
                    matchedTokens = match(lower, tokens, t, candidates, true, triggers);
                }
            }
            t += Math.max(1, matchedTokens);
        }
        return new Sentence(lower, triggers);
    }

    /** A trigger phrase with its contractions in the words the tokenizer reads them as ("can't exclude": "cannot exclude"). */
    String uncontracted(String phrase) {
        return contractions.uncontracted(phrase);
    }

    /** Whether a gap adverb is among the few tokens after token {@code t} (the gap pass is skipped otherwise). */
    private boolean gapAhead(String lower, List<int[]> tokens, int t) {
        for (int k = t + 1; k < Math.min(tokens.size(), t + 6); k++) {
            if (triggerGap.contains(word(lower, tokens.get(k)))) return true;
        }
        return false;
    }

    /** The word a token reads as: its text, or the word a contraction stands for ({@link Contractions}). */
    private String word(String lower, int[] tok) {
        return contractions.word(lower, tok);
    }

    /** Whether a token reads as {@code word}, without copying its text. */
    private boolean wordAt(String lower, int[] tok, String word) {
        return contractions.wordAt(lower, tok, word);
    }

    /**
     * The first candidate phrase that matches at token {@code t} (added to {@code triggers}); with {@code gap}, one
     * adverb of the TRIGGER_GAP list may stand between two of its words. Returns the tokens consumed, or 0.
     */
    private int match(String lower, List<int[]> tokens, int t, List<String[]> candidates, boolean gap,
                      List<Trigger> triggers) {
        for (String[] words : candidates) {
            // only phrases of three words or more: a two-word one ("is negative") would take the word a longer trigger
            // starts with ("is also negative for pneumothorax")
            if (words.length < 3 && gap) continue;
            int k = t;
            boolean ok = true, gapUsed = false;
            for (int w = 1; w < words.length && ok; w++) {
                if (k + 1 >= tokens.size()) { ok = false; break; }
                int[] prev = tokens.get(k), cur = tokens.get(k + 1);
                ok = wordAt(lower, cur, words[w]) && joined(lower, prev, cur);
                if (!ok && gap && !gapUsed && triggerGap.contains(word(lower, cur))
                        && joined(lower, prev, cur) && k + 2 < tokens.size()) {
                    int[] next = tokens.get(k + 2);
                    ok = wordAt(lower, next, words[w]) && joined(lower, cur, next);
                    if (ok) { gapUsed = true; k++; }
                }
                k++;
            }
            if (ok && (!gap || gapUsed)) {
                String phrase = String.join(" ", words);
                Category category = byPhrase.get(phrase);
                if (category == Category.HIST_OPENER) {
                    if (!opensClause(lower, tokens.get(t)[0])) continue; // inside a clause: no trigger, a shorter one may match
                    category = Category.HIST_PRE;
                }
                triggers.add(new Trigger(tokens.get(t)[0], tokens.get(k)[1], phrase, category));
                return k - t + 1;
            }
        }
        return 0;
    }

    /**
     * Nothing but blanks, or a list mark or bracket, stands between {@code at} and the sentence's start or the last
     * '.', ';', ':' or line break: the word at {@code at} opens its clause ("History: Patient with ...").
     */
    private static boolean opensClause(String lower, int at) {
        for (int i = at - 1; i >= 0; i--) {
            char ch = lower.charAt(i);
            if (ch == '.' || ch == ';' || ch == ':' || ch == '\n') return true;
            if (ch != ' ' && ch != '\t' && ch != '\r' && ch != '-' && ch != '*' && ch != '(' && ch != '\u2022') return false;
        }
        return true;
    }

    /** Whether two tokens are words of one phrase: only blanks between, or the two halves of one contraction. */
    private static boolean joined(String lower, int[] prev, int[] cur) {
        return prev[1] == cur[0] && prev.length > 2 || onlySpace(lower, prev[1], cur[0]);
    }

    /** An age written with hyphens: "60-year-old", "3-month-old", "a 45 year-old" (issue 11ax). */
    private static final Pattern HYPHENATED_AGE =
            Pattern.compile("\\b[a-z0-9]+([- ])(?:year|yr|month|week|day)s?(-)old\\b");

    /**
     * The hyphens of an age ("60-year-old man with ...") as blanks, the same length (offsets stay), so the age reads as
     * the words "60 year old" a trigger can start inside ("year old man with" opens a history lead-in): a hyphen is a
     * word character, and a trigger's first word must be a whole token. Only ages: other hyphenated words
     * ("non-specific", "ill-defined") stay one token.
     */
    static String spaceHyphenatedAge(String lower) {
        if (lower.indexOf("old") < 0) return lower;
        Matcher m = HYPHENATED_AGE.matcher(lower);
        if (!m.find()) return lower;
        char[] chars = lower.toCharArray();
        do {
            chars[m.start(1)] = ' ';
            chars[m.start(2)] = ' ';
        } while (m.find());
        return new String(chars);
    }

    private static boolean onlySpace(String s, int from, int to) {
        if (from >= to) return false;
        for (int i = from; i < to; i++) if (!Character.isWhitespace(s.charAt(i))) return false;
        return true;
    }

    public final class Sentence {
        private final String text;
        private final List<Trigger> triggers;

        private Sentence(String text, List<Trigger> triggers) {
            this.text = text;
            this.triggers = triggers;
        }

        public List<Trigger> triggers() {
            return triggers;
        }

        /** Assertion of a finding at [start, end) of this sentence. */
        public Result evaluate(int start, int end) {
            Trigger neg = null, unc = null, confirm = null;
            int negDist = Integer.MAX_VALUE, uncDist = Integer.MAX_VALUE, confirmDist = Integer.MAX_VALUE;
            boolean hist = false, fam = false, chronic = false, hypo = false, query = false;
            Trigger histTrigger = null, mimic = null;
            for (Trigger t : triggers) {
                // a chronicity cue inside the matched term ("old rib fractures", "sequelae of prior granulomatous disease")
                if (t.category() == Category.CHRONIC_PRE && t.start() >= start && t.start() < end) chronic = true;
                if (t.start() < start && t.end() < end) { // pre trigger candidates (may overlap the finding's
                    // first words: "no acute distress" when the finding is "acute distress")
                    // "Excluded: pneumothorax, effusion": a post denial that opens its clause with a ':' after it is
                    // a label over the list that follows (issue 11bt)
                    boolean label = labelDenial(t);
                    if (!isPre(t.category()) && !copulaHedgeBeforeWords(t) && !label) continue;
                    int from = Math.min(t.end(), start);
                    int words = words(from, start);
                    // "the opacity is likely due to atelectasis": the copula hedge names the cause, so the cause
                    // connective right after it does not end its scope; so does a hedge before the cause ("opacities,
                    // likely due to atelectasis", "possibly secondary to aspiration": issue 11af)
                    // likewise a negation right before a terminator: "there is no new opacity", "without new
                    // consolidation", "with no new pneumothorax" deny the finding ("new" ends other scopes: "old
                    // fractures, new opacity"); only when nothing but blanks stands between the two
                    int scopeFrom = !isPre(t.category()) || t.category() == Category.UNC_PRE || t.category() == Category.NEG_PRE
                            ? afterLeadingTerm(from, start) : from;
                    // "Negative for: pneumothorax, effusion", "Rule out: pneumonia": a ':' right after the cue opens the
                    // list the cue governs, not a clause of its own
                    if (isPre(t.category()) || label) scopeFrom = afterColon(scopeFrom, start);
                    if (words > (label ? window(Category.NEG_PRE, false) : window(t)) || blocked(scopeFrom, start)) continue;
                    // "In a patient with fever, right lower lobe consolidation ...", "Given the history of smoking, a
                    // mass is present": a history cue inside an introductory phrase ends at the phrase's comma; the main
                    // clause after it states today's image; an item of the history's own list ("with a history of
                    // lymphoma, sarcoidosis and asthma, the lungs ...") is still history (issue 11bt)
                    if (t.category() == Category.HIST_PRE && opensWithIntroducer(t.start()) && hasComma(t.end(), start)
                            && !listItem(end)) continue;
                    int dist = start - from;
                    switch (t.category()) {
                        case NEG_PRE, NEG_BI, NEG_POST -> { if (dist < negDist) { negDist = dist; neg = t; } }
                        case UNC_PRE, UNC_POST, UNC_BI -> { if (dist < uncDist) { uncDist = dist; unc = t; } }
                        case CONFIRM -> { if (dist < confirmDist) { confirmDist = dist; confirm = t; } }
                        case HIST_PRE -> { hist = true; if (histTrigger == null || t.start() > histTrigger.start()) histTrigger = t; }
                        case FAM_PRE -> fam = true;
                        case CHRONIC_PRE -> chronic = true;
                        case HYPO_PRE -> hypo = true;
                        case QUERY_PRE -> query = true;
                        default -> { }
                    }
                } else if (t.start() >= end) { // post trigger candidates
                    // "right lower lobe pneumonia likely.": a one-word hedge that ends its clause hedges what precedes
                    boolean closingHedge = t.category() == Category.UNC_PRE && t.phrase().indexOf(' ') < 0 && endsClause(t);
                    if ((!isPost(t.category()) && !closingHedge) || copulaHedgeBeforeWords(t)) continue;
                    // "X versus Y" hedges the X right before it, not an earlier finding of the clause
                    // a generic statement's adverb belongs to the finding's own predicate: right after it, no comma
                    if (t.category() == Category.GENERIC_POST && hasComma(end, t.start())) continue;
                    int maxWords = t.category() == Category.UNC_BI || closingHedge ? 0
                            : t.category() == Category.GENERIC_POST ? 2
                            : t.category() == Category.MIMIC_POST ? 10
                            : t.category() == Category.NEG_POST
                                    && (startsWithSubjectLink(t.phrase()) || siteThenPredicate(end, t.start())) ? 8 : 5;
                    // "a small left effusion, which is not seen today": the relative word opens a predicate about
                    // the finding right before it, so it does not end the negation's scope (issue 11bl)
                    int scopeTo = t.category() == Category.NEG_POST && startsWithSubjectLink(t.phrase())
                            ? beforeRelative(end, t.start()) : t.start();
                    if (words(end, t.start()) > maxWords || blocked(end, scopeTo)) continue;
                    // "opacity, atelectasis versus consolidation": the differential after the comma hedges its own
                    // alternatives, not the finding it explains
                    if (t.category() == Category.UNC_BI && hasComma(end, t.start())) continue;
                    // "bilateral hilar lymphadenopathy, sarcoidosis a consideration": a post hedge whose own clause,
                    // after a comma, names something else hedges that, not the finding before the comma
                    if (t.category() == Category.UNC_POST && wordsAfterLastComma(end, t.start()) > 0) continue;
                    int dist = t.start() - end;
                    switch (t.category()) {
                        case NEG_POST, NEG_BI -> { if (dist < negDist) { negDist = dist; neg = t; } }
                        case UNC_POST, UNC_BI, UNC_PRE -> { if (dist < uncDist) { uncDist = dist; unc = t; } }
                        case FAM_POST -> fam = true;
                        case HYPO_POST, GENERIC_POST -> hypo = true;
                        case MIMIC_POST -> { if (mimic == null || t.start() < mimic.start()) mimic = t; }
                        default -> { }
                    }
                }
            }
            // "nodular density, possibly a nipple shadow": a hedged mimic leaves the finding possible (repeat with nipple
            // markers); "... represents a nipple shadow" explains it away (no finding)
            // a negated finding ("granuloma is not seen, likely a nipple shadow previously") or one hedged by its own cue
            // before it ("question of a nodule ..., likely a nipple shadow") is not explained away either
            boolean ownHedge = unc != null && unc.start() < start;
            boolean hedgedMimic = mimic != null && neg == null && (ownHedge || hedgeBetween(end, mimic.start()));
            if (mimic != null && neg == null && !hedgedMimic) hypo = true;
            Assertion a = Assertion.PRESENT;
            // a hedge inside a negated list ("no consolidation, suspicious opacity or definite effusion") does not
            // turn the negated items into possible ones: a negation that opens the list before the hedge wins
            boolean hedgeInNegatedList = neg != null && unc != null && isPre(neg.category()) && isPre(unc.category())
                    && neg.start() < unc.start() && !hedgedClauseAfterComma(neg, unc);
            if (neg != null && (unc == null || negDist < uncDist || hedgeInNegatedList)) {
                a = Assertion.ABSENT;
            } else if (unc != null && !(confirm != null && confirmDist < uncDist) || hedgedMimic) {
                a = Assertion.POSSIBLE;
            }
            // "given history of fever, this is suspicious for pneumonia": after a comma a clause with its own assertion
            // cue (before the finding) states today's reading, not the history
            if (hist && (ownClauseCue(histTrigger, neg) || ownClauseCue(histTrigger, unc))) hist = false;
            // "the previous left basal effusion has resolved" / "prior pneumothorax is no longer seen": the denial after the
            // finding states today's image (absent now), the history cue before it only names when it was seen (issue 11bj)
            if (hist && a == Assertion.ABSENT && neg.start() >= end) hist = false;
            // "status post right hip arthroplasty without evidence of loosening": the negation after the history cue
            // describes the state of what the history names on today's image (session 36)
            if (hist && a == Assertion.ABSENT && isPre(neg.category()) && histTrigger != null
                    && neg.start() >= histTrigger.end() && stateNegations.contains(firstWord(neg.phrase()))) hist = false;
            // "Cough. Fever. Pneumonia?": a finding the sentence asks about with a '?' right after it is a question, as
            // the query mark before it is (issue 11bl); the caller tells a question from a hedge of a stated finding
            if (a == Assertion.PRESENT && questionMarkAfter(end)) query = true;
            return new Result(a, hist && !chronic, fam, chronic, hypo, query && !hypo);
        }

        /** An uncertainty cue between the two offsets that is not a confident one (MIMIC_CONFIDENT). */
        private boolean hedgeBetween(int from, int to) {
            for (Trigger t : triggers) {
                if (t.start() >= from && t.end() <= to && (t.category() == Category.UNC_PRE || t.category() == Category.UNC_POST
                        || t.category() == Category.UNC_BI) && !mimicConfident.contains(t.phrase())) return true;
            }
            return false;
        }

        /** A pre cue after the history cue, with a comma between the two. */
        private boolean ownClauseCue(Trigger hist, Trigger cue) {
            return hist != null && cue != null && isPre(cue.category()) && cue.start() >= hist.end()
                    && text.substring(hist.end(), cue.start()).indexOf(',') >= 0;
        }

        /**
         * "No consolidation, possible small left effusion": a comma between the negation and the hedge, and no list word
         * ("or", "and") from the negation to the end of the clause, so the hedge opens a clause of its own. In "no
         * consolidation, suspicious opacity or effusion" the list goes on ("or"), so the negation keeps the hedged item.
         */
        private boolean hedgedClauseAfterComma(Trigger neg, Trigger unc) {
            if (text.substring(neg.end(), unc.start()).indexOf(',') < 0) return false;
            int i = neg.end(), n = text.length();
            while (i < n) {
                char ch = text.charAt(i);
                if (ch == '.' || ch == ';' || ch == ':') break;
                if (!wordChar(ch)) { i++; continue; }
                int j = i;
                while (j < n && wordChar(text.charAt(j))) j++;
                if (listJoin.contains(text.substring(i, j))) return false;
                i = j;
            }
            return true;
        }

        /**
         * "X is likely Y": a copula hedge ("is likely", "are possible") followed by more words hedges what follows
         * (Y), not what precedes; at the end of a clause ("Pneumonia is likely.") it hedges what precedes.
         */
        private boolean copulaHedgeBeforeWords(Trigger t) {
            if (t.category() != Category.UNC_POST) return false;
            if (!(t.phrase().startsWith("is ") || t.phrase().startsWith("are "))) return false;
            // a passive participle ends its predicate ("pneumonia is not excluded in this setting", "is suspected"):
            // it hedges what precedes, whatever follows
            if (t.phrase().endsWith("ed")) return false;
            for (int i = t.end(); i < text.length(); i++) {
                char ch = text.charAt(i);
                if (ch == '.' || ch == ';' || ch == ',' || ch == ':') return false;
                if (Character.isLetterOrDigit(ch)) {
                    int j = i;
                    while (j < text.length() && wordChar(text.charAt(j))) j++;
                    // "is possible in the right base", "is likely present": the predicate ends with a place, a reason
                    // or a presence word (COPULA_END rows of the trigger file), not a finding
                    return !copulaEnd.contains(text.substring(i, j));
                }
            }
            return false;
        }

        /** Only punctuation or the end of the sentence follows the trigger up to its clause end. */
        private boolean endsClause(Trigger t) {
            for (int i = t.end(); i < text.length(); i++) {
                char ch = text.charAt(i);
                if (ch == '.' || ch == ';' || ch == ',' || ch == ':' || ch == ')') return true;
                if (!Character.isWhitespace(ch)) return false;
            }
            return true;
        }

        private boolean blocked(int from, int to) {
            for (int i = from; i < to; i++) {
                char ch = text.charAt(i);
                if (ch == ';' || ch == ':') return true;
                // a dash set off by blanks joins two statements in dictated reports ("No fracture - small joint
                // effusion", issue 11az), as ';' does; a hyphen inside a word ("well-defined") does not (the NLP hands
                // ConText its text with en dashes as '-', TypographicForms)
                if ((ch == '-' || ch == '\u2014') && i > from && i + 1 < to
                        && Character.isWhitespace(text.charAt(i - 1)) && Character.isWhitespace(text.charAt(i + 1))) return true;
            }
            for (Trigger t : triggers) {
                if (t.category() == Category.TERM && t.start() >= from && t.end() <= to) return true;
            }
            return false;
        }

        /**
         * The start of a relative word ("which", "that") that stands right before {@code cue} after a comma closing the
         * finding's phrase ("effusion, which is not seen"), else {@code cue}.
         */
        private int beforeRelative(int from, int cue) {
            for (Trigger r : triggers) {
                if (r.category() != Category.TERM || r.end() > cue || r.start() < from || !onlyBlank(r.end(), cue)) continue;
                if (!relatives.contains(r.phrase())) continue;
                int i = r.start() - 1;
                while (i >= from && Character.isWhitespace(text.charAt(i))) i--;
                if (i >= from && text.charAt(i) == ',' && words(from, i) <= 4) return r.start();
            }
            return cue;
        }

        /**
         * A '?' right after {@code end}, attached to the finding's last word, that ends the sentence or is followed by a
         * blank ("Pneumonia?"); a '?' after a blank opens a query of the next word ("shadowing ? infection").
         */
        private boolean questionMarkAfter(int end) {
            int i = end;
            return i < text.length() && text.charAt(i) == '?'
                    && (i + 1 == text.length() || Character.isWhitespace(text.charAt(i + 1)));
        }

        /**
         * A post denial at the start of its clause (the sentence's start, or after '.', ';' or ':') with a ':' right
         * after it ("Excluded: pneumothorax, effusion, consolidation", "Not seen: nodule or mass"): it heads the list
         * after it as a pre cue does, which a post denial's own scope (the words before it) cannot reach.
         */
        private boolean labelDenial(Trigger t) {
            if (t.category() != Category.NEG_POST || afterColon(t.end(), text.length()) == t.end()) return false;
            int i = t.start() - 1;
            while (i >= 0 && Character.isWhitespace(text.charAt(i))) i--;
            return i < 0 || text.charAt(i) == '.' || text.charAt(i) == ';' || text.charAt(i) == ':';
        }

        /**
         * The clause holding {@code at} (from the sentence's start or the last '.', ';' or ':' before it) opens with a
         * preposition or subordinator that starts an introductory phrase ("In", "Given", "For", "As", "Despite" ...).
         */
        private boolean opensWithIntroducer(int at) {
            int i = at - 1;
            while (i >= 0 && text.charAt(i) != '.' && text.charAt(i) != ';' && text.charAt(i) != ':' && text.charAt(i) != '\n') i--;
            int from = i + 1;
            while (from < at && !Character.isLetter(text.charAt(from))) from++;
            int to = from;
            while (to < text.length() && Character.isLetter(text.charAt(to))) to++;
            return introducers.contains(text.substring(from, to).toLowerCase(java.util.Locale.ROOT));
        }

        /**
         * The words after a finding ending at {@code end} run to a comma with no verb among them ("sarcoidosis and
         * asthma, the lungs are clear"): the finding is an item of a list, not the subject of a main clause.
         */
        private boolean listItem(int end) {
            int i = end;
            while (i < text.length() && ".;:,\n".indexOf(text.charAt(i)) < 0) i++;
            if (i >= text.length() || text.charAt(i) != ',') return false;
            for (String w : text.substring(end, i).toLowerCase(java.util.Locale.ROOT).split("[^a-z]+"))
                if (clauseVerbs.contains(w)) return false;
            return true;
        }

        /** Just after a ':' that follows {@code from} with only blanks between, else {@code from}. */
        private int afterColon(int from, int to) {
            int i = from;
            while (i < to && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) i++;
            return i < to && text.charAt(i) == ':' ? i + 1 : from;
        }

        /** The end of a terminating trigger that starts right at {@code from} ("due to"), else {@code from}. */
        private int afterLeadingTerm(int from, int to) {
            for (Trigger t : triggers) {
                if (t.category() == Category.TERM && t.end() <= to && onlyBlank(from, t.start())) return t.end();
            }
            return from;
        }

        private boolean onlyBlank(int from, int to) {
            if (to < from) return false;
            for (int i = from; i < to; i++) if (!Character.isWhitespace(text.charAt(i))) return false;
            return true;
        }

        /** Words between the last comma in [from, to) and to; 0 when there is no comma. */
        private int wordsAfterLastComma(int from, int to) {
            int comma = text.substring(from, to).lastIndexOf(',');
            return comma < 0 ? 0 : words(from + comma + 1, to);
        }

        /**
         * The finding is the subject and what follows it up to the cue is only its site ("the asymmetry in the upper outer
         * quadrant disperses on spot compression"): a locative preposition right after the finding and no comma before
         * the cue. Such a cue is the clause's predicate, as one opening with a copula is.
         */
        private boolean siteThenPredicate(int from, int to) {
            if (hasComma(from, to)) return false;
            for (String p : locatives) if (text.startsWith(p, from)) return true;
            return false;
        }

        private boolean hasComma(int from, int to) {
            return text.substring(from, to).indexOf(',') >= 0;
        }

        private int words(int from, int to) {
            int n = 0;
            boolean in = false;
            for (int i = from; i < to; i++) {
                boolean w = Character.isLetterOrDigit(text.charAt(i));
                if (w && !in) n++;
                in = w;
            }
            return n;
        }
    }

    /**
     * A negation that opens with a copula or a relative word ("is no longer visualised", "that resolves on spot
     * compression") is the predicate of the noun phrase before it, so it reaches the finding across that phrase's site
     * words ("the nodule in the left upper lobe is no longer visualised": 6 words), which a bare cue ("resolved") does not.
     */
    private static String firstWord(String phrase) {
        int space = phrase.indexOf(' ');
        return space < 0 ? phrase : phrase.substring(0, space);
    }

    private boolean startsWithSubjectLink(String phrase) {
        return phrase.indexOf(' ') > 0 && subjectLinks.contains(firstWord(phrase));
    }

    private static boolean isPre(Category c) {
        return c == Category.NEG_PRE || c == Category.UNC_PRE || c == Category.HIST_PRE || c == Category.FAM_PRE
                || c == Category.CONFIRM || c == Category.CHRONIC_PRE || c == Category.HYPO_PRE || c == Category.UNC_BI
                || c == Category.NEG_BI || c == Category.QUERY_PRE;
    }

    private static boolean isPost(Category c) {
        return c == Category.NEG_POST || c == Category.UNC_POST || c == Category.FAM_POST || c == Category.HYPO_POST || c == Category.UNC_BI
                || c == Category.NEG_BI || c == Category.MIMIC_POST || c == Category.GENERIC_POST;
    }

    private static int window(Trigger t) {
        return window(t.category(), t.phrase().indexOf(' ') < 0);
    }

    private static int window(Category category, boolean oneWord) {
        return switch (category) {
            case UNC_POST, UNC_BI -> 6;
            case NEG_PRE -> 12;
            case NEG_BI -> 3; // "resolved left pleural effusion", not a later finding of the clause
            case UNC_PRE -> oneWord ? 6 : 12;
            case HIST_PRE -> oneWord ? 2 : 8;
            case FAM_PRE -> 10;
            case CONFIRM -> 6;
            case CHRONIC_PRE -> oneWord ? 3 : 8;
            case HYPO_PRE, QUERY_PRE -> oneWord ? 8 : 12;
            default -> 0;
        };
    }
}
