package org.radbridge.research.export;

import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Writes the rows of one table, as they stream from the database, to the table's files. */
interface TableWriter extends AutoCloseable {
    /** Writes the current row of the result set (columns in the table's order). */
    void write(ResultSet row) throws SQLException, IOException;

    @Override
    void close() throws IOException;
}
