package io.kogu.platform.json;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonInputsTest {

    public record Handle(String network, String handle) {
    }

    public record Member(String displayName, List<Handle> handles, Map<String, Object> attributes, List<String> tags) {
    }

    private final ObjectMapper json = JsonInputs.apply(new ObjectMapper());

    @Test
    void plainJacksonDecodesAnOverlongSlashSoTheBytesMustBeCheckedFirst() throws Exception {
        // What Jackson does on its own (why JsonInputs checks the bytes): C0 AF becomes '/'.
        byte[] overlong = {'"', 'a', (byte) 0xC0, (byte) 0xAF, 'b', '"'};
        assertThat(new ObjectMapper().readValue(new ByteArrayInputStream(overlong), String.class)).isEqualTo("a/b");
        assertThatThrownBy(() -> json.readValue(new ByteArrayInputStream(overlong), String.class))
                .isInstanceOf(MalformedBodyException.class).hasMessageContaining("overlong");
        assertThatThrownBy(() -> json.readValue(overlong, String.class)).isInstanceOf(MalformedBodyException.class);
    }

    @Test
    void encodedSurrogatesAndCutSequencesAreRefused() {
        byte[] surrogate = {'"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"'};
        byte[] cut = {'"', 'a', (byte) 0xE2, (byte) 0x82};
        assertThatThrownBy(() -> json.readValue(new ByteArrayInputStream(surrogate), String.class))
                .isInstanceOf(MalformedBodyException.class).hasMessageContaining("surrogate");
        assertThatThrownBy(() -> json.readValue(new ByteArrayInputStream(cut), String.class))
                .isInstanceOf(JsonParseException.class);
    }

    @Test
    void wellFormedUtf8PassesInPiecesOfAnySize() throws Exception {
        String text = "tere 👋 ümber € ".repeat(2000);
        byte[] body = json.writeValueAsBytes(Map.of("displayName", text));
        Member member = json.readValue(new ByteArrayInputStream(body) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 3));
            }
        }, Member.class);
        assertThat(member.displayName()).isEqualTo(text);
    }

    @Test
    void nulAndLoneSurrogatesInStringsAreRefusedWithTheirJsonPath() {
        assertThatThrownBy(() -> json.readValue("{\"handles\":[{\"network\":\"x\"},{\"network\":\"x\",\"handle\":\"a\\u0000\"}]}",
                Member.class)).isInstanceOfSatisfying(InvalidTextException.class, e -> {
                    assertThat(JsonErrors.pathOf(e)).isEqualTo("handles[1].handle");
                    assertThat(e.problem()).contains("U+0000");
                });
        assertThatThrownBy(() -> json.readValue("{\"tags\":[\"ok\",\"\\ud800\"]}", Member.class))
                .isInstanceOfSatisfying(InvalidTextException.class, e -> assertThat(JsonErrors.pathOf(e)).isEqualTo("tags[1]"));
        assertThatThrownBy(() -> json.readValue("{\"attributes\":{\"city\":\"a\\u0000\"}}", Member.class))
                .isInstanceOfSatisfying(InvalidTextException.class,
                        e -> assertThat(JsonErrors.pathOf(e)).isEqualTo("attributes.city"));
        assertThatThrownBy(() -> json.readValue("{\"attributes\":{\"a\\u0000\":1}}", Member.class))
                .isInstanceOf(InvalidTextException.class);
    }

    @Test
    void treesAreCheckedToo() throws Exception {
        assertThatThrownBy(() -> json.readTree("[{\"a\":1},{\"b\":[\"x\",\"\\u0000\"]}]"))
                .isInstanceOfSatisfying(InvalidTextException.class, e -> assertThat(JsonErrors.pathOf(e)).isEqualTo("[1].b[1]"));
        assertThatThrownBy(() -> json.readValue("{\"k\":{\"\\udc00\":1}}", JsonNode.class)).isInstanceOf(InvalidTextException.class);
        assertThat(json.readTree("{\"a\":[\"👋\",null,1]}").get("a").get(0).asText()).isEqualTo("👋");
        assertThat(json.readTree("null").isNull()).isTrue();
    }

    @Test
    void parseErrorsAreSaidInWords() {
        assertThatThrownBy(() -> json.readTree("{\"id\": }")).isInstanceOfSatisfying(JsonParseException.class, e ->
                assertThat(JsonErrors.describe(e)).startsWith("The body is not valid JSON at line 1, column 8: unexpected "
                        + "character '}'; expected a valid value").doesNotContain("code 125"));
        assertThatThrownBy(() -> json.readTree("{\"id\": 1")).isInstanceOfSatisfying(JsonParseException.class, e ->
                assertThat(JsonErrors.describe(e)).contains("ends before the JSON value is complete")
                        .doesNotContain("Source").doesNotContain("StreamReadFeature"));
        assertThatThrownBy(() -> json.readTree("{\"id\": nope}")).isInstanceOfSatisfying(JsonParseException.class, e ->
                assertThat(JsonErrors.describe(e)).contains("'nope' is not a JSON value"));
        assertThat(JsonErrors.withoutClassNames("No enum constant io.kogu.metrics.api.model.Network.foo"))
                .isEqualTo("unknown value Network.foo");
    }
}
