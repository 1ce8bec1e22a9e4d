package org.radbridge.deid.dicom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One option of the Basic Application Level Confidentiality Profile (or the profile itself), as listed in
 * {@code deid/options.json}: its id in profile files, its Table E.1-1 column and its CID 7050 code.
 */
public record DeidOption(String id, String column, String code, String meaning) {
    public static final String RESOURCE = "deid/options.json";

    private static volatile Catalog catalog;

    private record Catalog(DeidOption basic, Map<String, DeidOption> byId) {}

    /** The Basic Application Confidentiality Profile itself (code 113100). */
    public static DeidOption basic() {
        return catalog().basic();
    }

    /** Every option by its id (CLEAN_DESCRIPTORS ...), in the order of the file. */
    public static Map<String, DeidOption> byId() {
        return catalog().byId();
    }

    static Map<String, DeidOption> byTableColumn() {
        Map<String, DeidOption> out = new LinkedHashMap<>();
        byId().values().forEach(o -> {
            if (o.column() != null) out.put(o.column(), o);
        });
        return out;
    }

    private static Catalog catalog() {
        Catalog c = catalog;
        if (c == null) {
            try (InputStream in = DeidOption.class.getClassLoader().getResourceAsStream(RESOURCE)) {
                if (in == null) throw new IllegalStateException("missing class-path resource " + RESOURCE);
                JsonNode root = new ObjectMapper().readTree(in);
                DeidOption basic = new DeidOption("BASIC", null, root.at("/basic/code").asText(), root.at("/basic/meaning").asText());
                Map<String, DeidOption> byId = new LinkedHashMap<>();
                for (JsonNode o : root.get("options")) {
                    byId.put(o.get("id").asText(), new DeidOption(o.get("id").asText(),
                            o.get("column").isNull() ? null : o.get("column").asText(), o.get("code").asText(), o.get("meaning").asText()));
                }
                c = new Catalog(basic, Map.copyOf(byId));
                catalog = c;
            } catch (IOException e) {
                throw new UncheckedIOException("reading " + RESOURCE, e);
            }
        }
        return c;
    }
}
