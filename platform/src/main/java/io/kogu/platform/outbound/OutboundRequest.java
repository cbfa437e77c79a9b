package io.kogu.platform.outbound;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One outbound HTTP request; built fluently: {@code OutboundRequest.post(uri).json(body).header(...)}. */
public final class OutboundRequest {

    private final String method;
    private final URI uri;
    private final List<Map.Entry<String, String>> headers = new ArrayList<>();
    private byte[] body;
    private String contentType;
    private Duration responseTimeout;
    private Long maxResponseBytes;
    private Duration deadline;

    private OutboundRequest(String method, URI uri) {
        this.method = method;
        this.uri = uri;
    }

    public static OutboundRequest get(URI uri) {
        return new OutboundRequest("GET", uri);
    }

    public static OutboundRequest post(URI uri) {
        return new OutboundRequest("POST", uri);
    }

    public static OutboundRequest put(URI uri) {
        return new OutboundRequest("PUT", uri);
    }

    public static OutboundRequest delete(URI uri) {
        return new OutboundRequest("DELETE", uri);
    }

    public static OutboundRequest of(String method, URI uri) {
        return new OutboundRequest(method, uri);
    }

    public OutboundRequest header(String name, String value) {
        headers.add(Map.entry(name, value));
        return this;
    }

    public OutboundRequest bearer(String token) {
        return header("Authorization", "Bearer " + token);
    }

    public OutboundRequest body(byte[] body, String contentType) {
        this.body = body;
        this.contentType = contentType;
        return this;
    }

    public OutboundRequest json(String json) {
        return body(json.getBytes(StandardCharsets.UTF_8), "application/json");
    }

    /** An {@code application/x-www-form-urlencoded} body; values are encoded here. */
    public OutboundRequest form(Map<String, String> fields) {
        StringBuilder encoded = new StringBuilder();
        fields.forEach((name, value) -> {
            if (encoded.length() > 0) {
                encoded.append('&');
            }
            encoded.append(java.net.URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                    .append(java.net.URLEncoder.encode(value, StandardCharsets.UTF_8));
        });
        return body(encoded.toString().getBytes(StandardCharsets.UTF_8), "application/x-www-form-urlencoded");
    }

    /** Waits at most this long for the answer (instead of {@code kogu.outbound.response-timeout}). */
    public OutboundRequest responseTimeout(Duration timeout) {
        this.responseTimeout = timeout;
        return this;
    }

    /** Reads at most this many bytes of the answer (instead of {@code kogu.outbound.max-response-bytes}). */
    public OutboundRequest maxResponseBytes(long bytes) {
        this.maxResponseBytes = bytes;
        return this;
    }

    /**
     * The whole exchange, answer read included, takes at most this long: a server that trickles an endless
     * answer a byte at a time never lets the response timeout (which waits for each packet) run out.
     */
    public OutboundRequest deadline(Duration deadline) {
        this.deadline = deadline;
        return this;
    }

    Duration deadline() {
        return deadline;
    }

    public String method() {
        return method;
    }

    public URI uri() {
        return uri;
    }

    public List<Map.Entry<String, String>> headers() {
        return headers;
    }

    public byte[] body() {
        return body;
    }

    public String contentType() {
        return contentType;
    }

    Duration responseTimeoutOr(Duration fallback) {
        return responseTimeout != null ? responseTimeout : fallback;
    }

    long maxResponseBytesOr(long fallback) {
        return maxResponseBytes != null ? maxResponseBytes : fallback;
    }
}
