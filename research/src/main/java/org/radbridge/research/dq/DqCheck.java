package org.radbridge.research.dq;

import java.util.Map;

/**
 * One check of the catalogue ({@code dq/checks.csv}): a SQL template ({@code templates/NAME.sql}) applied to a
 * table and field, counting violating rows against a denominator; it fails when the violating share exceeds
 * {@code threshold} percent (0: any violating row fails it).
 */
public record DqCheck(String id, String name, String template, String table, String field, String fkTable, String fkField,
                      String domains, String value, String otherField, double threshold, String severity, String description) {

    /** The placeholders of the templates, ${name}. */
    Map<String, String> parameters() {
        return Map.of("table", table, "field", field, "fk_table", fkTable, "fk_field", fkField, "domains", domains,
                "value", value, "other_field", otherField);
    }

    DqCheck withThreshold(double t) {
        return new DqCheck(id, name, template, table, field, fkTable, fkField, domains, value, otherField, t, severity, description);
    }
}
