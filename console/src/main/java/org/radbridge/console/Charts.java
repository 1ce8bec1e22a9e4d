package org.radbridge.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Chart specifications for the page's script (static/console/console.js hands them to Chart.js). They travel as JSON
 * inside a non-executed script element, so the pages need no inline script and keep a strict Content-Security-Policy.
 */
public final class Charts {
    private static final ObjectMapper JSON = new ObjectMapper();

    public record Series(String label, List<? extends Number> data) {}

    private Charts() {}

    public static String spec(String type, List<String> labels, List<Series> series, boolean stacked, boolean horizontal) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", type);
        m.put("labels", labels);
        m.put("datasets", series.stream().map(s -> {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("label", s.label());
            d.put("data", s.data());
            return d;
        }).toList());
        m.put("stacked", stacked);
        m.put("horizontal", horizontal);
        try {
            // "</" would close the script element the JSON travels in
            return JSON.writeValueAsString(m).replace("</", "<\\/");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
