package org.radbridge.deid;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes identifiers from report text before it reaches the research view (OMOP NOTE / NOTE_NLP). What it removes
 * follows the HIPAA Safe Harbor identifier list (45 CFR 164.514(b)(2)(i)) as far as it can appear in report text:
 * <ul>
 * <li>the patient's own name parts, patient id, accession number and UIDs, known from staging, wherever they stand;</li>
 * <li>names of people after titles (Dr., Mr., Mrs., Ms., Prof., Nurse), before degrees (MD, DO, PhD, RN, NP, PA-C ...)
 *     and after signature and communication cues ("dictated / signed / read / reviewed by", "electronically signed",
 *     "discussed with", "called to", "attending", "technologist", "radiologist" ...);</li>
 * <li>geography smaller than a state: street addresses (number, street name, suffix, optional unit, optionally the
 *     city, state and ZIP after them), PO boxes, "City, ST 12345(-6789)" lines, ZIP codes after a label, and the rest
 *     of a line after "address:" / "lives at";</li>
 * <li>dates (numeric and written), removed rather than shifted because the research view keeps the real study date
 *     and a shifted date inside a sentence would contradict it; a bare year stays, as Safe Harbor allows;</li>
 * <li>ages over 89 ("93-year-old", "age 95", "92 y.o.", "91F", "nonagenarian");</li>
 * <li>phone, fax and pager numbers, e-mail addresses, URLs and web domains, IPv4 and IPv6 addresses;</li>
 * <li>social security numbers, DICOM-style UIDs, numbers of six digits or more, and identifiers after a label (MRN,
 *     accession, account, order, visit, encounter, FIN, CSN, member / policy / claim, licence, serial number ...).</li>
 * </ul>
 *
 * <p>Each removed span is replaced by a bracketed tag ({@code [NAME]}, {@code [ADDRESS]}, {@code [ID]}, {@code [DATE]}
 * ...), so the text stays readable. {@link Scrubbed#map(int)} translates offsets of the original text (NLP mentions)
 * into the scrubbed text, so NOTE_NLP snippets and offsets refer to what NOTE holds. Rules are patterns, not a model:
 * a city or a person named in running text without any of the cues above is not recognised, which is why OMOP stays
 * behind the omop_reader role and is never published as open data.
 */
public final class ReportTextScrubber {

    /** What staging knows about the report's patient and study; any of them may be null. */
    public record Known(String patientName, String patientId, String issuerOfPatientId, String accessionNumber,
                        Collection<String> otherIdentifiers, Collection<String> staffNames) {
        public Known(String patientName, String patientId, String issuerOfPatientId, String accessionNumber,
                     Collection<String> otherIdentifiers) {
            this(patientName, patientId, issuerOfPatientId, accessionNumber, otherIdentifiers, List.of());
        }
    }

    /** One replaced span of the original text. */
    public record Replacement(int start, int end, String tag) {}

    /** Scrubbed text plus the replaced spans, for mapping offsets of the original text. */
    public record Scrubbed(String text, List<Replacement> replacements) {
        /**
         * The offset in the scrubbed text that corresponds to an offset of the original text; an offset inside a
         * replaced span maps to the start of its tag.
         */
        public int map(int original) {
            int delta = 0;
            for (Replacement r : replacements) {
                if (original < r.start()) break;
                if (original < r.end()) return r.start() + delta;
                delta += r.tag().length() - (r.end() - r.start());
            }
            return original + delta;
        }

        /** The end offset of a span in the scrubbed text (a span ending inside a replacement covers the whole tag). */
        public int mapEnd(int originalEnd) {
            int delta = 0;
            for (Replacement r : replacements) {
                if (originalEnd <= r.start()) break;
                if (originalEnd < r.end()) return r.start() + delta + r.tag().length();
                delta += r.tag().length() - (r.end() - r.start());
            }
            return originalEnd + delta;
        }
    }

    private record Rule(Pattern pattern, int group, String tag) {}

    private static final String NAME_WORD = "\\p{Lu}[\\p{L}'\u2019\\-]+";
    /** A capitalised word with lower case: the given name in "Smith, John" (not "Smith, RDMS"). */
    private static final String CASED_NAME_WORD = "\\p{Lu}\\p{Ll}[\\p{L}'\u2019\\-]*";
    /**
     * A person's name: up to three name words, with initials before them ("J. R. Smith", "A N Kapoor") or between. Only
     * spaces and tabs join its words: a name never runs over a line break into the label of the next line ("Fax:").
     */
    private static final String PERSON = "(?:\\p{Lu}\\.?\\h+){0,2}" + NAME_WORD + "(?:\\h+\\p{Lu}\\.?(?=\\h+\\p{Lu}))?(?:\\h+" + NAME_WORD + "){0,2}";
    /** A name in running text: cased words only, so that "CT" or "MRI" after a relation word stays. */
    private static final String CASED_PERSON = "(?:\\p{Lu}\\.\\h*){0,2}" + CASED_NAME_WORD + "(?:\\h+\\p{Lu}\\.?(?=\\h+\\p{Lu}))?(?:\\h+" + CASED_NAME_WORD + "){0,2}";

    /** Capitalised words joined by spaces (and an optional middle initial): candidates for first-name + surname pairs. */
    private static final String MONTH = "(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|Jun(?:e)?|Jul(?:y)?|Aug(?:ust)?"
            + "|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\.?";
    /** USPS state and territory abbreviations and state names (USPS Publication 28, Appendix B). */
    private static final String STATE = "(?:AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ"
            + "|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|PR|GU|VI|AS|MP|Alabama|Alaska|Arizona|Arkansas|California"
            + "|Colorado|Connecticut|Delaware|Florida|Georgia|Hawaii|Idaho|Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland"
            + "|Massachusetts|Michigan|Minnesota|Mississippi|Missouri|Montana|Nebraska|Nevada|New\\s+Hampshire|New\\s+Jersey|New\\s+Mexico"
            + "|New\\s+York|North\\s+Carolina|North\\s+Dakota|Ohio|Oklahoma|Oregon|Pennsylvania|Rhode\\s+Island|South\\s+Carolina"
            + "|South\\s+Dakota|Tennessee|Texas|Utah|Vermont|Virginia|Washington|West\\s+Virginia|Wisconsin|Wyoming|Puerto\\s+Rico)";
    /**
     * Street suffixes (USPS Publication 28, Appendix C1, the common ones): capitalised, or all capitals for full words
     * only, so that "CT", "DR" (digital radiography) or "ST" (segment) in an all-capitals report are not taken for one.
     */
    private static final String STREET_SUFFIX = "(?:Street|STREET|Avenue|AVENUE|Road|ROAD|Boulevard|BOULEVARD|Drive|DRIVE|Lane|LANE"
            + "|Court|COURT|Place|PLACE|Terrace|TERRACE|Parkway|PARKWAY|Highway|HIGHWAY|Circle|Square|Trail|Plaza|Crescent|Turnpike"
            + "|Expressway|Freeway|Way|Pike|Alley|St|Ave|Av|Rd|Blvd|Dr|Ln|Ct|Pl|Ter|Pkwy|Hwy|Cir|Sq|Trl|Rte|Plz|Tpke|Expy|Fwy)\\.?(?![\\w-])";
    private static final String UNIT = "(?i:apt|apartment|suite|ste|unit|room|rm|floor|fl|bldg|building|#)\\.?\\s*#?\\s*[A-Z0-9][A-Z0-9-]*";
    private static final String ZIP = "\\d{5}(?:-\\d{4})?";
    private static final String CITY = "\\p{Lu}[\\p{L}.'\\-]+(?:\\s+\\p{Lu}[\\p{L}.'\\-]+){0,2}";
    private static final String STREET = "\\d{1,6}[A-Z]?(?:-\\d{1,4})?\\s+(?:(?:[NSEW]|North|South|East|West|N\\.|S\\.|E\\.|W\\.)\\s+)?"
            + "(?:(?:[A-Z][a-zA-Z'.\\-]*|\\d{1,3}(?:st|nd|rd|th))\\s+){1,4}" + STREET_SUFFIX
            + "(?:\\s+(?:N|S|E|W|NE|NW|SE|SW)\\b\\.?)?";
    /**
     * What may follow a street address or PO box: capitalised words after a comma are the city when a state, a ZIP code
     * or the end of the line follows them; then the state and the ZIP code.
     */
    private static final String CITY_STATE_ZIP = "(?:,\\s*" + CITY + "(?=,?\\s+" + STATE + "\\b|,?\\s+\\d{5}|[ \\t]*(?:\\n|$))"
            + "(?:,?\\s+" + STATE + "\\b\\.?)?)?(?:,?\\s+" + ZIP + "\\b)?";
    private static final String PHONE_DIGITS = "(?:\\+\\d{1,3}[\\s.-]?|1[\\s.-])?(?:\\(\\d{2,4}\\)\\s?|\\d{2,4}[\\s.-])\\d{3,4}[\\s.-]\\d{3,4}";

    /** Order matters only for ties: overlapping matches are resolved by earliest start, then longest. */
    private static final List<Rule> RULES = List.of(
            new Rule(Pattern.compile("[\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)+"), 0, "[EMAIL]"),
            new Rule(Pattern.compile("\\b(?:(?:https?|ftp|sftp)://|www\\.)\\S+", Pattern.CASE_INSENSITIVE), 0, "[URL]"),
            // bare web domains (portal.hospital.org/path): only the generic top-level domains, so abbreviations stay
            new Rule(Pattern.compile("\\b[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.(?:com|org|net|edu|gov|info|health|io)\\b(?:/\\S*)?"), 0, "[URL]"),
            // IP addresses: IPv4 dotted quads, IPv6 in full or compressed ("::") form
            new Rule(Pattern.compile("(?<![\\w.])(?:(?:25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.){3}(?:25[0-5]|2[0-4]\\d|1?\\d?\\d)(?![\\w.]|\\.\\d)"), 0, "[IP]"),
            new Rule(Pattern.compile("(?<![\\w:])(?:(?:[0-9A-Fa-f]{1,4}:){7}[0-9A-Fa-f]{1,4}|(?:[0-9A-Fa-f]{1,4}:){1,6}:(?:[0-9A-Fa-f]{1,4}(?::[0-9A-Fa-f]{1,4}){0,5})?"
                    + "|::(?:[0-9A-Fa-f]{1,4}:){0,6}[0-9A-Fa-f]{1,4})(?![\\w:])"), 0, "[IP]"),
            // DICOM UIDs and other OIDs: digits with at least three dots
            new Rule(Pattern.compile("\\b\\d+(?:\\.\\d+){3,}\\b"), 0, "[UID]"),
            // social security numbers, with or without a label
            new Rule(Pattern.compile("(?<![\\w-])\\d{3}[- ]\\d{2}[- ]\\d{4}(?![\\w-])"), 0, "[ID]"),
            // labelled identifiers: the label stays, the value goes (digit groups separated by single spaces included)
            new Rule(Pattern.compile("\\b(?:MRN|MR\\s*#|medical\\s+record(?:\\s+number)?|patient\\s+id|pt\\s+id|accession(?:\\s+number)?|acc|accn"
                    + "|order(?:\\s+number)?|requisition|req|visit(?:\\s+number)?|encounter|account|acct|billing|FIN|CSN|HAR|ssn"
                    + "|social\\s+security(?:\\s+number)?|member(?:\\s+id)?|policy|claim|subscriber|beneficiary|insurance(?:\\s+id)?"
                    + "|health\\s+plan|(?:driver'?s\\s+)?licen[cs]e|NPI|DEA|serial(?:\\s+number)?|S/N|SN|device\\s+id|VIN|plate|certificate|case|exam\\s+(?:id|number)|id)"
                    + "\\h*(?:#|no\\.?|number|num)?\\h*[:#=]?\\h*(?=[A-Z\\-/]*\\d)([A-Z0-9][A-Z0-9\\-/]{2,}(?:\\s\\d{3,}(?![\\d.]))*)", Pattern.CASE_INSENSITIVE), 1, "[ID]"),
            // phone, fax and pager numbers: (555) 123-4567, 555-123-4567, 1-800-555-1212, +49 30 1234567, ext.
            new Rule(Pattern.compile("(?<![\\w.])" + PHONE_DIGITS + "(?:\\s*(?:ext\\.?|x)\\s*\\d{1,5})?(?!\\w|\\.\\d)"), 0, "[PHONE]"),
            // local seven-digit numbers (555-0147)
            new Rule(Pattern.compile("(?<![\\w.\\-])\\d{3}[-.]\\d{4}(?![\\w\\-]|\\.\\d)"), 0, "[PHONE]"),
            // short numbers after a phone label (pager 4521, ext 3344, fax: 5551234)
            new Rule(Pattern.compile("\\b(?:phone|tel|telephone|fax|pager|beeper|(?:cell|mobile)(?:\\s+phone|\\s*:)|ext|extension|call\\s+back)\\.?"
                    + "\\h*(?:#|no\\.?|number)?\\h*[:#]?\\h*(\\+?\\d[\\d()\\- ]{2,}\\d)(?!\\w|\\.\\d)", Pattern.CASE_INSENSITIVE), 1, "[PHONE]"),
            // street addresses with optional unit, city, state and ZIP; PO boxes; City, ST ZIP; labelled ZIP codes and addresses
            new Rule(Pattern.compile("(?<![\\w.])" + STREET + "(?:,?\\s+" + UNIT + ")?" + CITY_STATE_ZIP), 0, "[ADDRESS]"),
            new Rule(Pattern.compile("\\b(?i:P\\.?\\s?O\\.?\\s*Box|Post\\s+Office\\s+Box)\\s*#?\\s*\\d+" + CITY_STATE_ZIP), 0, "[ADDRESS]"),
            new Rule(Pattern.compile("\\b" + CITY + ",?\\s+" + STATE + "\\.?,?\\s+" + ZIP + "\\b"), 0, "[ADDRESS]"),
            new Rule(Pattern.compile("\\b(?:zip|zip\\s*code|postal\\s+code)\\s*:?\\s*(" + ZIP + ")\\b", Pattern.CASE_INSENSITIVE), 1, "[ADDRESS]"),
            new Rule(Pattern.compile("\\b(?:(?:home\\s+|mailing\\s+|street\\s+)?address|addr\\.?|lives\\s+at|resides\\s+at)\\h*:?\\h*([^\\n;]*[^\\s.;])",
                    Pattern.CASE_INSENSITIVE), 1, "[ADDRESS]"),
            // dates: 03/12/2024, 3-12-24, 2024-03-12, 2024/03/12, 20240312, March 12, 2024, 12 March 2024, March 2024
            new Rule(Pattern.compile("\\b\\d{1,2}[/.-]\\d{1,2}[/.-](?:\\d{4}|\\d{2})\\b"), 0, "[DATE]"),
            new Rule(Pattern.compile("\\b(?:19|20)\\d{2}[/.-]\\d{1,2}[/.-]\\d{1,2}\\b"), 0, "[DATE]"),
            new Rule(Pattern.compile("\\b(?:19|20)\\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\\d|3[01])\\b"), 0, "[DATE]"),
            new Rule(Pattern.compile("\\b" + MONTH + "\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+(?:19|20)\\d{2}\\b"), 0, "[DATE]"),
            new Rule(Pattern.compile("\\b\\d{1,2}(?:st|nd|rd|th)?\\s+(?:of\\s+)?" + MONTH + ",?\\s+(?:19|20)\\d{2}\\b"), 0, "[DATE]"),
            new Rule(Pattern.compile("\\b" + MONTH + ",?\\s+(?:19|20)\\d{2}\\b"), 0, "[DATE]"),
            new Rule(Pattern.compile("\\b" + MONTH + "\\s+\\d{1,2}(?:st|nd|rd|th)?\\b(?!\\s*(?:mm|cm|x)\\b)"), 0, "[DATE]"),
            // long numbers are identifiers (measurements and counts in reports are short)
            new Rule(Pattern.compile("\\b[A-Z]{0,4}\\d{6,}[A-Z]{0,2}\\b"), 0, "[ID]"),
            // ages over 89 (Safe Harbor groups them as 90 or older): 93-year-old, 95 yo, 92 y.o., age 97, aged 101, 91F, 90s
            new Rule(Pattern.compile("\\b(?:9\\d|1[0-4]\\d)(?=[\\s-]*(?:years?|yrs?|y/?o|y\\.o\\.?|yo|y)\\b)", Pattern.CASE_INSENSITIVE), 0, "[AGE>89]"),
            new Rule(Pattern.compile("\\b(?:age|aged)\\s*:?\\s*(9\\d|1[0-4]\\d)\\b", Pattern.CASE_INSENSITIVE), 1, "[AGE>89]"),
            new Rule(Pattern.compile("\\b(?:9\\d|1[0-4]\\d)(?=\\s?(?:M|F|male|female|man|woman)\\b)"), 0, "[AGE>89]"),
            new Rule(Pattern.compile("\\b(?:in\\s+(?:his|her|their)\\s+)(?:late\\s+|early\\s+|mid-?)?(9\\d|1[0-4]\\d)s\\b|\\b(?:nonagenarian|centenarian)\\b",
                    Pattern.CASE_INSENSITIVE), 0, "[AGE>89]"),
            // people: titles before, degrees after, and signature / communication phrases
            new Rule(Pattern.compile("\\b(?:Dr\\.?|DR\\.|dr\\.|Doctor|DOCTOR|Prof\\.?|PROF\\.|Professor|PROFESSOR|Mr\\.?|Mrs\\.?|MRS\\.|Ms\\.?|Miss|Nurse)\\h+(" + PERSON + ")"), 1, "[NAME]"),
            new Rule(Pattern.compile("\\b(" + PERSON + "(?:,\\h*" + CASED_NAME_WORD + ")?),?\\h+(?:M\\.?D\\.?|D\\.?O\\.?|Ph\\.?D\\.?|MBBS|FRCR|R\\.?N\\.?|PA-C|NP|RT\\(R\\)|RDMS|RVT)(?![a-zA-Z])"), 1, "[NAME]"),
            new Rule(Pattern.compile("(?i:\\b(?:electronically\\s+)?(?:signed|dictated|transcribed|read|reviewed|verified|approved|interpreted|reported|performed|"
                    + "prepared|authenticated|co-?signed|scanned)\\s+by|\\belectronically\\s+signed(?:\\s+on\\s+\\S+)?"
                    + "|\\b(?:discussed|communicated|called|reviewed|conveyed|relayed)\\s+(?:this\\s+|these\\s+|the\\s+)?(?:findings?\\s+|results?\\s+)?"
                    + "(?:by\\s+(?:phone|telephone)\\s+)?(?:with|to)|\\b(?:notified|paged)"
                    + "|\\b(?:attending|radiologist|physician|resident|fellow|technologist|tech|sonographer|nurse|RN|referring(?:\\s+physician)?"
                    + "|ordering(?:\\s+physician)?|provider|cc)(?:\\s+(?:physician|radiologist))?\\s*:)\\h*:?\\h*(?:Dr\\.?\\h+)?(" + PERSON
                    + "(?:,\\h*" + CASED_NAME_WORD + "(?=\\h*(?:$|[\\n;.]|,?\\h+(?:M\\.?D|D\\.?O|R\\.?N)\\b)))?)", Pattern.MULTILINE), 1, "[NAME]"),
            // a capitalised name after a relation word: "her daughter, Jane Doe", "son Tom", "caregiver: Mrs. Ruth Ames"
            new Rule(Pattern.compile("(?i:\\b(?:" + NameLists.relationWordsPattern() + ")(?:-in-law)?s?)(?:\\h*[,:]\\h*|\\h+)"
                    + "(?:(?:is|was|named)\\h+)?(?:(?:Mr|Mrs|Ms|Miss|Dr)\\.?\\h+)?(" + CASED_PERSON + ")"), 1, "[NAME]"));

    private static final Pattern WORD = Pattern.compile("(?<![\\p{L}\\p{N}'\u2019-])\\p{Lu}[\\p{L}'\u2019-]+(?![\\p{L}\\p{N}])");
    private static final Pattern INITIAL_GAP = Pattern.compile("\\h+(?:\\p{Lu}\\.?\\h+)?");
    private static final Pattern COMMA_GAP = Pattern.compile(",\\h*");

    private final NameLists names;

    public ReportTextScrubber() {
        this(NameLists.shipped());
    }

    public ReportTextScrubber(NameLists names) {
        this.names = names;
    }

    /** Scrubs a report text with what staging knows about its patient and study. */
    public Scrubbed scrub(String text, Known known) {
        List<Replacement> found = new ArrayList<>();
        for (String value : knownValues(known)) {
            Pattern p = Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(value) + "(?![\\p{L}\\p{N}])",
                    Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
            Matcher m = p.matcher(text);
            String tag = value.chars().anyMatch(Character::isDigit) ? "[ID]" : "[NAME]";
            while (m.find()) found.add(new Replacement(m.start(), m.end(), tag));
        }
        for (Rule r : RULES) {
            Matcher m = r.pattern().matcher(text);
            while (m.find()) {
                if (m.start(r.group()) < 0 || m.end(r.group()) <= m.start(r.group())) continue;
                found.add(new Replacement(m.start(r.group()), m.end(r.group()), r.tag()));
            }
        }
        found.addAll(namePairs(text, known));
        found.sort(Comparator.comparingInt(Replacement::start).thenComparing(Comparator.comparingInt(Replacement::end).reversed()));
        List<Replacement> kept = new ArrayList<>();
        int covered = 0;
        for (Replacement r : found) {
            if (r.start() < covered) {
                // overlaps an earlier span: widen that one instead of cutting text twice
                Replacement last = kept.get(kept.size() - 1);
                if (r.end() > last.end()) {
                    kept.set(kept.size() - 1, new Replacement(last.start(), r.end(), last.tag()));
                    covered = r.end();
                }
                continue;
            }
            kept.add(r);
            covered = r.end();
        }
        StringBuilder out = new StringBuilder(text.length());
        int at = 0;
        for (Replacement r : kept) {
            out.append(text, at, r.start()).append(r.tag());
            at = r.end();
        }
        out.append(text, at, text.length());
        return new Scrubbed(out.toString(), List.copyOf(kept));
    }

    /**
     * Capitalised first-name + surname pairs in running text ("Mary Johnson", "Mary J. Johnson", "JOHNSON, MARY"), recognised
     * by the public name lists or by the names of the report's staff; words of {@code not-names.txt} never count. Both words
     * must be written alike (both Title case or both upper case), and a surname right after the pair extends it.
     */
    private List<Replacement> namePairs(String text, Known known) {
        Set<String> staffGiven = new java.util.HashSet<>();
        Set<String> staffFamily = new java.util.HashSet<>();
        if (known != null && known.staffNames() != null) {
            for (String n : known.staffNames()) {
                if (n == null) continue;
                String[] parts = n.split("\\^", -1);
                addWords(staffFamily, parts[0]);
                for (int i = 1; i < parts.length; i++) addWords(staffGiven, parts[i]);
            }
        }
        List<int[]> words = new ArrayList<>();
        Matcher m = WORD.matcher(text);
        while (m.find()) words.add(new int[] {m.start(), m.end()});
        List<Replacement> out = new ArrayList<>();
        for (int i = 0; i + 1 < words.size(); i++) {
            int[] a = words.get(i), b = words.get(i + 1);
            String wa = text.substring(a[0], a[1]), wb = text.substring(b[0], b[1]);
            if (!sameCase(wa, wb) || names.notAName(wa) || names.notAName(wb)) continue;
            String gap = text.substring(a[1], b[0]);
            boolean given = names.isFirstName(wa) || staffGiven.contains(key(wa));
            boolean family = names.isSurname(wb) || staffFamily.contains(key(wb));
            boolean spaced = INITIAL_GAP.matcher(gap).matches() || gap.isEmpty();
            boolean reversed = COMMA_GAP.matcher(gap).matches() && (names.isSurname(wa) || staffFamily.contains(key(wa)))
                    && (names.isFirstName(wb) || staffGiven.contains(key(wb)));
            if (!(spaced && given && family) && !reversed) continue;
            int end = b[1];
            int j = i + 2;
            if (spaced && j < words.size()) {
                int[] c = words.get(j);
                String wc = text.substring(c[0], c[1]);
                if (text.substring(b[1], c[0]).matches("\\h+") && sameCase(wb, wc) && !names.notAName(wc)
                        && (names.isSurname(wc) || staffFamily.contains(key(wc)))) {
                    end = c[1];
                    j++;
                }
            }
            out.add(new Replacement(a[0], end, "[NAME]"));
            i = j - 1;
        }
        // a staff member's family name stands alone too ("Liskov agrees"), when capitalised
        for (int[] w : words) {
            String word = text.substring(w[0], w[1]);
            if (word.length() >= 3 && staffFamily.contains(key(word))) out.add(new Replacement(w[0], w[1], "[NAME]"));
        }
        return out;
    }

    private static String key(String word) {
        return word.toUpperCase(Locale.ROOT);
    }

    private static void addWords(Set<String> into, String part) {
        for (String w : part.split("[\\s,]+")) {
            String k = w.replace(".", "").trim();
            if (k.length() >= 2 && !TITLES.contains(k.toLowerCase(Locale.ROOT))) into.add(key(k));
        }
    }

    private static boolean sameCase(String a, String b) {
        boolean upperA = a.equals(key(a)) && a.length() > 1, upperB = b.equals(key(b)) && b.length() > 1;
        return upperA == upperB;
    }

    /** Name parts of at least two letters and identifiers of at least three characters, longest first. */
    private static List<String> knownValues(Known k) {
        Set<String> values = new LinkedHashSet<>();
        if (k != null) {
            if (k.patientName() != null) {
                for (String part : k.patientName().split("[\\^=,\\s]+")) {
                    String p = part.trim();
                    // single letters and titles would remove ordinary words
                    if (p.length() >= 2 && !TITLES.contains(p.toLowerCase(Locale.ROOT).replace(".", ""))) values.add(p);
                }
            }
            addId(values, k.patientId());
            addId(values, k.accessionNumber());
            if (k.otherIdentifiers() != null) k.otherIdentifiers().forEach(v -> addId(values, v));
        }
        List<String> sorted = new ArrayList<>(values);
        sorted.sort(Comparator.comparingInt(String::length).reversed());
        return sorted;
    }

    private static final Set<String> TITLES = Set.of("mr", "mrs", "ms", "miss", "dr", "prof", "jr", "sr", "ii", "iii", "iv", "md", "phd");

    private static void addId(Set<String> values, String v) {
        if (v != null && v.trim().length() >= 3) values.add(v.trim());
    }
}
