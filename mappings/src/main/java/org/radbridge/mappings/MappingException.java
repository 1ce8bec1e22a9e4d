package org.radbridge.mappings;

import java.util.List;

/** Validation errors in the mapping files, each as "file:line: message". */
public class MappingException extends RuntimeException {
    private final List<String> errors;

    public MappingException(List<String> errors) {
        super(String.join("\n", errors));
        this.errors = List.copyOf(errors);
    }

    public List<String> errors() {
        return errors;
    }
}
