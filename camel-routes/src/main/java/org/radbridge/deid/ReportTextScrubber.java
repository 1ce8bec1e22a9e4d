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
 * Removes identifiers from report text before it reaches the research view (OMOP NOTE / NOTE_NLP): the patient's
 * own name parts, patient id, accession number and UIDs (known from staging), and by pattern: DICOM-style UIDs,
 * long numbers and labelled ids (MRN, accession, ...), phone and fax numbers, e-mail addresses, URLs, dates
 * (numeric and written), ages over 89, and names of people after "Dr."/"Doctor", before "MD"/"DO"/"PhD", and after
 * "signed by", "dictated by", "read by", "reviewed by", "discussed with", "attending", "radiologist", "physician".
 *
 * <p>Each removed span is replaced by a bracketed tag ({@code [NAME]}, {@code [ID]}, {@code [DATE]} ...), so the
 * text stays readable; dates are removed rather than shifted because the research view keeps the real study date
 * and a shifted date inside a sentence would contradict it. {@link Scrubbed#map(int)} translates offsets of the
 * original text (NLP mentions) into the scrubbed text, so NOTE_NLP snippets and offsets refer to what NOTE holds.
 *
 * <p>Rules follow the HIPAA Safe Harbor identifier list (45 CFR 164.514(b)(2)) as far as free text allows; street
 * addresses are only caught when they carry a labelled id or a phone number, which is why OMOP stays behind the
 * omop_reader role and is never published as open data.
 */
public final class ReportTextScrubber {

    /** What staging knows about the report's patient and study; any of them may be null. */
    public record Known(String patientName, String patientId, String issuerOfPatientId, String accessionNumber,
                        Collection<String> otherIdentifiers) {}

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

    private static final String NAME_WORD = "[A-Z][a-zA-Z'\\-]+";
    private static final String PERSON = NAME_WORD + "(?:\\s+[A-Z]\\.)?(?:\\s+" + NAME_WORD + "){0,2}";
    private static final String MONTH = "(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|Jun(?:e)?|Jul(?:y)?|Aug(?:ust)?"
            + "|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\.?";

    /** Order matters only for ties: overlapping matches are resolved by earliest start, then longest. */
    private static final List<Rule> RULES = List.of(
            new Rule(Pattern.compile("[\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)+"), 0, "[EMAIL]"),
            new Rule(Pattern.compile("\\b(?:https?://|www\\.)\\S+", Pattern.CASE_INSENSITIVE), 0, "[URL]"),
            // DICOM UIDs and other OIDs: digits with at least three dots
            new Rule(Pattern.compile("\\b\\d+(?:\\.\\d+){3,}\\b"), 0, "[UID]"),
            // labelled identifiers: the label stays, the value goes
            new Rule(Pattern.compile("\\b(?:MRN|MR\\s*#|medical\\s+record(?:\\s+number)?|patient\\s+id|pt\\s+id|accession(?:\\s+number)?|acc"
                    + "|order(?:\\s+number)?|visit(?:\\s+number)?|encounter|account|ssn|social\\s+security(?:\\s+number)?|id)"
                    + "\\s*(?:#|no\\.?|number)?\\s*[:#=]?\\s*(?=[A-Z\\-/]*\\d)([A-Z0-9][A-Z0-9\\-/]{2,})", Pattern.CASE_INSENSITIVE), 1, "[ID]"),
            // phone and fax numbers: (555) 123-4567, 555-123-4567, +49 30 1234567, ext.
            new Rule(Pattern.compile("(?<![\\w.])(?:\\+\\d{1,3}[\\s.-]?)?(?:\\(\\d{2,4}\\)\\s?|\\d{2,4}[\\s.-])\\d{3,4}[\\s.-]\\d{3,4}"
                    + "(?:\\s*(?:ext\\.?|x)\\s*\\d{1,5})?(?![\\w.])"), 0, "[PHONE]"),
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
            // ages over 89 (Safe Harbor groups them as 90 or older)
            new Rule(Pattern.compile("\\b(?:9\\d|1[0-4]\\d)(?=[\\s-]*(?:years?|yrs?|y/?o)\\b)", Pattern.CASE_INSENSITIVE), 0, "[AGE>89]"),
            // people: titles before, degrees after, and signature / communication phrases
            new Rule(Pattern.compile("\\b(?:Dr\\.?|Doctor|Prof\\.?|Professor|Mr\\.?|Mrs\\.?|Ms\\.?|Miss)\\s+(" + PERSON + ")"), 1, "[NAME]"),
            new Rule(Pattern.compile("\\b(" + PERSON + "),?\\s+(?:M\\.?D\\.?|D\\.?O\\.?|Ph\\.?D\\.?|MBBS|FRCR|RN|PA-C|NP)(?![a-zA-Z])"), 1, "[NAME]"),
            new Rule(Pattern.compile("(?i:\\b(?:electronically\\s+)?(?:signed|dictated|transcribed|read|reviewed|verified|approved|interpreted|reported)"
                    + "\\s+by|\\b(?:discussed|communicated|called|reviewed)\\s+(?:this\\s+|these\\s+|the\\s+)?(?:findings?\\s+|results?\\s+)?with"
                    + "|\\b(?:attending|radiologist|physician|resident|fellow|technologist|referring(?:\\s+physician)?|ordering(?:\\s+physician)?)"
                    + "\\s*:)\\s*(?:Dr\\.?\\s+)?(" + PERSON + ")"), 1, "[NAME]"));

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
