package org.radbridge.deid;

import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * What the research view keeps of free-text DICOM attributes (Study Description, Patient's Sex as typed, Manufacturer's
 * Model Name ...) in OMOP {@code *_source_value} columns. PS3.15 removes these attributes unless the Clean Descriptors
 * option replaces them with values known not to identify anyone; here a value is known to be clean when a mapping file
 * lists it (the interface engineer has read it), so:
 * <ul>
 * <li>{@code clean} (default): the reviewed form of a mapped value (as listed in the mapping file, or as the mapping
 *     rules rewrote it), nothing for an unmapped value;</li>
 * <li>{@code drop}: never a source value.</li>
 * </ul>
 * The mapped concept id is written either way; unmapped values stay visible to {@code mappings report}, which reads
 * staging, not OMOP. Set with {@code RADBRIDGE_DEID_SOURCE_VALUES} or {@code -Dradbridge.deid.source.values}.
 */
public final class SourceValues {
    public enum Mode { CLEAN, DROP }

    private final Mode mode;

    public SourceValues(Mode mode) {
        this.mode = mode;
    }

    public static SourceValues fromEnvironment() {
        return from(System.getenv(), System.getProperties());
    }

    static SourceValues from(Map<String, String> env, Properties props) {
        String v = props.getProperty("radbridge.deid.source.values", env.getOrDefault("RADBRIDGE_DEID_SOURCE_VALUES", "clean"));
        try {
            return new SourceValues(Mode.valueOf(v.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("RADBRIDGE_DEID_SOURCE_VALUES must be 'clean' or 'drop', not '" + v + "'");
        }
    }

    public Mode mode() {
        return mode;
    }

    /**
     * The source value to write for a free-text attribute.
     *
     * @param reviewedForm the value as a mapping file lists it, or null when no mapping lists it
     */
    public String descriptor(String reviewedForm) {
        if (mode == Mode.DROP || reviewedForm == null || reviewedForm.isBlank()) return null;
        return reviewedForm.strip();
    }
}
