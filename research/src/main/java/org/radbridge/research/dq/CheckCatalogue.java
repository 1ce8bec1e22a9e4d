package org.radbridge.research.dq;

import org.radbridge.terminology.CsvReader;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The checks of {@code dq/checks.csv} with their SQL rendered from the templates beside this class. Table, field
 * and referenced names must be plain SQL identifiers and domains a list of names, so a catalogue row cannot
 * smuggle SQL in; only {@code value} of plausibleValueHigh may be an expression (the catalogue is the site's
 * own file, like the mappings).
 */
public final class CheckCatalogue {
    public static final List<String> COLUMNS = List.of("check_id", "check_name", "template", "cdm_table_name", "cdm_field_name", "fk_table",
            "fk_field", "domains", "value", "other_field", "threshold", "severity", "description");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]*");
    private static final Pattern DOMAIN_LIST = Pattern.compile("[A-Za-z][A-Za-z ]*(\\|[A-Za-z][A-Za-z ]*)*");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([a-z_]+)}");

    private final List<DqCheck> checks;
    private final Map<String, String> templates;

    private CheckCatalogue(List<DqCheck> checks, Map<String, String> templates) {
        this.checks = checks;
        this.templates = templates;
    }

    public static CheckCatalogue load(Path file) throws IOException {
        List<String> errors = new ArrayList<>();
        List<DqCheck> checks = new ArrayList<>();
        Map<String, String> templates = new HashMap<>();
        Set<String> ids = new LinkedHashSet<>();
        String name = file.getFileName().toString();
        CsvReader.Table t;
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            t = CsvReader.read(r);
        }
        for (CsvReader.Row row : t.checkedRows(name, COLUMNS, errors)) {
            String where = name + ":" + row.line();
            Double threshold = row.number("threshold", where, errors);
            if (threshold == null) continue;
            String domains = row.get("domains");
            DqCheck c = new DqCheck(row.get("check_id"), row.get("check_name"), row.get("template"), row.get("cdm_table_name"),
                    row.get("cdm_field_name"), row.get("fk_table"), row.get("fk_field"),
                    domains.isEmpty() ? "" : "'" + String.join("', '", domains.split("\\|")) + "'", row.get("value"),
                    row.get("other_field"), threshold, row.get("severity"), row.get("description"));
            if (c.id().isEmpty() || !ids.add(c.id())) errors.add(where + ": check_id '" + c.id() + "' is empty or repeated");
            for (String[] p : new String[][] {{"cdm_table_name", c.table()}, {"cdm_field_name", c.field()}, {"fk_table", c.fkTable()},
                    {"fk_field", c.fkField()}, {"other_field", c.otherField()}}) {
                if (!p[1].isEmpty() && !IDENTIFIER.matcher(p[1]).matches()) errors.add(where + ": " + p[0] + " '" + p[1] + "' is not an SQL name");
            }
            if (!domains.isEmpty() && !DOMAIN_LIST.matcher(domains).matches()) errors.add(where + ": domains must be names separated by |");
            if (!c.value().isEmpty() && !c.value().matches("[0-9-]+") && !c.name().equals("plausibleValueHigh")) {
                errors.add(where + ": value '" + c.value() + "' must be a number or a date");
            }
            String template = templates.computeIfAbsent(c.template(), CheckCatalogue::template);
            if (template == null) {
                errors.add(where + ": no SQL template '" + c.template() + "'");
                templates.remove(c.template());
                continue;
            }
            Matcher m = PLACEHOLDER.matcher(template);
            while (m.find()) {
                String v = c.parameters().get(m.group(1));
                if (v == null || v.isEmpty()) errors.add(where + ": template " + c.template() + " needs " + m.group(1));
            }
            checks.add(c);
        }
        if (!errors.isEmpty()) throw new DqException(errors);
        return new CheckCatalogue(List.copyOf(checks), templates);
    }

    private static String template(String name) {
        if (!IDENTIFIER.matcher(name.replaceAll("[A-Z]", "_")).matches()) return null;
        try (InputStream in = CheckCatalogue.class.getResourceAsStream("templates/" + name + ".sql")) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
    }

    public List<DqCheck> checks() {
        return checks;
    }

    /** The check's SQL: one row of (violating count, denominator count). */
    public String sql(DqCheck c) {
        Matcher m = PLACEHOLDER.matcher(templates.get(c.template()));
        StringBuilder b = new StringBuilder();
        Map<String, String> p = c.parameters();
        while (m.find()) m.appendReplacement(b, Matcher.quoteReplacement(p.get(m.group(1))));
        m.appendTail(b);
        return b.toString();
    }

    /** The same catalogue with the thresholds of an override file applied. */
    public CheckCatalogue with(ThresholdOverrides overrides) {
        List<DqCheck> out = new ArrayList<>();
        for (DqCheck c : checks) out.add(overrides.threshold(c).map(c::withThreshold).orElse(c));
        return new CheckCatalogue(List.copyOf(out), templates);
    }
}
