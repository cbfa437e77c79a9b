package io.kogu.platform.text;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class Utf8CheckedInputStreamTest {

    @Test
    void everyLineBeforeAFaultIsReadThenTheFaultIsNamed() throws Exception {
        for (byte[] fault : new byte[][] {{(byte) 0xC0, (byte) 0xAF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                {(byte) 0xE2, (byte) 0x82, 'x'}, {(byte) 0xFF}}) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            for (int i = 0; i < 500; i++) {
                body.writeBytes(("{\"line\":" + i + ",\"text\":\"ümber 👋\"}\n").getBytes(StandardCharsets.UTF_8));
            }
            body.writeBytes("{\"bad\":\"a".getBytes(StandardCharsets.UTF_8));
            body.writeBytes(fault);
            body.writeBytes("\"}\n{\"after\":1}\n".getBytes(StandardCharsets.UTF_8));
            List<String> read = new ArrayList<>();
            // A source that says more is ready (as a request body does): the decoder must not read on past the good text.
            ByteArrayInputStream source = new ByteArrayInputStream(body.toByteArray()) {
                @Override
                public synchronized int read(byte[] b, int off, int len) {
                    return super.read(b, off, Math.min(len, 100));
                }
            };
            BoundedLines lines = new BoundedLines(Utf8CheckedInputStream.reader(source), 1000);
            assertThatThrownBy(() -> {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    read.add(line);
                }
            }).isInstanceOf(CharacterCodingException.class);
            assertThat(read).hasSize(500).last().isEqualTo("{\"line\":499,\"text\":\"ümber 👋\"}");
            assertThat(lines.lineNumber() + 1).isEqualTo(501);
        }
    }

    @Test
    void wellFormedTextPassesWhole() throws Exception {
        String text = "tere 👋 € ü\n".repeat(5000);
        BoundedLines lines = new BoundedLines(Utf8CheckedInputStream.reader(
                new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8))), 100);
        int count = 0;
        while (lines.readLine() != null) {
            count++;
        }
        assertThat(count).isEqualTo(5000);
    }
}
