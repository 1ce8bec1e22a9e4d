package org.radbridge.mappings;

import org.radbridge.terminology.CsvReader;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The rules of one rules file, tried in the order of their {@code order} column. What validation
 * checks: the pattern compiles, the replacement is valid for it, the rule has an example, the
 * pattern matches the example, and the rule still fires on the example after the earlier rules
 * have rewritten it (otherwise an earlier rule shadows it and it can never match what it was meant for).
 */
record RuleSet(List<Rule> rules) {
    static final List<String> COLUMNS = List.of("order", "pattern", "replacement", "example", "comment");

    String apply(String value) {
        String s = value;
        for (Rule r : rules) s = r.apply(s);
        return s;
    }

    static RuleSet read(String file, CsvReader.Table t, List<String> errors) {
        List<Rule> rules = new ArrayList<>();
        Map<Integer, String> orders = new HashMap<>();
        for (CsvReader.Row row : t.checkedRows(file, COLUMNS, errors)) {
            String where = file + ":" + row.line();
            int before = errors.size();
            int order = 0;
            try {
                order = Integer.parseInt(row.get("order"));
                String other = orders.putIfAbsent(order, where);
                if (other != null) errors.add(where + ": order " + order + " is used twice (also " + other + ")");
            } catch (NumberFormatException e) {
                errors.add(where + ": order '" + row.get("order") + "' is not a whole number");
            }
            Pattern pattern = null;
            String regex = row.get("pattern");
            if (regex.isEmpty()) {
                errors.add(where + ": empty pattern");
            } else {
                try {
                    pattern = Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
                } catch (PatternSyntaxException e) {
                    errors.add(where + ": pattern '" + regex + "' does not compile: " + e.getDescription()
                            + (e.getIndex() < 0 ? "" : e.getIndex() >= regex.length() ? " at the end of the pattern"
                            : " at position " + (e.getIndex() + 1)));
                }
            }
            // replacement is taken as typed (not trimmed): "" removes the match
            String replacement = row.values().getOrDefault("replacement", "");
            String example = MappingSet.normalise(row.get("example"));
            if (example.isEmpty()) errors.add(where + ": no example: give a value this rule is meant to rewrite");
            if (pattern != null) {
                try {
                    pattern.matcher("").replaceAll(replacement);
                    if (!example.isEmpty()) pattern.matcher(example).replaceAll(replacement);
                } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
                    errors.add(where + ": replacement '" + replacement + "' is not valid for the pattern: " + e.getMessage());
                }
            }
            if (errors.size() > before) continue;
            rules.add(new Rule(order, pattern, replacement, example, row.get("comment"), where));
        }
        rules.sort(Comparator.comparingInt(Rule::order));
        // every rule must fire on its own example once the earlier rules have had their turn
        for (int i = 0; i < rules.size(); i++) {
            Rule rule = rules.get(i);
            String s = rule.example();
            Rule lastChange = null;
            for (int j = 0; j < i; j++) {
                String next = rules.get(j).apply(s);
                if (!next.equals(s)) lastChange = rules.get(j);
                s = next;
            }
            if (rule.matches(s)) continue;
            if (lastChange != null && rule.matches(rule.example())) {
                errors.add(rule.where() + ": rule can never fire on its example '" + rule.example() + "': earlier rule (order "
                        + lastChange.order() + ", " + lastChange.where() + ") already rewrote it to '" + s + "'");
            } else {
                errors.add(rule.where() + ": pattern does not match its own example '" + rule.example() + "'"
                        + (s.equals(rule.example()) ? "" : " (nor '" + s + "', what the earlier rules make of it)"));
            }
        }
        return new RuleSet(List.copyOf(rules));
    }
}
