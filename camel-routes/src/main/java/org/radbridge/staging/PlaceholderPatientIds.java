package org.radbridge.staging;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * PatientID values that do not name a person (trauma and "unknown" patients, anonymised imports): an empty ID is always
 * one, the others come from a data file ({@code mappings/placeholder-patient-ids.txt}: one value per line, {@code #}
 * starts a comment, compared case-insensitively after trimming). A study with such an ID gets a patient of its own.
 */
public final class PlaceholderPatientIds {
    public static final String FILE_NAME = "placeholder-patient-ids.txt";
    /** Only the empty ID: what a deployment without the file gets. */
    public static final PlaceholderPatientIds EMPTY_ONLY = new PlaceholderPatientIds(Set.of());

    private final Set<String> values;

    public PlaceholderPatientIds(Set<String> values) {
        this.values = values.stream().map(PlaceholderPatientIds::norm).collect(Collectors.toUnmodifiableSet());
    }

    /** Reads the file; a missing file means only the empty ID is a placeholder. */
    public static PlaceholderPatientIds load(Path file) {
        if (file == null || !Files.isRegularFile(file)) return EMPTY_ONLY;
        try {
            return new PlaceholderPatientIds(Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                    .map(l -> l.indexOf('#') >= 0 ? l.substring(0, l.indexOf('#')) : l)
                    .map(String::trim).filter(l -> !l.isEmpty()).collect(Collectors.toSet()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** The configured values, normalised (trimmed, upper case); the empty ID is implied. */
    public Set<String> values() {
        return values;
    }

    public boolean isPlaceholder(String patientId) {
        if (patientId == null) return true;
        String n = norm(patientId);
        return n.isEmpty() || values.contains(n);
    }

    private static String norm(String v) {
        return v.trim().toUpperCase(Locale.ROOT);
    }
}
