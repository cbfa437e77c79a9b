package io.kogu.platform.text;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CsvCellsTest {

    @Test
    void textsThatASpreadsheetWouldRunAsFormulasStayText() {
        for (String formula : List.of("=HYPERLINK(\"http://x\")", "+1+1", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd",
                "\uFF1D1+1", "\uFF20SUM(A1)")) {
            assertThat(CsvCells.safe(formula)).isEqualTo("'" + formula);
        }
    }

    @Test
    void ordinaryTextsNumbersAndNullAreUnchanged() {
        assertThat(CsvCells.safe("Spring launch")).isEqualTo("Spring launch");
        assertThat(CsvCells.safe("a=b")).isEqualTo("a=b");
        assertThat(CsvCells.safe("")).isEqualTo("");
        assertThat(CsvCells.safe((Object) null)).isNull();
        assertThat(CsvCells.safe((Object) (-3L))).isEqualTo(-3L);
        assertThat(CsvCells.safe((Object) new BigDecimal("-0.5"))).isEqualTo(new BigDecimal("-0.5"));
        assertThat(CsvCells.safe((Object) Boolean.TRUE)).isEqualTo(true);
    }

    @Test
    void aWholeRecordIsMadeSafeCellByCell() {
        assertThat(Arrays.asList(CsvCells.safe("=1", 2, "x"))).containsExactly("'=1", 2, "x");
        assertThat(CsvCells.safe(List.of("-1", -1))).containsExactly("'-1", -1);
    }
}
