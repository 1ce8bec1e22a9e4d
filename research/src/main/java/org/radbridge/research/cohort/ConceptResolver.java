package org.radbridge.research.cohort;

import java.sql.SQLException;
import java.util.List;

/** Finds the concepts a cohort file names: by id, or by vocabulary and code. */
public interface ConceptResolver {
    /** Concept ids with this vocabulary (case-insensitive) and code; empty when the vocabulary tables lack it. */
    List<Integer> byCode(String vocabulary, String code) throws SQLException;

    boolean exists(int conceptId) throws SQLException;
}
