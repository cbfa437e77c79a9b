package io.kogu.metrics;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static io.kogu.metrics.Fixtures.event;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

/** The HTTP edge of issue 10 (items 4, 6, 11) on metrics-service's routes, answers checked against the contract. */
@QuarkusTest
class HttpEdgesTest {

    private final Fixtures fx = new Fixtures();
    private final Instant at = Instant.now().minus(2, ChronoUnit.HOURS);
    private UUID publication;

    @BeforeEach
    void registerAPublication() {
        publication = fx.publication(UUID.randomUUID());
    }

    @Test
    void aJsonRouteRefusesABodyOverTheSmallLimitWithA413() {
        String huge = "{\"id\":\"" + UUID.randomUUID() + "\",\"campaign\":\"" + "a".repeat(3 * 1024 * 1024) + "\"}";
        fx.badRequestAs("integration").body(huge).post("/v1/publications").then().statusCode(413)
                .contentType("application/problem+json").body("type", equalTo("https://kogu.io/problems/payload-too-large"));
    }

    @Test
    void theNdjsonStreamStillTakesBodiesBeyondTheSmallLimit() {
        StringBuilder stream = new StringBuilder(event("big-1", publication, "like", at, 1)).append('\n');
        String blank = " ".repeat(1000) + "\n";
        while (stream.length() < 3 * 1024 * 1024) {
            stream.append(blank);
        }
        stream.append(event("big-2", publication, "like", at, 1)).append('\n');
        fx.badRequestAs("integration").contentType("application/x-ndjson").body(stream.toString().getBytes(StandardCharsets.UTF_8))
                .post("/v1/events").then().statusCode(200).body("accepted", equalTo(2));
    }

    @Test
    void anNdjsonLineLongerThanTheBoundIsA413NamingTheLine() {
        String stream = event("l-1", publication, "like", at, 1) + "\n"
                + "{\"eventId\":\"" + "x".repeat(70_000) + "\"}\n"
                + event("l-3", publication, "like", at, 1) + "\n";
        fx.badRequestAs("integration").contentType("application/x-ndjson").body(stream.getBytes(StandardCharsets.UTF_8))
                .post("/v1/events").then().statusCode(413).contentType("application/problem+json").body("detail", containsString("Line 2"))
                .body("errors[0].field", equalTo("line 2"));
        // The line before the long one was stored: sent again, it is a duplicate; the one after it was not.
        fx.badRequestAs("integration").contentType("application/x-ndjson")
                .body((event("l-1", publication, "like", at, 1) + "\n" + event("l-3", publication, "like", at, 1) + "\n")
                        .getBytes(StandardCharsets.UTF_8))
                .post("/v1/events").then().statusCode(200).body("duplicates", equalTo(1)).body("accepted", equalTo(1));
    }

    @Test
    void overlongUtf8InAnNdjsonStreamIsA400() {
        // The second event's id gets an overlong '/' (C0 AF) inside.
        String second = event("u-2", publication, "like", at, 1);
        int cut = second.indexOf("u-2") + 2;
        byte[] stream = concat(event("u-1", publication, "like", at, 1).getBytes(StandardCharsets.UTF_8), "\n".getBytes(StandardCharsets.UTF_8),
                second.substring(0, cut).getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xC0, (byte) 0xAF},
                second.substring(cut).getBytes(StandardCharsets.UTF_8));
        fx.badRequestAs("integration").contentType("application/x-ndjson").body(stream).post("/v1/events").then()
                .statusCode(400).contentType("application/problem+json").body("detail", containsString("UTF-8"))
                .body("errors[0].field", equalTo("line 2"));
    }

    @Test
    void nulInAJsonStringIsA400NamingItsPath() {
        String batch = "[" + event("n-1", publication, "like", at, 1) + "," + event("n-\\u0000", publication, "like", at, 1) + "]";
        fx.as("integration").body(batch).post("/v1/events").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("[1].eventId"))
                .body("detail", containsString("U+0000"));
        fx.as("integration").body("{\"id\":\"" + UUID.randomUUID() + "\",\"channelId\":\"" + UUID.randomUUID()
                + "\",\"network\":\"x\",\"publishedAt\":\"" + at + "\",\"campaign\":\"a\\u0000b\"}")
                .post("/v1/publications").then().statusCode(400).body("errors[0].field", equalTo("campaign"));
    }

    @Test
    void aLoneSurrogateInAJsonStringIsA400() {
        fx.as("integration").body("{\"id\":\"" + UUID.randomUUID() + "\",\"channelId\":\"" + UUID.randomUUID()
                + "\",\"network\":\"x\",\"publishedAt\":\"" + at + "\",\"campaign\":\"a\\ud800b\"}")
                .post("/v1/publications").then().statusCode(400).body("errors[0].field", equalTo("campaign"))
                .body("errors[0].message", containsString("surrogate"));
    }

    @Test
    void overlongUtf8InAJsonBodyIsA400() {
        String before = "{\"id\":\"" + UUID.randomUUID() + "\",\"channelId\":\"" + UUID.randomUUID()
                + "\",\"network\":\"x\",\"publishedAt\":\"" + at + "\",\"campaign\":\"a";
        byte[] body = concat(before.getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xC0, (byte) 0xAF},
                "b\"}".getBytes(StandardCharsets.UTF_8));
        fx.badRequestAs("integration").body(body).post("/v1/publications").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("UTF-8"));
    }

    @Test
    void aBadJsonBodyIsDescribedInWordsWithoutParserInternals() {
        fx.badRequestAs("integration").body("{\"id\": }").post("/v1/publications").then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("line 1, column"))
                .body("detail", not(containsString("Source")))
                .body("detail", not(containsString("code 125")))
                .body("detail", not(containsString("StreamReadFeature")));
        fx.badRequestAs("integration").body("[1,2]").post("/v1/publications").then().statusCode(400)
                .body("detail", not(containsString("java")))
                .body("detail", equalTo("The body must be an object in JSON"));
    }

    @Test
    void aWrongContentTypeIsA415Problem() {
        fx.badRequestAs("integration").contentType("text/plain").body("hello").post("/v1/publications").then().statusCode(415)
                .contentType("application/problem+json").body("requestId", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void nulInAQueryFilterIsA400NamingTheParameter() {
        fx.badRequestAs("viewer").urlEncodingEnabled(false).get("/v1/publications?campaign=a%00b").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("campaign"));
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
