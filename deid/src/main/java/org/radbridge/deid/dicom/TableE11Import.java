package org.radbridge.deid.dicom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;

/**
 * Writes RadBridge's action table ({@code deid/src/main/resources/deid/ps315-table-e1-1.json}) from a machine-readable
 * transcription of DICOM PS3.15 Table E.1-1 in the column layout of innolitics' dicom-standard JSON (one object per
 * attribute with {@code tag}, {@code name}, {@code basicProfile} and one key per option column). The table's content is
 * the DICOM Standard's; the file written keeps only the standard's facts (tag, name, basic action, option actions) in
 * our own layout, options named as in {@code deid/options.json}.
 * Usage: {@code java -cp ... org.radbridge.deid.dicom.TableE11Import SOURCE.json REVISION OUT.json}.
 */
public final class TableE11Import {
    private TableE11Import() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: TableE11Import SOURCE.json REVISION OUT.json");
            System.exit(2);
        }
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        JsonNode source = json.readTree(Path.of(args[0]).toFile());
        Map<String, DeidOption> byColumn = DeidOption.byTableColumn();
        ObjectNode out = json.createObjectNode();
        out.put("table", "DICOM PS3.15 Table E.1-1, Application Level Confidentiality Profile Attributes");
        out.put("revision", args[1]);
        out.put("note", "Actions: X remove, Z zero-length or dummy, D dummy, K keep, C clean, U replace UID; combined codes "
                + "(X/Z, X/D, Z/D, X/Z/D, X/Z/U*) depend on the IOD and are resolved by the profile's 'combined' map. "
                + "Written by org.radbridge.deid.dicom.TableE11Import; DeidTableTest checks it against the source transcription.");
        ArrayNode rows = out.putArray("attributes");
        for (JsonNode e : source) {
            ObjectNode row = rows.addObject();
            row.put("tag", e.get("tag").asText());
            row.put("name", e.get("name").asText());
            row.put("basic", e.get("basicProfile").asText());
            ObjectNode options = json.createObjectNode();
            for (Iterator<Map.Entry<String, JsonNode>> f = e.fields(); f.hasNext(); ) {
                Map.Entry<String, JsonNode> field = f.next();
                DeidOption o = byColumn.get(field.getKey());
                if (o != null && !field.getValue().isNull() && !field.getValue().asText().isEmpty()) options.put(o.id(), field.getValue().asText());
            }
            if (!options.isEmpty()) row.set("options", options);
        }
        Files.createDirectories(Path.of(args[2]).toAbsolutePath().getParent());
        json.writeValue(Path.of(args[2]).toFile(), out);
        System.out.println(rows.size() + " attributes written to " + args[2]);
    }
}
