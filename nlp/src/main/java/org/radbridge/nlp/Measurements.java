package org.radbridge.nlp;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lengths in report text, normalised to millimetres: "4 mm", "1.2cm", "3.2 x 1.5 cm" (two dimensions, the unit of
 * the last number applies to all), "3 x 2 x 1 cm", "2.1 cm x 1.4 cm", "5-mm". Units come from
 * {@code org/radbridge/nlp/triggers/measurement-units.tsv}.
 */
public final class Measurements {

    /** One measurement: span in the text and its dimensions in millimetres (1 to 3 values, as written). */
    public record Measurement(int start, int end, List<BigDecimal> dimensionsMm) {
        public BigDecimal largestMm() {
            return dimensionsMm.stream().max(BigDecimal::compareTo).orElseThrow();
        }
    }

    private final Map<String, BigDecimal> units = new HashMap<>();
    private final Pattern pattern;

    public Measurements() {
        StringBuilder alt = new StringBuilder();
        List<String> keys = new ArrayList<>();
        for (String[] f : Resources.tsv("/org/radbridge/nlp/triggers/measurement-units.tsv")) {
            units.put(f[0].trim().toLowerCase(Locale.ROOT), new BigDecimal(f[1].trim()));
            keys.add(f[0].trim());
        }
        keys.sort((a, b) -> b.length() - a.length());
        for (String k : keys) alt.append(alt.length() == 0 ? "" : "|").append(Pattern.quote(k));
        String num = "(\\d+(?:\\.\\d+)?|\\.\\d+)";
        String unit = "(?:\\s*-?\\s*(" + alt + "))";
        String by = "\\s*(?:x|×|by|\\*)\\s*";
        pattern = Pattern.compile("(?<![\\w.])" + num + unit + "?(?:" + by + num + unit + "?(?:" + by + num + ")?)?" + unit
                        .replace("(" + alt + ")", "(?<u>" + alt + ")") + "(?![\\w])",
                Pattern.CASE_INSENSITIVE);
    }

    public List<Measurement> find(String text, int from, int to) {
        if (!hasDigit(text, from, to)) return List.of(); // most clauses have none; the pattern is tried at every offset
        List<Measurement> out = new ArrayList<>();
        Matcher m = pattern.matcher(text);
        m.region(from, to);
        while (m.find()) {
            String lastUnit = m.group("u").toLowerCase(Locale.ROOT);
            BigDecimal lastFactor = units.get(lastUnit);
            List<BigDecimal> dims = new ArrayList<>();
            // groups: 1 num, 2 unit?, 3 num?, 4 unit?, 5 num?
            String[] nums = {m.group(1), m.group(3), m.group(5)};
            String[] us = {m.group(2), m.group(4), null};
            for (int i = 0; i < 3; i++) {
                if (nums[i] == null) continue;
                BigDecimal factor = us[i] != null ? units.get(us[i].toLowerCase(Locale.ROOT)) : lastFactor;
                BigDecimal mm = new BigDecimal(nums[i]).multiply(factor).setScale(2, RoundingMode.HALF_UP)
                        .stripTrailingZeros();
                if (mm.scale() < 0) mm = mm.setScale(0);
                dims.add(mm);
            }
            out.add(new Measurement(m.start(), m.end(), List.copyOf(dims)));
        }
        return out;
    }

    private static boolean hasDigit(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (Character.isDigit(text.charAt(i))) return true;
        }
        return false;
    }
}
