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
}
