package org.radbridge.research.cli;

import java.sql.Connection;
import java.sql.SQLException;

/** The database a research command works on; the launcher decides (embedded, a running server's, or external). */
@FunctionalInterface
public interface ConnectionSource {
    Connection open() throws SQLException;
}
