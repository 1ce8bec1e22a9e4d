package org.radbridge.bench.generate;

import java.io.PrintStream;
import java.nio.file.Path;

/**
 * {@code generate --patients N --seed S --out DIR [--profile demo|realistic] [--issuer HOSP]}: the CLI entry
 * of the synthetic PACS generator. Prints one summary line on success.
 */
public final class GenerateCommand {

    public static final String USAGE =
            "usage: generate --patients N --seed S --out DIR [--profile demo|realistic] [--issuer ISSUER]";

    private GenerateCommand() {
    }

    /** Runs with {@code System.out} / {@code System.err}; returns 0 on success, 2 on bad arguments, 1 on failure. */
    public static int run(String[] args) {
        return run(args, System.out, System.err);
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        GenerateOptions options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            err.println("generate: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        if (options == null) { // --help
            out.println(USAGE);
            return 0;
        }
        try {
            GenerationSummary s = new SyntheticPacsGenerator(options).generate();
            out.println(s.toLine());
            return 0;
        } catch (Exception e) {
            err.println("generate: failed: " + e);
            return 1;
        }
    }

    /** Parses the arguments; null for {@code --help}. */
    public static GenerateOptions parse(String[] args) {
        Integer patients = null;
        Long seed = null;
        Path outDir = null;
        StudySizeProfile profile = StudySizeProfile.DEMO;
        String issuer = GenerateOptions.DEFAULT_ISSUER;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String name = a;
            String value = null;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                name = a.substring(0, eq);
                value = a.substring(eq + 1);
            }
            if (name.equals("--help") || name.equals("-h")) {
                return null;
            }
            if (value == null) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("missing value for " + name);
                }
                value = args[++i];
            }
            switch (name) {
                case "--patients":
                    patients = parseInt(name, value);
                    break;
                case "--seed":
                    try {
                        seed = Long.parseLong(value.trim());
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("--seed needs an integer, got '" + value + "'");
                    }
                    break;
                case "--out":
                    outDir = Path.of(value);
                    break;
                case "--profile":
                    profile = StudySizeProfile.parse(value);
                    break;
                case "--issuer":
                    issuer = value;
                    break;
                default:
                    throw new IllegalArgumentException("unknown option " + name);
            }
        }
        if (patients == null) {
            throw new IllegalArgumentException("--patients is required");
        }
        if (seed == null) {
            throw new IllegalArgumentException("--seed is required");
        }
        if (outDir == null) {
            throw new IllegalArgumentException("--out is required");
        }
        return new GenerateOptions(patients, seed, outDir, profile, issuer);
    }

    private static int parseInt(String name, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " needs an integer, got '" + value + "'");
        }
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }
}
