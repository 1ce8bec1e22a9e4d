package org.radbridge.research.export;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A table of schema omop with its columns in declaration order, read from the database (clinical, vocabulary, imaging). */
public record OmopTable(String name, List<OmopColumn> columns) {
    public static final String SCHEMA = "omop";

    /** Every base table of schema omop, by name. */
    public static List<OmopTable> all(Connection c) throws SQLException {
        Map<String, List<OmopColumn>> tables = new LinkedHashMap<>();
        try (PreparedStatement st = c.prepareStatement(
                "SELECT c.table_name, c.column_name, c.data_type, c.numeric_precision, c.numeric_scale, c.is_nullable "
                        + "FROM information_schema.columns c JOIN information_schema.tables t "
                        + "ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE' "
                        + "WHERE c.table_schema = ? ORDER BY c.table_name, c.ordinal_position")) {
            st.setString(1, SCHEMA);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    Integer precision = (Integer) rs.getObject(4);
                    Integer scale = (Integer) rs.getObject(5);
                    String type = rs.getString(3);
                    // information_schema gives integer columns a precision too: only numeric's is a declaration
                    if (!type.equals("numeric")) {
                        precision = null;
                        scale = null;
                    }
                    tables.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                            .add(new OmopColumn(rs.getString(2), type, precision, scale, "YES".equals(rs.getString(6))));
                }
            }
        }
        List<OmopTable> out = new ArrayList<>();
        tables.forEach((name, cols) -> out.add(new OmopTable(name, List.copyOf(cols))));
        return out;
    }

    /** The query that streams the table; column names come from the catalogue, quoted all the same. */
    String select() {
        StringBuilder b = new StringBuilder("SELECT ");
        for (int i = 0; i < columns.size(); i++) b.append(i == 0 ? "" : ", ").append('"').append(columns.get(i).name()).append('"');
        return b.append(" FROM ").append(SCHEMA).append(".\"").append(name).append('"').toString();
    }
}
