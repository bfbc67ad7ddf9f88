package dev.attune.admin.components;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.junit.jupiter.api.Test;

class CsvCellsTest {

    @Test
    void text_that_a_spreadsheet_would_run_as_a_formula_gets_a_leading_quote() {
        assertThat(CsvCells.cell("=HYPERLINK(\"http://evil.example\",\"click\")"))
                .isEqualTo("'=HYPERLINK(\"http://evil.example\",\"click\")");
        assertThat(CsvCells.cell("+1+cmd|' /C calc'!A0")).isEqualTo("'+1+cmd|' /C calc'!A0");
        assertThat(CsvCells.cell("-2+3+cmd|' /C calc'!A0")).isEqualTo("'-2+3+cmd|' /C calc'!A0");
        assertThat(CsvCells.cell("@SUM(1+1)*cmd|' /C calc'!A0")).isEqualTo("'@SUM(1+1)*cmd|' /C calc'!A0");
        assertThat(CsvCells.cell("\t=1+1")).isEqualTo("'\t=1+1");
        assertThat(CsvCells.cell("\r=1+1")).isEqualTo("'\r=1+1");
    }

    @Test
    void ordinary_text_numbers_and_missing_values_are_left_alone() {
        assertThat(CsvCells.cell("Great shoes = happy feet")).isEqualTo("Great shoes = happy feet");
        assertThat(CsvCells.cell("")).isEqualTo("");
        assertThat(CsvCells.cell(null)).isNull();
        assertThat(CsvCells.cell("-3")).isEqualTo("-3");
        assertThat(CsvCells.cell("-0.25")).isEqualTo("-0.25");
        assertThat(CsvCells.cell("+1.5e3")).isEqualTo("+1.5e3");
        assertThat(CsvCells.cell(new BigDecimal("-4"))).isEqualTo(new BigDecimal("-4"));
        assertThat(CsvCells.cell(-7)).isEqualTo(-7);
        assertThat(CsvCells.cell(true)).isEqualTo(true);
        UUID id = UUID.randomUUID();
        assertThat(CsvCells.cell(id)).isEqualTo(id.toString());
    }

    @Test
    void a_printed_row_and_header_carry_the_quote_inside_the_csv_quoting() throws Exception {
        StringWriter out = new StringWriter();
        try (CSVPrinter csv = new CSVPrinter(
                out,
                CSVFormat.RFC4180
                        .builder()
                        .setHeader(CsvCells.header(List.of("day", "=variant")))
                        .get())) {
            csv.printRecord(CsvCells.row("2026-01-01", "=1+2,3"));
        }
        assertThat(out.toString().split("\r\n")).containsExactly("day,'=variant", "2026-01-01,\"'=1+2,3\"");
    }
}
