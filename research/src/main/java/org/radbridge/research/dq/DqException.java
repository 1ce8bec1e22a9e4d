package org.radbridge.research.dq;

import java.util.List;

/** A catalogue or threshold file that cannot be used, with every problem found (file:line: what). */
public final class DqException extends RuntimeException {
    private final List<String> problems;

    public DqException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
