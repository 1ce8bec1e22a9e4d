package org.radbridge.research.cohort;

/** A cohort definition that cannot be used: names the file, the line and the key, so the author can fix it. */
public final class CohortDefinitionException extends Exception {
    private final String file;
    private final int line;
    private final String key;

    public CohortDefinitionException(String file, int line, String key, String message) {
        super(file + ":" + line + (key == null ? "" : ": " + key) + ": " + message);
        this.file = file;
        this.line = line;
        this.key = key;
    }

    public String file() { return file; }

    /** 1-based line, 0 when the problem is the whole file. */
    public int line() { return line; }

    public String key() { return key; }
}
