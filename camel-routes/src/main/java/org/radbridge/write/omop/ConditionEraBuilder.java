package org.radbridge.write.omop;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * CONDITION_ERA spans of one person by the OHDSI era rules (CDM 5.4 conventions, the OHDSI condition era
 * script): occurrences of the same condition_concept_id are joined when the next one starts within the
 * 30-day persistence window after the end of the previous ones; an occurrence without an end date ends
 * the day after it starts; the era ends where its last occurrence ends; occurrences with concept 0 make no era.
 */
public final class ConditionEraBuilder {
    public static final int PERSISTENCE_WINDOW_DAYS = 30;

    private ConditionEraBuilder() {}

    /** One CONDITION_OCCURRENCE row; end may be null. */
    public record Occurrence(int conceptId, LocalDate start, LocalDate end) {}

    /** One CONDITION_ERA row, without its id. */
    public record Era(int conceptId, LocalDate start, LocalDate end, int occurrenceCount) {}

    public static List<Era> build(Collection<Occurrence> occurrences) {
        Map<Integer, List<Occurrence>> byConcept = new TreeMap<>();
        for (Occurrence o : occurrences) {
            if (o.conceptId() == 0 || o.start() == null) continue;
            byConcept.computeIfAbsent(o.conceptId(), k -> new ArrayList<>()).add(o);
        }
        List<Era> eras = new ArrayList<>();
        for (Map.Entry<Integer, List<Occurrence>> e : byConcept.entrySet()) {
            List<Occurrence> list = e.getValue();
            list.sort(Comparator.comparing(Occurrence::start));
            LocalDate eraStart = null;
            LocalDate eraEnd = null;
            int count = 0;
            for (Occurrence o : list) {
                LocalDate end = end(o);
                if (eraStart != null && !o.start().isAfter(eraEnd.plusDays(PERSISTENCE_WINDOW_DAYS))) {
                    if (end.isAfter(eraEnd)) eraEnd = end;
                    count++;
                    continue;
                }
                if (eraStart != null) eras.add(new Era(e.getKey(), eraStart, eraEnd, count));
                eraStart = o.start();
                eraEnd = end;
                count = 1;
            }
            if (eraStart != null) eras.add(new Era(e.getKey(), eraStart, eraEnd, count));
        }
        return eras;
    }

    /** The OHDSI script's end of an occurrence: its end date, else the day after its start. */
    static LocalDate end(Occurrence o) {
        if (o.end() != null && !o.end().isBefore(o.start())) return o.end();
        return o.start().plusDays(1);
    }
}
