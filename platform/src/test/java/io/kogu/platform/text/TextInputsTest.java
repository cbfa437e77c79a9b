package io.kogu.platform.text;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.MalformedInputException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TextInputsTest {

    @Test
    void nulAndLoneSurrogatesAreRefusedAndPairsAccepted() {
        assertThat(TextInputs.problem("tere 👋")).isNull();
        assertThat(TextInputs.problem("a\u0000b")).contains("U+0000");
        assertThat(TextInputs.problem("a\ud800b")).contains("surrogate");
        assertThat(TextInputs.problem("a\udc00")).contains("surrogate");
        assertThat(TextInputs.problem("\ud800")).contains("surrogate");
    }

    @Test
    void overlongUtf8IsRefused() {
        byte[] overlongSlash = {'a', (byte) 0xC0, (byte) 0xAF, 'b'};
        assertThatThrownBy(() -> new BufferedReader(StrictUtf8.reader(new ByteArrayInputStream(overlongSlash))).readLine())
                .isInstanceOf(MalformedInputException.class);
    }

    @Test
    void aLineLongerThanTheLimitEndsReadingWithItsNumberAfterTheLinesBeforeIt() throws IOException {
        BoundedLines lines = new BoundedLines(new StringReader("ok\r\nfine\n" + "x".repeat(11) + "\nnever"), 10);
        assertThat(lines.readLine()).isEqualTo("ok");
        assertThat(lines.readLine()).isEqualTo("fine");
        assertThatThrownBy(lines::readLine).isInstanceOfSatisfying(LineLimitedReader.LineTooLongException.class,
                e -> assertThat(e.line()).isEqualTo(3));
    }

    @Test
    void aReaderForParsersEndsAtALongLine() {
        assertThatThrownBy(() -> new BufferedReader(new LineLimitedReader(new StringReader("a\n" + "y".repeat(20_000)), 10_000)).lines().count())
                .hasRootCauseInstanceOf(LineLimitedReader.LineTooLongException.class);
    }
}
