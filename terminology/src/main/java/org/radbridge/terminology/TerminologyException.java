package org.radbridge.terminology;

import java.util.List;

/** Errors found in the terminology files, each prefixed with file and line. */
public class TerminologyException extends RuntimeException {
    private final List<String> errors;

    public TerminologyException(List<String> errors) {
        super(String.join("\n", errors));
        this.errors = List.copyOf(errors);
    }

    public List<String> errors() {
        return errors;
    }
}
