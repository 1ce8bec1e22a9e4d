package org.radbridge.mappings;

import java.util.regex.Pattern;

/**
 * One normalisation rule: every match of {@code pattern} in the (upper-cased) value is replaced by
 * {@code replacement} ($1 ... refer to groups). {@code example} is a value the rule is meant to rewrite;
 * validation runs it through the earlier rules and checks this rule still fires on it.
 */
public record Rule(int order, Pattern pattern, String replacement, String example, String comment, String where) {
    public String apply(String value) {
        return MappingSet.normalise(pattern.matcher(value).replaceAll(replacement));
    }

    public boolean matches(String value) {
        return pattern.matcher(value).find();
    }
}
