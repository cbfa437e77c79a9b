package io.kogu.metrics.report;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CsvTest {

    @Test
    void fieldsAreQuotedWhenTheyMustBeAndFormulasStayText() {
        String csv = new Csv().row(List.of("key", "n")).row(Arrays.asList("a,b", 3)).row(Arrays.asList("say \"hi\"", null))
                .row(List.of("=HYPERLINK(\"x\")", "@sum")).toString();
        assertThat(csv).isEqualTo("key,n\r\n\"a,b\",3\r\n\"say \"\"hi\"\"\",\r\n\"'=HYPERLINK(\"\"x\"\")\",\"'@sum\"\r\n");
    }

    @Test
    void cellsStartingWithMinusTabOrCarriageReturnStayTextButNegativeNumbersStayNumbers() {
        String csv = new Csv().row(Arrays.asList("-2+3", "\tx", "\rx", -4L, -0.5)).toString();
        assertThat(csv).isEqualTo("\"'-2+3\",\"'\tx\",\"'\rx\",-4,-0.5\r\n");
    }
}
