package org.radbridge.research.export;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * TABLE.csv: RFC 4180 with a header of the OMOP column names, UTF-8, empty field for NULL, dates as yyyy-MM-dd and
 * datetimes as yyyy-MM-dd HH:mm:ss (what OHDSI's loaders, DuckDB's read_csv and Spark's CSV reader infer), numbers as
 * PostgreSQL gives them (numeric keeps its digits).
 */
final class CsvTableWriter implements TableWriter {
    private static final DateTimeFormatter DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSSSSS]");

    private final OmopTable table;
    private final Writer out;
    private final CSVPrinter printer;
    private final Object[] values;

    CsvTableWriter(OmopTable table, Path file) throws IOException {
        this.table = table;
        this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        this.printer = new CSVPrinter(out, CSVFormat.RFC4180.builder().setRecordSeparator('\n')
                .setHeader(table.columns().stream().map(OmopColumn::name).toArray(String[]::new)).get());
        this.values = new Object[table.columns().size()];
    }

    @Override
    public void write(ResultSet row) throws SQLException, IOException {
        for (int i = 0; i < values.length; i++) {
            String type = table.columns().get(i).type();
            Object v;
            if (type.equals("date")) {
                LocalDate d = row.getObject(i + 1, LocalDate.class);
                v = d == null ? null : d.toString();
            } else if (type.startsWith("timestamp")) {
                LocalDateTime t = row.getObject(i + 1, LocalDateTime.class);
                v = t == null ? null : DATETIME.format(t);
            } else {
                v = row.getString(i + 1);
            }
            values[i] = v;
        }
        printer.printRecord(values);
    }

    @Override
    public void close() throws IOException {
        printer.close(true);
        out.close();
    }
}
