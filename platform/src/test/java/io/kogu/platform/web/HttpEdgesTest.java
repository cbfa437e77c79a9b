package io.kogu.platform.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HttpEdgesTest {

    @Test
    void parametersArePercentDecodedStrictly() {
        assertThat(HttpEdges.decode("a%20b+c", true).text()).isEqualTo("a b c");
        assertThat(HttpEdges.decode("%F0%9F%91%8B", true).text()).isEqualTo("👋");
        assertThat(HttpEdges.decode("100%", true).text()).isEqualTo("100%");
        assertThat(HttpEdges.decode("%C0%AF", true).problem()).contains("overlong");
        assertThat(HttpEdges.decode("%ED%A0%80", true).problem()).contains("surrogate");
        assertThat(HttpEdges.decode("%E2%82", true).problem()).contains("ends inside");
        assertThat(HttpEdges.decode("%FF", false).problem()).contains("0xFF");
        assertThat(HttpEdges.decode("a%00b", true).text()).isEqualTo("a\u0000b");
    }

    @Test
    void largeRoutesMatchMethodPathTemplateAndType() {
        HttpEdges.LargeRoute stream = HttpEdges.LargeRoute.parse("POST /v1/events application/x-ndjson", 100);
        assertThat(stream.limit()).isEqualTo(100);
        assertThat(stream.mediaType()).isEqualTo("application/x-ndjson");
        HttpEdges.LargeRoute batch = HttpEdges.LargeRoute.parse("post /v1/drafts/{id}/imports 32M", Long.MAX_VALUE);
        assertThat(batch.limit()).isEqualTo(32L * 1024 * 1024);
        assertThat(batch.path().matcher("/v1/drafts/3f0b/imports").matches()).isTrue();
        assertThat(batch.path().matcher("/v1/drafts/a/b/imports").matches()).isFalse();
        assertThat(HttpEdges.LargeRoute.parse("POST /v1/x 1G", 1024).limit()).isEqualTo(1024);
    }
}
