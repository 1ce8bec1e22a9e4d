package org.radbridge.research.export;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.radbridge.deid.Pseudonymizer;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The studies an export is about, as staged Study Instance UIDs. A cohort file is a CSV with a header naming a study
 * UID column ({@code study_uid}, {@code study_instance_uid}, {@code image_study_uid}, {@code research_study_uid}, as
 * cohort manifests write them), or a plain list of UIDs one a line; {@code --studies} takes a comma-separated list.
 * Either may hold staged UIDs or research (keyed 2.25) UIDs: research UIDs are traced back through the keyed hash of
 * every staged study, so a researcher's manifest can be handed to the export unchanged.
 */
public final class StudySelection {
    static final List<String> COLUMNS = List.of("study_uid", "study_instance_uid", "image_study_uid", "research_study_uid", "studyinstanceuid");

    public record Selected(List<String> studyUids, List<String> notFound) {}

    private StudySelection() {}

    public static List<String> readCohortFile(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        String first = lines.stream().filter(l -> !l.isBlank() && !l.startsWith("#")).findFirst().orElse("");
        if (first.matches("\\s*[0-9.]+\\s*")) {
            return lines.stream().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        }
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser p = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setCommentMarker('#')
                     .setIgnoreSurroundingSpaces(true).get().parse(r)) {
            String column = null;
            for (String h : p.getHeaderNames()) if (COLUMNS.contains(h.toLowerCase(Locale.ROOT).strip())) { column = h; break; }
            if (column == null) {
                throw new IllegalArgumentException(file + " line 1: no study UID column (one of " + COLUMNS + ") in header " + p.getHeaderNames());
            }
            Set<String> out = new LinkedHashSet<>();
            for (CSVRecord rec : p) {
                String v = rec.isMapped(column) && rec.isSet(column) ? rec.get(column).strip() : "";
                if (v.isEmpty()) throw new IllegalArgumentException(file + " line " + p.getCurrentLineNumber() + ": empty " + column);
                out.add(v);
            }
            return List.copyOf(out);
        }
    }

    /** Staged study UIDs for the given staged or research UIDs; unknown ones are listed, not guessed. */
    public static Selected resolve(DataSource ds, Pseudonymizer keys, List<String> requested) throws SQLException {
        Set<String> staged = new LinkedHashSet<>();
        Map<String, String> byResearch = new HashMap<>();
        try (Connection c = ds.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT study_instance_uid FROM radbridge.study")) {
            while (rs.next()) {
                String uid = rs.getString(1);
                staged.add(uid);
                byResearch.put(keys.uid(uid), uid);
            }
        }
        Set<String> out = new LinkedHashSet<>();
        List<String> missing = new ArrayList<>();
        for (String r : requested) {
            String u = r.strip();
            if (staged.contains(u)) out.add(u);
            else if (byResearch.containsKey(u)) out.add(byResearch.get(u));
            else missing.add(u);
        }
        return new Selected(List.copyOf(out), missing);
    }
}
