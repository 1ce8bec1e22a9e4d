package org.radbridge.research.export;

/**
 * One column of an OMOP table as PostgreSQL declares it (information_schema), which decides its type in the files.
 *
 * @param type      information_schema data_type: integer, bigint, numeric, date, timestamp without time zone ...
 * @param precision numeric precision of a numeric(p,s) column, or null when the column is an unconstrained numeric
 * @param scale     numeric scale, or null
 */
public record OmopColumn(String name, String type, Integer precision, Integer scale, boolean nullable) {}
