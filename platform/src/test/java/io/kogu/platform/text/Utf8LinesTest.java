package io.kogu.platform.text;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class Utf8LinesTest {

    /** A source that hands on at most {@code piece} bytes a read, as a request body does. */
    private static InputStream inPieces(byte[] bytes, int piece) {
        return new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, piece));
            }
        };
    }

    private static List<String> readAll(Utf8Lines lines) throws Exception {
        List<String> read = new ArrayList<>();
        while (lines.next()) {
            read.add(lines.text());
        }
        return read;
    }

    @Test
    void readsLinesEndedByLfOrCrlfAndALastOneWithout() throws Exception {
        byte[] text = "one\r\ntwo\n\n  \nlast 👋".getBytes(StandardCharsets.UTF_8);
        for (int piece : new int[] {1, 3, 100}) {
            Utf8Lines lines = new Utf8Lines(inPieces(text, piece), 100);
            List<Boolean> blank = new ArrayList<>();
            List<String> read = new ArrayList<>();
            while (lines.next()) {
                read.add(lines.text());
                blank.add(lines.isBlank());
            }
            assertThat(read).containsExactly("one", "two", "", "  ", "last 👋");
            assertThat(blank).containsExactly(false, false, true, true, false);
            assertThat(lines.lineNumber()).isEqualTo(5);
        }
    }

    @Test
    void everyLineBeforeAFaultIsReadThenTheFaultIsNamed() throws Exception {
        for (byte[] fault : new byte[][] {{(byte) 0xC0, (byte) 0xAF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                {(byte) 0xE2, (byte) 0x82, 'x'}, {(byte) 0xFF}, {(byte) 0xE2, (byte) 0x82, '\n'}}) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            for (int i = 0; i < 500; i++) {
                body.writeBytes(("{\"line\":" + i + ",\"text\":\"ümber 👋\"}\n").getBytes(StandardCharsets.UTF_8));
            }
            body.writeBytes("{\"bad\":\"a".getBytes(StandardCharsets.UTF_8));
            body.writeBytes(fault);
            body.writeBytes("\"}\n{\"after\":1}\n".getBytes(StandardCharsets.UTF_8));
            Utf8Lines lines = new Utf8Lines(inPieces(body.toByteArray(), 100), 1000);
            List<String> read = new ArrayList<>();
            assertThatThrownBy(() -> {
                while (lines.next()) {
                    read.add(lines.text());
                }
            }).isInstanceOf(CharacterCodingException.class).hasMessageStartingWith("line 501: ");
            assertThat(read).hasSize(500).last().isEqualTo("{\"line\":499,\"text\":\"ümber 👋\"}");
            assertThat(lines.lineNumber() + 1).isEqualTo(501);
        }
    }

    @Test
    void aLineLongerThanTheLimitInCharactersEndsReadingWhenReached() throws Exception {
        // Ten characters of three bytes each (30 bytes) and five four-byte ones (ten UTF-16 units) are within 10.
        String atLimit = "€".repeat(10);
        String pairsAtLimit = "👋".repeat(5);
        String over = "x".repeat(11);
        byte[] text = (atLimit + "\r\n" + pairsAtLimit + "\n" + over + "\nnever\n").getBytes(StandardCharsets.UTF_8);
        Utf8Lines lines = new Utf8Lines(inPieces(text, 7), 10);
        assertThat(lines.next()).isTrue();
        assertThat(lines.text()).isEqualTo(atLimit);
        assertThat(lines.next()).isTrue();
        assertThat(lines.text()).isEqualTo(pairsAtLimit);
        assertThatThrownBy(lines::next).isInstanceOfSatisfying(LineLimitedReader.LineTooLongException.class,
                e -> assertThat(e.line()).isEqualTo(3));
    }

    @Test
    void anEndlessLineIsRefusedWithoutHoldingIt() {
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return 'x';
            }
        };
        Utf8Lines lines = new Utf8Lines(endless, 1000);
        assertThatThrownBy(lines::next).isInstanceOfSatisfying(LineLimitedReader.LineTooLongException.class,
                e -> assertThat(e.line()).isEqualTo(1));
        assertThat(lines.bytes().length).isLessThanOrEqualTo(3 * 1000 + 2);
    }

    @Test
    void longLinesWithinTheLimitGrowTheBufferAndPassWhole() throws Exception {
        String line = "ü".repeat(100_000);
        byte[] text = (line + "\n" + "short\n" + line).getBytes(StandardCharsets.UTF_8);
        assertThat(readAll(new Utf8Lines(inPieces(text, 4096), 100_000))).containsExactly(line, "short", line);
    }

    @Test
    void theBytesOfALineAreItsUtf8() throws Exception {
        Utf8Lines lines = new Utf8Lines(new ByteArrayInputStream("ab\ncd€\n".getBytes(StandardCharsets.UTF_8)), 10);
        lines.next();
        lines.next();
        assertThat(new String(lines.bytes(), lines.offset(), lines.length(), StandardCharsets.UTF_8)).isEqualTo("cd€");
        assertThat(lines.length()).isEqualTo(5);
    }
}
