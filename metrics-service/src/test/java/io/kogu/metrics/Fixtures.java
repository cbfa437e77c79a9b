package io.kogu.metrics;

import io.kogu.testsupport.Contract;
import io.kogu.testsupport.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import java.time.Instant;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** A fresh workspace with calls validated against the contract, and helpers to make publications and events. */
final class Fixtures {

    final Contract contract = Contract.ofThisService();
    final String workspace = TestTokens.newWorkspace();

    RequestSpecification as(String... roles) {
        return given().filter(contract.full()).auth().oauth2(TestTokens.token(workspace, roles)).contentType(ContentType.JSON);
    }

    /** Requests that break the contract on purpose: only the answer is validated. */
    RequestSpecification badRequestAs(String... roles) {
        return given().filter(contract.responsesOnly()).auth().oauth2(TestTokens.token(workspace, roles))
                .contentType(ContentType.JSON);
    }

    /** A call as another Kogu service would make it in the background: a service token, the workspace in a header. */
    RequestSpecification asService() {
        return given().filter(contract.full()).auth().oauth2(TestTokens.service("metrics-service"))
                .header("Kogu-Workspace", workspace).contentType(ContentType.JSON);
    }

    UUID publication(UUID channel, String network, Instant publishedAt, String extra) {
        UUID id = UUID.randomUUID();
        asService().body("""
                {"id":"%s","channelId":"%s","network":"%s","publishedAt":"%s"%s}"""
                .formatted(id, channel, network, publishedAt, extra == null ? "" : "," + extra))
                .post("/v1/publications").then().statusCode(201);
        return id;
    }

    UUID publication(UUID channel) {
        return publication(channel, "x", Instant.now().minusSeconds(86_400), null);
    }

    static String event(String eventId, UUID publication, String type, Instant occurredAt, int count) {
        return """
                {"eventId":"%s","publicationId":"%s","type":"%s","occurredAt":"%s","count":%d}"""
                .formatted(eventId, publication, type, occurredAt, count);
    }

    void post(String body) {
        as("integration").body(body).post("/v1/events").then().statusCode(200);
    }
}
