package org.radbridge.terminology;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CsvReaderTest {
    @Test
    void rowsKeepTheLineTheyStartOnPastCommentsBlankLinesAndQuotedLineBreaks() throws IOException {
        String csv = "\uFEFF# a comment before the header\n"
                + " code , display \n"
                + "\n"
                + "A1,\"first, with comma\"\n"
                + "# a comment between rows\n"
                + "   \n"
                + "B2,\"two\nlines and \"\"quotes\"\"\"\r\n"
                + "C3,after\r\n"
                + "D4\n";
        CsvReader.Table t = CsvReader.read(new StringReader(csv));
        assertThat(t.header()).containsExactly("code", "display");
        assertThat(t.rows()).extracting(CsvReader.Row::line).containsExactly(4, 7, 9, 10);
        assertThat(t.rows().get(0).get("display")).isEqualTo("first, with comma");
        assertThat(t.rows().get(1).get("display")).isEqualTo("two\nlines and \"quotes\"");
        assertThat(t.rows().get(2).values()).containsEntry("code", "C3").containsEntry("display", "after");
        assertThat(t.rows().get(3).columnCount()).isEqualTo(1);
        assertThat(t.rows().get(3).get("display")).isEmpty();
    }

    @Test
    void extraFieldsAreCountedForTheCallersColumnCheck() throws IOException {
        CsvReader.Table t = CsvReader.read(new StringReader("a,b\n1,2,3\n"));
        assertThat(t.rows().get(0).columnCount()).isEqualTo(3);
        assertThat(t.rows().get(0).values()).hasSize(2);
    }

    @Test
    void aNumberColumnGivesItsValueOrAnErrorWithItsPlace() throws IOException {
        CsvReader.Table t = CsvReader.read(new StringReader("name,threshold\nx, 2.5 \ny,five\n"));
        java.util.List<String> errors = new java.util.ArrayList<>();
        assertThat(t.rows().get(0).number("threshold", "f.csv:2", errors)).isEqualTo(2.5);
        assertThat(t.rows().get(1).number("threshold", "f.csv:3", errors)).isNull();
        assertThat(errors).containsExactly("f.csv:3: threshold 'five' is not a number");
    }

    @Test
    void anUnterminatedQuoteIsAnErrorNamingItsLine() {
        assertThatThrownBy(() -> CsvReader.read(new StringReader("a,b\n1,2\n3,\"open\n4,5\n")))
                .isInstanceOf(IOException.class).hasMessageContaining("line");
    }

    @Test
    void anEmptyFileHasNoHeaderAndNoRows() throws IOException {
        CsvReader.Table t = CsvReader.read(new StringReader("# only a comment\n\n"));
        assertThat(t.header()).isEqualTo(List.of());
        assertThat(t.rows()).isEmpty();
    }

    @Test
    void checkedRowsDropShortAndLongRowsWithTheirLinesAndNothingWhenAColumnIsMissing() throws IOException {
        CsvReader.Table t = CsvReader.read(new StringReader("a,b\n1,2\n# note\n3\n4,5,6\n7,8\n"));
        List<String> errors = new java.util.ArrayList<>();
        List<String> seen = new java.util.ArrayList<>();
        for (CsvReader.Row row : t.checkedRows("f.csv", List.of("a", "b"), errors)) seen.add(row.line() + " after " + errors.size() + " errors");
        assertThat(seen).containsExactly("2 after 0 errors", "6 after 2 errors");
        assertThat(errors).containsExactly("f.csv:4: expected 2 columns, found 1", "f.csv:5: expected 2 columns, found 3");

        errors.clear();
        assertThat(t.checkedRows("f.csv", List.of("a", "c", "d"), errors)).isEmpty();
        assertThat(errors).containsExactly("f.csv:1: missing column c", "f.csv:1: missing column d");
    }
}
