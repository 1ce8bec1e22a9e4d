package org.radbridge.bench.generate;

import java.util.Locale;

/**
 * How big the synthetic studies are. {@link #DEMO} is small and fast (the {@code demo} command),
 * {@link #REALISTIC} has clinical series and instance counts (CT 100-300 slices per series).
 */
public enum StudySizeProfile {
    DEMO(new SizeRange(2, 3, 3, 8, false), new SizeRange(3, 5, 2, 5, false),
            new SizeRange(1, 2, 1, 3, true), new SizeRange(1, 1, 2, 6, false)),
    REALISTIC(new SizeRange(2, 4, 100, 300, false), new SizeRange(5, 10, 20, 60, false),
            new SizeRange(1, 2, 1, 3, true), new SizeRange(1, 2, 10, 40, false));

    /**
     * Inclusive ranges of series per study and instances per series; when {@code instancesPerStudy}
     * the instance range counts the whole study (CR/DX: 1-3 images over 1-2 series).
     */
    public record SizeRange(int minSeries, int maxSeries, int minInstances, int maxInstances,
                            boolean instancesPerStudy) {
    }

    private final SizeRange ct;
    private final SizeRange mr;
    private final SizeRange radiography;
    private final SizeRange us;

    StudySizeProfile(SizeRange ct, SizeRange mr, SizeRange radiography, SizeRange us) {
        this.ct = ct;
        this.mr = mr;
        this.radiography = radiography;
        this.us = us;
    }

    /** Range for a modality code: CT, MR, CR, DX or US. */
    public SizeRange range(String modality) {
        switch (modality) {
            case "CT": return ct;
            case "MR": return mr;
            case "CR":
            case "DX": return radiography;
            case "US": return us;
            default: throw new IllegalArgumentException("unknown modality " + modality);
        }
    }

    /** Lower-case name as used on the command line. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code demo} / {@code realistic} (case-insensitive). */
    public static StudySizeProfile parse(String s) {
        for (StudySizeProfile p : values()) {
            if (p.id().equalsIgnoreCase(s.trim())) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown profile '" + s + "' (demo or realistic)");
    }
}
