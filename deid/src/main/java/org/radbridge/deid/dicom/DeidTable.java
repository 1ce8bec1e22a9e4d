package org.radbridge.deid.dicom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * DICOM PS3.15 Table E.1-1 as data ({@code deid/ps315-table-e1-1.json}): per attribute, the Basic Profile action and
 * the action of each option that changes it. Rows with a tag pattern ({@code (50XX,XXXX)}, {@code (60XX,3000)}) match
 * every repeating group; the private-attribute row matches odd groups.
 */
public final class DeidTable {
    public static final String RESOURCE = "deid/ps315-table-e1-1.json";
    private static final Pattern TAG = Pattern.compile("\\(([0-9A-Fa-fXx]{4}),([0-9A-Fa-fXx]{4})\\)");

    /** One row: tag as written in the table, name, basic action, option id to action. */
    public record Row(String tag, String name, String basic, Map<String, String> options) {}

    private record PatternRow(int mask, int value, Row row) {}

    private final String revision;
    private final Map<Integer, Row> exact = new HashMap<>();
    private final List<PatternRow> patterns = new ArrayList<>();
    private Row privateRow;
    private final List<Row> rows = new ArrayList<>();

    private DeidTable(JsonNode root) {
        this.revision = root.path("revision").asText();
        for (JsonNode r : root.get("attributes")) {
            Map<String, String> options = new LinkedHashMap<>();
            r.path("options").fields().forEachRemaining(f -> options.put(f.getKey(), f.getValue().asText()));
            Row row = new Row(r.get("tag").asText(), r.get("name").asText(), r.get("basic").asText(), Map.copyOf(options));
            rows.add(row);
            if (row.tag().contains("GGGG")) {
                privateRow = row;
                continue;
            }
            Matcher m = TAG.matcher(row.tag());
            if (!m.find()) throw new IllegalArgumentException(RESOURCE + ": cannot read the tag " + row.tag());
            String hex = m.group(1) + m.group(2);
            if (hex.toUpperCase().contains("X")) {
                int mask = 0, value = 0;
                for (char c : hex.toCharArray()) {
                    mask <<= 4;
                    value <<= 4;
                    if (c != 'x' && c != 'X') {
                        mask |= 0xF;
                        value |= Character.digit(c, 16);
                    }
                }
                patterns.add(new PatternRow(mask, value, row));
            } else {
                exact.put((int) Long.parseLong(hex, 16), row);
            }
        }
    }

    public static DeidTable shipped() {
        try (InputStream in = DeidTable.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException("missing class-path resource " + RESOURCE);
            return new DeidTable(new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + RESOURCE, e);
        }
    }

    public String revision() {
        return revision;
    }

    public List<Row> rows() {
        return List.copyOf(rows);
    }

    /** The row for a standard (even group) attribute, or null when the table does not list it. */
    public Row row(int group, int element) {
        Row r = exact.get((group << 16) | element);
        if (r != null) return r;
        int tag = (group << 16) | element;
        for (PatternRow p : patterns) if ((tag & p.mask()) == p.value()) return p.row();
        return null;
    }

    /** The row for private attributes, (GGGG,EEEE) where GGGG is odd. */
    public Row privateRow() {
        return privateRow;
    }
}
