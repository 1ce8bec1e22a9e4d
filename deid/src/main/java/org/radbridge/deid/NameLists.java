package org.radbridge.deid;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The word lists the report scrubber recognises names with: public first-name and surname lists (1990 US Census, public
 * domain), the words never taken for a name, and the relation words a name follows. All are data files under
 * {@code deid/} on the class path, so a site can add its own names without touching code.
 */
public final class NameLists {
    private static final String FIRST = "deid/names/us-census-1990-first-names.txt";
    private static final String SURNAMES = "deid/names/us-census-1990-surnames.txt";
    private static final String NOT_NAMES = "deid/scrubber/not-names.txt";
    private static final String RELATIONS = "deid/scrubber/relation-words.txt";

    private static volatile NameLists shipped;

    private final Set<String> firstNames;
    private final Set<String> surnames;
    private final Set<String> notNames;

    public NameLists(Set<String> firstNames, Set<String> surnames, Set<String> notNames) {
        this.firstNames = upper(firstNames);
        this.surnames = upper(surnames);
        this.notNames = upper(notNames);
    }

    /** The lists shipped in the jar, loaded once. */
    public static NameLists shipped() {
        NameLists n = shipped;
        if (n == null) {
            Set<String> not = new LinkedHashSet<>(lines(NOT_NAMES));
            // a relation word is the cue before a name, never a part of it ("Son Tom")
            lines(RELATIONS).stream().filter(w -> !w.contains(" ")).forEach(not::add);
            n = new NameLists(lines(FIRST), lines(SURNAMES), not);
            shipped = n;
        }
        return n;
    }

    public boolean isFirstName(String word) {
        return firstNames.contains(word.toUpperCase(Locale.ROOT));
    }

    public boolean isSurname(String word) {
        return surnames.contains(word.toUpperCase(Locale.ROOT));
    }

    public boolean notAName(String word) {
        return notNames.contains(word.toUpperCase(Locale.ROOT));
    }

    public int firstNameCount() {
        return firstNames.size();
    }

    public int surnameCount() {
        return surnames.size();
    }

    /** The relation words as a regular-expression alternation, longest first, spaces matching any horizontal space. */
    static String relationWordsPattern() {
        return lines(RELATIONS).stream().sorted(Comparator.comparingInt(String::length).reversed())
                .map(w -> Pattern.quote(w).replace(" ", "\\E\\h+\\Q")).collect(Collectors.joining("|"));
    }

    static Set<String> lines(String resource) {
        try (InputStream in = NameLists.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("missing class-path resource " + resource);
            Set<String> out = new LinkedHashSet<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String l = line.strip();
                if (!l.isEmpty() && !l.startsWith("#")) out.add(l);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + resource, e);
        }
    }

    private static Set<String> upper(Set<String> in) {
        return in.stream().map(s -> s.toUpperCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

}
