package io.kogu.metrics;

import io.kogu.testsupport.Contract;
import io.kogu.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * Every endpoint refuses a call without a token (401) and a role it does not admit (403), as a problem; ids
 * that are not UUIDs and bad list parameters are 400; lists never show another workspace's publications.
 */
@QuarkusTest
class EndpointGuardsTest {

    private static final String ID = "3f0b8d0c-5a3e-4c55-9a51-2f8f0b6c1e2d";
    private static final String PERIOD = "from=2026-01-01T00:00:00Z&to=2026-01-08T00:00:00Z";

    private final Contract contract = Contract.ofThisService();

    @ParameterizedTest
    @CsvSource({
            "POST,/v1/events", "POST,/v1/publications", "GET,/v1/publications", "GET,/v1/publications/{id}",
            "GET,/v1/publications/{id}/summary", "GET,/v1/publications/{id}/segment-breakdown?segmentId={id}",
            "GET,/v1/summaries?groupBy=channel&" + PERIOD, "GET,/v1/time-series?interval=day&" + PERIOD,
            "GET,/v1/top-publications?" + PERIOD, "GET,/v1/best-time?channelId={id}",
            "GET,/v1/best-time/recommendations?channelId={id}", "POST,/v1/member-erasures"})
    void withoutATokenEveryEndpointIs401(String method, String path) {
        given().filter(contract.responsesOnly()).contentType("application/json").body("{}")
                .request(method, path.replace("{id}", ID)).then().statusCode(401)
                .contentType("application/problem+json").body("status", equalTo(401));
    }

    @ParameterizedTest
    @CsvSource({
            "viewer,POST,/v1/events", "approver,POST,/v1/publications", "integration,GET,/v1/publications",
            "integration,GET,/v1/publications/{id}", "integration,GET,/v1/publications/{id}/summary",
            "integration,GET,/v1/publications/{id}/segment-breakdown?segmentId={id}",
            "integration,GET,/v1/summaries?groupBy=channel&" + PERIOD,
            "integration,GET,/v1/time-series?interval=day&" + PERIOD, "integration,GET,/v1/top-publications?" + PERIOD,
            "integration,GET,/v1/best-time?channelId={id}", "integration,GET,/v1/best-time/recommendations?channelId={id}",
            "editor,POST,/v1/member-erasures"})
    void aRoleThatMayNotIs403(String role, String method, String path) {
        given().filter(contract.responsesOnly()).auth().oauth2(TestTokens.token(TestTokens.newWorkspace(), role))
                .contentType("application/json").body("{}")
                .request(method, path.replace("{id}", ID)).then().statusCode(403)
                .contentType("application/problem+json");
    }

    @ParameterizedTest
    @CsvSource({
            "/v1/publications/not-a-uuid", "/v1/publications/not-a-uuid/segment-breakdown?segmentId={id}",
            "/v1/publications/{id}/segment-breakdown?segmentId=not-a-uuid", "/v1/publications/{id}/segment-breakdown",
            "/v1/publications?limit=0", "/v1/publications?network=myspace", "/v1/publications?cursor=not-a-cursor"})
    void badIdsAndListParametersAre400(String path) {
        given().filter(contract.responsesOnly()).auth().oauth2(TestTokens.token(TestTokens.newWorkspace(), "viewer"))
                .get(path.replace("{id}", ID)).then().statusCode(400).contentType("application/problem+json")
                .body("status", equalTo(400));
    }

    @Test
    void listsNeverShowAnotherWorkspacesPublications() {
        Fixtures other = new Fixtures();
        Instant publishedAt = Instant.now().minus(2, ChronoUnit.HOURS);
        UUID publication = other.publication(UUID.randomUUID(), "x", publishedAt, null);
        other.post(Fixtures.event("o-1", publication, "like", publishedAt.plusSeconds(60), 5));
        other.as("viewer").get("/v1/publications").then().statusCode(200)
                .body("items.id", hasItem(publication.toString()));

        Fixtures mine = new Fixtures();
        mine.as("viewer").get("/v1/publications").then().statusCode(200).body("items", empty());
        mine.as("viewer").queryParam("network", "x").get("/v1/publications").then().statusCode(200).body("items", empty());
        mine.as("viewer").queryParam("from", publishedAt.minus(1, ChronoUnit.DAYS).toString())
                .queryParam("to", Instant.now().plus(1, ChronoUnit.HOURS).toString())
                .get("/v1/top-publications").then().statusCode(200).body("items", empty());
    }
}
