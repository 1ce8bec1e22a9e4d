package org.radbridge.research.cohort;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a cohort definition file (YAML, format in sql/cohorts/README.md). Works on SnakeYAML's node tree rather than
 * on plain maps so that every error names the line of the offending key. Unknown keys, wrong types and impossible
 * ranges are errors; codes are checked later, against the vocabulary ({@link CohortCompiler}).
 */
public final class CohortDefinitionParser {
    static final Set<String> TOP_KEYS = Set.of("name", "description", "modality", "body_site", "procedure", "age", "sex", "date",
            "findings", "measurements", "exclude_qc_failures", "occurrence", "follow_up", "labels");
    private static final Set<String> SET_KEYS = Set.of("vocabulary", "codes", "descendants", "mapped", "exclude", "atlas");
    private static final Set<String> ITEM_KEYS = Set.of("vocabulary", "code", "concept_id", "descendants", "mapped", "exclude");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String file;
    private final Path baseDir;

    private CohortDefinitionParser(String file, Path baseDir) {
        this.file = file;
        this.baseDir = baseDir;
    }

    public static CohortDefinition parse(Path path) throws CohortDefinitionException {
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CohortDefinitionException(path.toString(), 0, null, "cannot read: " + e.getMessage());
        }
        String defaultName = path.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        return parse(path.toString(), text, path.toAbsolutePath().getParent(), defaultName);
    }

    public static CohortDefinition parse(String file, String text, Path baseDir, String defaultName) throws CohortDefinitionException {
        return new CohortDefinitionParser(file, baseDir).read(text, defaultName);
    }

    private CohortDefinition read(String text, String defaultName) throws CohortDefinitionException {
        Node root;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            root = new Yaml(options).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            throw new CohortDefinitionException(file, line, null, "YAML syntax error: " + e.getProblem());
        } catch (YAMLException e) {
            throw new CohortDefinitionException(file, 0, null, "YAML syntax error: " + e.getMessage());
        }
        if (root == null) throw new CohortDefinitionException(file, 1, null, "empty cohort definition");
        Map<String, NodeTuple> top = mapping(root, "(top level)", TOP_KEYS);

        String name = top.containsKey("name") ? string(top.get("name"), "name") : defaultName;
        if (name.isBlank() || name.length() > 255) throw error(top.get("name").getKeyNode(), "name", "must be 1 to 255 characters");
        String description = top.containsKey("description") ? string(top.get("description"), "description") : null;
        ConceptSetSpec modality = top.containsKey("modality") ? conceptSet(top.get("modality"), "modality", "DICOM", false) : null;
        ConceptSetSpec bodySite = top.containsKey("body_site") ? conceptSet(top.get("body_site"), "body_site", "SNOMED", false) : null;
        ConceptSetSpec procedure = top.containsKey("procedure") ? conceptSet(top.get("procedure"), "procedure", "LOINC", false) : null;

        CohortDefinition.Range age = null;
        if (top.containsKey("age")) age = range(top.get("age"), "age", "min", "max", 0, 150);

        List<String> sexes = List.of();
        int sexLine = 0;
        if (top.containsKey("sex")) {
            NodeTuple t = top.get("sex");
            sexLine = line(t.getKeyNode());
            sexes = new ArrayList<>();
            for (ScalarNode s : scalars(t.getValueNode(), "sex")) {
                String v = s.getValue().trim().toUpperCase(Locale.ROOT);
                if (!v.equals("M") && !v.equals("F")) throw error(s, "sex", "'" + s.getValue() + "' is not M or F (OMOP Gender vocabulary)");
                sexes.add(v);
            }
        }

        LocalDate from = null;
        LocalDate to = null;
        if (top.containsKey("date")) {
            Map<String, NodeTuple> d = mapping(top.get("date").getValueNode(), "date", Set.of("from", "to"));
            if (d.containsKey("from")) from = date(d.get("from"), "date.from");
            if (d.containsKey("to")) to = date(d.get("to"), "date.to");
            if (from != null && to != null && to.isBefore(from)) {
                throw error(d.get("to").getKeyNode(), "date.to", "impossible range: " + to + " is before date.from " + from);
            }
        }

        List<CohortDefinition.Finding> findings = new ArrayList<>();
        if (top.containsKey("findings")) {
            List<Node> items = sequence(top.get("findings").getValueNode(), "findings");
            for (int i = 0; i < items.size(); i++) {
                String key = "findings[" + i + "]";
                Map<String, NodeTuple> f = mapping(items.get(i), key, Set.of("concepts", "status"));
                if (!f.containsKey("concepts")) throw error(items.get(i), key, "missing key 'concepts'");
                CohortDefinition.FindingStatus status = CohortDefinition.FindingStatus.PRESENT;
                if (f.containsKey("status")) {
                    String v = string(f.get("status"), key + ".status");
                    try {
                        status = CohortDefinition.FindingStatus.valueOf(v.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
                    } catch (IllegalArgumentException e) {
                        throw error(f.get("status").getValueNode(), key + ".status", "'" + v + "' is not one of present, absent, uncertain, not_present");
                    }
                }
                findings.add(new CohortDefinition.Finding(conceptSet(f.get("concepts"), key + ".concepts", "SNOMED", true), status, line(items.get(i))));
            }
        }

        List<CohortDefinition.MeasurementCriterion> measurements = new ArrayList<>();
        if (top.containsKey("measurements")) {
            List<Node> items = sequence(top.get("measurements").getValueNode(), "measurements");
            for (int i = 0; i < items.size(); i++) {
                String key = "measurements[" + i + "]";
                Map<String, NodeTuple> m = mapping(items.get(i), key, Set.of("finding", "min_mm", "max_mm"));
                if (!m.containsKey("finding")) throw error(items.get(i), key, "missing key 'finding'");
                if (!m.containsKey("min_mm") && !m.containsKey("max_mm")) throw error(items.get(i), key, "needs min_mm or max_mm");
                Double min = m.containsKey("min_mm") ? number(m.get("min_mm"), key + ".min_mm", 0, 10_000) : null;
                Double max = m.containsKey("max_mm") ? number(m.get("max_mm"), key + ".max_mm", 0, 10_000) : null;
                if (min != null && max != null && max < min) {
                    throw error(m.get("max_mm").getKeyNode(), key + ".max_mm", "impossible range: " + max + " < min_mm " + min);
                }
                measurements.add(new CohortDefinition.MeasurementCriterion(conceptSet(m.get("finding"), key + ".finding", "SNOMED", true),
                        new CohortDefinition.Range(min, max), line(items.get(i))));
            }
        }

        List<String> qc = new ArrayList<>();
        if (top.containsKey("exclude_qc_failures")) {
            for (ScalarNode s : scalars(top.get("exclude_qc_failures").getValueNode(), "exclude_qc_failures")) {
                if (!s.getValue().matches("[A-Za-z0-9_.-]{1,64}")) throw error(s, "exclude_qc_failures", "'" + s.getValue() + "' is not a QC rule id");
                qc.add(s.getValue());
            }
        }

        CohortDefinition.Occurrence occurrence = CohortDefinition.Occurrence.ALL;
        if (top.containsKey("occurrence")) {
            String v = string(top.get("occurrence"), "occurrence").trim().toLowerCase(Locale.ROOT);
            if (v.equals("first")) occurrence = CohortDefinition.Occurrence.FIRST;
            else if (!v.equals("all")) throw error(top.get("occurrence").getValueNode(), "occurrence", "'" + v + "' is not first or all");
        }

        CohortDefinition.FollowUp followUp = null;
        if (top.containsKey("follow_up")) {
            Map<String, NodeTuple> f = mapping(top.get("follow_up").getValueNode(), "follow_up", Set.of("within_months", "min_days"));
            if (!f.containsKey("within_months")) throw error(top.get("follow_up").getKeyNode(), "follow_up", "missing key 'within_months'");
            double months = number(f.get("within_months"), "follow_up.within_months", 1, 1200);
            double minDays = f.containsKey("min_days") ? number(f.get("min_days"), "follow_up.min_days", 1, 36500) : 1;
            if (months != Math.rint(months)) throw error(f.get("within_months").getValueNode(), "follow_up.within_months", "must be a whole number of months");
            if (minDays > months * 31) throw error(f.get("min_days").getValueNode(), "follow_up.min_days", "impossible range: longer than within_months");
            followUp = new CohortDefinition.FollowUp((int) months, (int) minDays);
        }

        String labels = "chexpert";
        if (top.containsKey("labels")) {
            labels = string(top.get("labels"), "labels").trim();
            if (!labels.matches("[A-Za-z0-9_.-]{1,64}")) throw error(top.get("labels").getValueNode(), "labels", "'" + labels + "' is not a label-set name");
        }

        return new CohortDefinition(name, description, file, text, modality, bodySite, procedure, age, List.copyOf(sexes), sexLine, from, to,
                List.copyOf(findings), List.copyOf(measurements), List.copyOf(qc), occurrence, followUp, labels);
    }

    // ---- concept sets

    private ConceptSetSpec conceptSet(NodeTuple t, String key, String defaultVocabulary, boolean defaultDescendants) throws CohortDefinitionException {
        Node v = t.getValueNode();
        int line = line(t.getKeyNode());
        List<ConceptSetSpec.Item> items = new ArrayList<>();
        if (v instanceof ScalarNode s) {
            items.add(item(s, defaultVocabulary, defaultDescendants, false, false, key));
        } else if (v instanceof SequenceNode seq) {
            for (Node n : seq.getValue()) items.add(itemNode(n, key, defaultVocabulary, defaultDescendants));
        } else {
            Map<String, NodeTuple> m = mapping(v, key, SET_KEYS);
            if (m.containsKey("atlas")) {
                if (m.size() > 1) throw error(v, key, "'atlas' stands alone: the export says vocabulary, descendants and exclusions per item");
                return atlas(m.get("atlas"), key);
            }
            String vocabulary = m.containsKey("vocabulary") ? string(m.get("vocabulary"), key + ".vocabulary") : defaultVocabulary;
            boolean descendants = m.containsKey("descendants") ? bool(m.get("descendants"), key + ".descendants") : defaultDescendants;
            boolean mapped = m.containsKey("mapped") && bool(m.get("mapped"), key + ".mapped");
            if (!m.containsKey("codes")) throw error(v, key, "missing key 'codes'");
            for (ScalarNode s : scalars(m.get("codes").getValueNode(), key + ".codes")) items.add(item(s, vocabulary, descendants, mapped, false, key));
            if (m.containsKey("exclude")) {
                for (ScalarNode s : scalars(m.get("exclude").getValueNode(), key + ".exclude")) items.add(item(s, vocabulary, descendants, false, true, key));
            }
        }
        if (items.stream().noneMatch(i -> !i.excluded())) throw error(t.getKeyNode(), key, "the concept set includes no concept");
        return new ConceptSetSpec(key, line, List.copyOf(items));
    }

    private ConceptSetSpec.Item itemNode(Node n, String key, String defaultVocabulary, boolean defaultDescendants) throws CohortDefinitionException {
        if (n instanceof ScalarNode s) return item(s, defaultVocabulary, defaultDescendants, false, false, key);
        Map<String, NodeTuple> m = mapping(n, key + "[]", ITEM_KEYS);
        String vocabulary = m.containsKey("vocabulary") ? string(m.get("vocabulary"), key + ".vocabulary") : defaultVocabulary;
        boolean descendants = m.containsKey("descendants") ? bool(m.get("descendants"), key + ".descendants") : defaultDescendants;
        boolean mapped = m.containsKey("mapped") && bool(m.get("mapped"), key + ".mapped");
        boolean exclude = m.containsKey("exclude") && bool(m.get("exclude"), key + ".exclude");
        if (m.containsKey("concept_id") == m.containsKey("code")) throw error(n, key, "an item needs either 'code' or 'concept_id'");
        if (m.containsKey("concept_id")) {
            double id = number(m.get("concept_id"), key + ".concept_id", 0, Integer.MAX_VALUE);
            return new ConceptSetSpec.Item((int) id, null, null, descendants, mapped, exclude, line(n));
        }
        ScalarNode code = (ScalarNode) m.get("code").getValueNode();
        return new ConceptSetSpec.Item(null, vocabulary, code.getValue().trim(), descendants, mapped, exclude, line(code));
    }

    private ConceptSetSpec.Item item(ScalarNode s, String vocabulary, boolean descendants, boolean mapped, boolean excluded, String key)
            throws CohortDefinitionException {
        String code = s.getValue().trim();
        if (code.isEmpty() || code.length() > 50) throw error(s, key, "'" + code + "' is not a concept code");
        return new ConceptSetSpec.Item(null, vocabulary, code, descendants, mapped, excluded, line(s));
    }

    /** An OHDSI ATLAS concept-set export: {"items":[{"concept":{"CONCEPT_ID":..},"isExcluded":..,"includeDescendants":..,"includeMapped":..}]}. */
    private ConceptSetSpec atlas(NodeTuple t, String key) throws CohortDefinitionException {
        String ref = string(t, key + ".atlas");
        Path p = baseDir == null ? Path.of(ref) : baseDir.resolve(ref);
        JsonNode json;
        try {
            json = JSON.readTree(p.toFile());
        } catch (IOException e) {
            throw error(t.getValueNode(), key + ".atlas", "cannot read ATLAS concept set " + p + ": " + e.getMessage());
        }
        JsonNode items = json.has("expression") ? json.path("expression").path("items") : json.path("items");
        if (!items.isArray() || items.isEmpty()) throw error(t.getValueNode(), key + ".atlas", p + " has no 'items' (an ATLAS concept-set export)");
        List<ConceptSetSpec.Item> out = new ArrayList<>();
        int line = line(t.getValueNode());
        for (JsonNode i : items) {
            JsonNode c = i.path("concept");
            Integer id = c.hasNonNull("CONCEPT_ID") ? c.get("CONCEPT_ID").asInt() : null;
            String vocabulary = c.path("VOCABULARY_ID").asText(null);
            String code = c.path("CONCEPT_CODE").asText(null);
            if (id == null && (vocabulary == null || code == null)) {
                throw error(t.getValueNode(), key + ".atlas", p + ": an item has neither CONCEPT_ID nor VOCABULARY_ID + CONCEPT_CODE");
            }
            out.add(new ConceptSetSpec.Item(id, vocabulary, code, i.path("includeDescendants").asBoolean(false),
                    i.path("includeMapped").asBoolean(false), i.path("isExcluded").asBoolean(false), line));
        }
        if (out.stream().noneMatch(i -> !i.excluded())) throw error(t.getValueNode(), key + ".atlas", "the concept set includes no concept");
        return new ConceptSetSpec(key, line(t.getKeyNode()), List.copyOf(out));
    }

    // ---- node helpers

    private Map<String, NodeTuple> mapping(Node n, String key, Set<String> allowed) throws CohortDefinitionException {
        if (!(n instanceof MappingNode m)) throw error(n, key, "expected a mapping (key: value lines)");
        Map<String, NodeTuple> out = new LinkedHashMap<>();
        for (NodeTuple t : m.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode k)) throw error(t.getKeyNode(), key, "keys must be plain words");
            String name = k.getValue();
            String full = key.equals("(top level)") ? name : key + "." + name;
            if (!allowed.contains(name)) {
                throw error(k, full, "unknown key '" + name + "' (allowed: " + String.join(", ", allowed.stream().sorted().toList()) + ")");
            }
            out.put(name, t);
        }
        return out;
    }

    private List<Node> sequence(Node n, String key) throws CohortDefinitionException {
        if (!(n instanceof SequenceNode s)) throw error(n, key, "expected a list");
        return s.getValue();
    }

    private List<ScalarNode> scalars(Node n, String key) throws CohortDefinitionException {
        if (n instanceof ScalarNode s) return List.of(s);
        List<ScalarNode> out = new ArrayList<>();
        for (Node i : sequence(n, key)) {
            if (!(i instanceof ScalarNode s)) throw error(i, key, "expected a plain value");
            out.add(s);
        }
        if (out.isEmpty()) throw error(n, key, "empty list");
        return out;
    }

    private String string(NodeTuple t, String key) throws CohortDefinitionException {
        if (!(t.getValueNode() instanceof ScalarNode s)) throw error(t.getValueNode(), key, "expected a plain value");
        return s.getValue();
    }

    private boolean bool(NodeTuple t, String key) throws CohortDefinitionException {
        String v = string(t, key).trim().toLowerCase(Locale.ROOT);
        if (v.equals("true") || v.equals("yes")) return true;
        if (v.equals("false") || v.equals("no")) return false;
        throw error(t.getValueNode(), key, "'" + v + "' is not true or false");
    }

    private double number(NodeTuple t, String key, double min, double max) throws CohortDefinitionException {
        String v = string(t, key).trim();
        double d;
        try {
            d = Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw error(t.getValueNode(), key, "'" + v + "' is not a number");
        }
        if (Double.isNaN(d) || d < min || d > max) throw error(t.getValueNode(), key, "impossible value " + v + " (allowed " + fmt(min) + " to " + fmt(max) + ")");
        return d;
    }

    private CohortDefinition.Range range(NodeTuple t, String key, String minKey, String maxKey, double lo, double hi) throws CohortDefinitionException {
        Map<String, NodeTuple> m = mapping(t.getValueNode(), key, Set.of(minKey, maxKey));
        if (m.isEmpty()) throw error(t.getKeyNode(), key, "needs " + minKey + " or " + maxKey);
        Double min = m.containsKey(minKey) ? number(m.get(minKey), key + "." + minKey, lo, hi) : null;
        Double max = m.containsKey(maxKey) ? number(m.get(maxKey), key + "." + maxKey, lo, hi) : null;
        if (min != null && max != null && max < min) {
            throw error(m.get(maxKey).getKeyNode(), key + "." + maxKey, "impossible range: " + fmt(max) + " < " + minKey + " " + fmt(min));
        }
        return new CohortDefinition.Range(min, max);
    }

    private LocalDate date(NodeTuple t, String key) throws CohortDefinitionException {
        String v = string(t, key).trim();
        try {
            return LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            throw error(t.getValueNode(), key, "'" + v + "' is not a date (YYYY-MM-DD)");
        }
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }

    private static int line(Node n) {
        return n.getStartMark() == null ? 0 : n.getStartMark().getLine() + 1;
    }

    private CohortDefinitionException error(Node n, String key, String message) {
        return new CohortDefinitionException(file, line(n), key, message);
    }
}
