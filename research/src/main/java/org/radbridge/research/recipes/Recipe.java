package org.radbridge.research.recipes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * A documented SQL recipe of sql/recipes: the header comment says its name, question and which output columns are
 * counts (suppressed by --suppress) or derived from counts (blanked where a count of their row was suppressed).
 */
public record Recipe(String name, String question, List<String> countColumns, List<String> derivedColumns, String sql, Path file) {

    public static List<Recipe> all(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            List<Recipe> out = new ArrayList<>();
            for (Path p : s.filter(f -> f.toString().endsWith(".sql")).sorted().toList()) out.add(load(p));
            return out;
        }
    }

    public static Recipe load(Path file) throws IOException {
        String sql = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (sql.endsWith(";")) sql = sql.substring(0, sql.length() - 1);
        String name = file.getFileName().toString().replaceFirst("\\.sql$", "");
        String question = "";
        List<String> counts = List.of();
        List<String> derived = List.of();
        for (String line : sql.lines().toList()) {
            if (!line.startsWith("--")) break;
            String l = line.substring(2).trim();
            if (l.startsWith("question:")) question = l.substring(9).trim();
            if (l.startsWith("count-columns:")) counts = names(l.substring(14));
            if (l.startsWith("derived-columns:")) derived = names(l.substring(16));
        }
        return new Recipe(name, question, counts, derived, sql, file);
    }

    private static List<String> names(String s) {
        return Arrays.stream(s.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList();
    }
}
