package org.radbridge.bench.generate;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What to generate: {@code patients} patients (1-3 studies each) from {@code seed} into {@code outputDir}
 * with study sizes from {@code profile}; {@code issuerOfPatientId} is the assigning authority of the MRNs.
 */
public record GenerateOptions(int patients, long seed, Path outputDir, StudySizeProfile profile,
                              String issuerOfPatientId) {

    public static final String DEFAULT_ISSUER = "HOSP";

    public GenerateOptions {
        if (patients < 1 || patients > 1_000_000) {
            throw new IllegalArgumentException("patients must be 1..1000000, got " + patients);
        }
        Objects.requireNonNull(outputDir, "outputDir");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(issuerOfPatientId, "issuerOfPatientId");
    }

    public GenerateOptions(int patients, long seed, Path outputDir, StudySizeProfile profile) {
        this(patients, seed, outputDir, profile, DEFAULT_ISSUER);
    }

    /** Demo profile, issuer HOSP. */
    public GenerateOptions(int patients, long seed, Path outputDir) {
        this(patients, seed, outputDir, StudySizeProfile.DEMO, DEFAULT_ISSUER);
    }
}
