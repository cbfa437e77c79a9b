package io.kogu.metrics;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
class PublicationTagFilterTest {

    private final Fixtures fx = new Fixtures();

    @Test
    void publicationsAreListedByTag() {
        UUID channel = UUID.randomUUID();
        UUID spring = fx.publication(channel, "x", Instant.now().minusSeconds(7200), "\"tags\":[\"launch\",\"spring\"]");
        fx.publication(channel, "x", Instant.now().minusSeconds(3600), "\"tags\":[\"launch\"]");
        fx.as("viewer").queryParam("tag", "spring").get("/v1/publications").then().statusCode(200)
                .body("items.id", equalTo(List.of(spring.toString())));
        fx.as("viewer").queryParam("tag", "launch").get("/v1/publications").then().statusCode(200)
                .body("items.size()", equalTo(2));
        fx.as("viewer").queryParam("tag", "autumn").get("/v1/publications").then().statusCode(200)
                .body("items.size()", equalTo(0));
    }
}
