package io.kogu.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kogu.testsupport.BlueskyTestNetwork;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * XRPC as the test network's other accounts' own apps would call their PDS
 * (https://docs.bsky.app/docs/advanced-guides/posts): sign in, write a record, read one back.
 */
final class BlueskyClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    // HTTP/1.1: the JDK client's h2c upgrade request makes Node's HTTP server drop the connection.
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final BlueskyTestNetwork network;

    BlueskyClient(BlueskyTestNetwork network) {
        this.network = network;
    }

    String session(BlueskyTestNetwork.TestAccount account) throws IOException, InterruptedException {
        return xrpc("com.atproto.server.createSession", Map.of("identifier", account.handle(), "password",
                account.password()), null).path("accessJwt").asText();
    }

    /** Writes a record; answers {@code {uri, cid}}. */
    JsonNode create(BlueskyTestNetwork.TestAccount account, String jwt, String collection, Map<String, Object> record)
            throws IOException, InterruptedException {
        return xrpc("com.atproto.repo.createRecord", Map.of("repo", account.did(), "collection", collection, "record", record), jwt);
    }

    /** {@code com.atproto.repo.getRecord} of an at-uri: {@code {uri, cid, value}}. */
    JsonNode record(String uri) throws IOException, InterruptedException {
        String[] parts = uri.substring("at://".length()).split("/");
        URI get = network.pdsUrl().resolve("/xrpc/com.atproto.repo.getRecord?repo=" + enc(parts[0]) + "&collection="
                + enc(parts[1]) + "&rkey=" + enc(parts[2]));
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(get).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    String cidOf(String uri) throws IOException, InterruptedException {
        return record(uri).path("cid").asText();
    }

    private JsonNode xrpc(String method, Map<String, Object> body, String jwt) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(network.pdsUrl().resolve("/xrpc/" + method))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (jwt != null) {
            request.header("Authorization", "Bearer " + jwt);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
