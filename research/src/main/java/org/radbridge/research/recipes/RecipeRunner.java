package org.radbridge.research.recipes;

import org.radbridge.research.governance.SmallCells;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Runs a recipe and returns its table as text cells, suppressing small counts when asked. */
public final class RecipeRunner {
    private RecipeRunner() {}

    public record Table(List<String> columns, List<List<String>> rows) {}

    /** @param cells null for the full table (row-level recipes); else counts below its threshold are hidden */
    public static Table run(Connection c, Recipe recipe, SmallCells cells) throws SQLException {
        if (cells != null && recipe.countColumns().isEmpty()) {
            throw new IllegalArgumentException("recipe " + recipe.name() + " lists rows, not counts: it cannot be suppressed into an aggregate");
        }
        List<String> columns = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(recipe.sql())) {
            ResultSetMetaData md = rs.getMetaData();
            for (int i = 1; i <= md.getColumnCount(); i++) columns.add(md.getColumnLabel(i));
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                boolean hidden = false;
                for (int i = 1; i <= columns.size(); i++) {
                    String v = rs.getString(i);
                    if (cells != null && v != null && recipe.countColumns().contains(columns.get(i - 1))) {
                        String shown = cells.cell(Long.parseLong(v));
                        hidden |= !shown.equals(v);
                        v = shown;
                    }
                    row.add(v == null ? "" : v);
                }
                if (hidden) {
                    for (int i = 0; i < columns.size(); i++) if (recipe.derivedColumns().contains(columns.get(i))) row.set(i, "");
                }
                rows.add(row);
            }
        }
        return new Table(columns, rows);
    }
}
