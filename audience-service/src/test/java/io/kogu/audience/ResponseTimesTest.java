package io.kogu.audience;

import io.kogu.testsupport.Contract;
import io.kogu.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/** Inbox settings and response times per channel and assignee, in business hours, as JSON and CSV. */
@QuarkusTest
class ResponseTimesTest {

    private final InboxCalls calls = new InboxCalls();
    private final Contract contract = calls.contract;
    private final String workspace = calls.workspace;

    /** A fan asks at {@code asked}; we answer (our own item collected back) at {@code answered}. */
    private String askedAndAnswered(String channel, String asked, String answered) {
        String root = "root-" + UUID.randomUUID();
        String fan = ConversationsTest.item(channel, "q-" + UUID.randomUUID(), "comment", root, "fan.bsky.social", "Hi?",
                Instant.parse(asked));
        String us = ConversationsTest.item(channel, "a-" + UUID.randomUUID(), "reply", root, "brand.bsky.social", "Hello!",
                Instant.parse(answered)).replace("\"occurredAt\"", "\"fromUs\":true,\"occurredAt\"");
        return given().filter(contract.full()).auth().oauth2(TestTokens.serviceForThisService())
                .header("Kogu-Workspace", workspace).contentType(ContentType.JSON)
                .body("{\"items\":[" + fan + "," + us + "]}").post("/v1/conversation-items").then().statusCode(200)
                .extract().path("items[0].conversationId");
    }

    @Test
    void settingsHaveDefaultsAndChangeByVersion() {
        calls.as("viewer").get("/v1/inbox-settings").then().statusCode(200).header("ETag", "\"0\"")
                .body("timeZone", equalTo("UTC")).body("businessHours.size()", equalTo(5));
        String body = """
                {"timeZone":"Europe/Tallinn","businessHours":[{"weekday":"monday","start":"09:00","end":"17:00"}]}""";
        calls.badRequestAs("admin").body(body).put("/v1/inbox-settings").then().statusCode(428);
        calls.as("admin").header("If-Match", "\"0\"").body(body).put("/v1/inbox-settings").then().statusCode(200)
                .header("ETag", "\"1\"").body("timeZone", equalTo("Europe/Tallinn"));
        calls.as("admin").header("If-Match", "\"0\"").body(body).put("/v1/inbox-settings").then().statusCode(412);
        calls.badRequestAs("admin").header("If-Match", "\"1\"").body("""
                {"timeZone":"Mars/Olympus","businessHours":[{"weekday":"monday","start":"17:00","end":"09:00"}]}""")
                .put("/v1/inbox-settings").then().statusCode(400)
                .body("errors.field", equalTo(List.of("timeZone", "businessHours[0]")));
        calls.as("editor").header("If-Match", "\"1\"").body(body).put("/v1/inbox-settings").then().statusCode(403);
        given().filter(contract.responsesOnly()).get("/v1/inbox-settings").then().statusCode(401);
    }

    @Test
    void firstResponseTimesCountOnlyBusinessHoursPerChannelAndAssignee() {
        calls.as("admin").header("If-Match", "\"0\"").body("""
                {"timeZone":"Europe/Tallinn","businessHours":[
                  {"weekday":"monday","start":"09:00","end":"17:00"},{"weekday":"tuesday","start":"09:00","end":"17:00"}]}""")
                .put("/v1/inbox-settings").then().statusCode(200);
        String web = UUID.randomUUID().toString();
        String shop = UUID.randomUUID().toString();
        // Monday 2 March 2026 16:00 Tallinn (14:00Z), answered Tuesday 10:00 (08:00Z): 60 + 60 business minutes.
        askedAndAnswered(web, "2026-03-02T14:00:00Z", "2026-03-03T08:00:00Z");
        // Monday 10:00, answered 10:30: 30 minutes.
        String fast = askedAndAnswered(shop, "2026-03-02T08:00:00Z", "2026-03-02T08:30:00Z");
        String etag = calls.as("viewer").get("/v1/conversations/{id}", fast).header("ETag");
        calls.as("editor").header("If-Match", etag).body("{\"assignee\":\"bob\"}").patch("/v1/conversations/{id}", fast)
                .then().statusCode(200);

        calls.as("viewer").queryParam("from", "2026-03-01T00:00:00Z").queryParam("to", "2026-03-08T00:00:00Z")
                .get("/v1/response-times").then().statusCode(200).body("timeZone", equalTo("Europe/Tallinn"))
                .body("overall.conversations", equalTo(2)).body("overall.firstResponse.count", equalTo(2))
                .body("overall.firstResponse.p50Minutes", equalTo(30.0f))
                .body("overall.firstResponse.p90Minutes", equalTo(120.0f))
                .body("byChannel.find { it.key == '%s' }.firstResponse.p50Minutes".formatted(web), equalTo(120.0f))
                .body("byAssignee.find { it.key == 'bob' }.firstResponse.p50Minutes", equalTo(30.0f))
                .body("byAssignee.find { it.key == null }.conversations", equalTo(1))
                .body("overall.resolution.count", equalTo(0)).body("overall.resolution.p50Minutes", nullValue());

        String csv = given().filter(contract.full()).auth().oauth2(TestTokens.token(workspace, "viewer"))
                .accept("text/csv").queryParam("from", "2026-03-01T00:00:00Z").queryParam("to", "2026-03-08T00:00:00Z")
                .get("/v1/response-times").then().statusCode(200).contentType("text/csv").extract().asString();
        assertThat(csv.split("\r\n")).hasSize(6);
        assertThat(csv).startsWith("groupBy,key,conversations,");
        assertThat(csv).contains("overall,,2,2,30.0,120.0,0,,").contains("assignee,bob,1,1,30.0,30.0,0,,");
        assertThat(calls.as("viewer").queryParam("format", "csv").queryParam("from", "2026-03-01T00:00:00Z")
                .queryParam("to", "2026-03-08T00:00:00Z").get("/v1/response-times").asString()).isEqualTo(csv);

        calls.badRequestAs("viewer").queryParam("from", "2026-03-08T00:00:00Z").queryParam("to", "2026-03-01T00:00:00Z")
                .get("/v1/response-times").then().statusCode(400);
        calls.badRequestAs("viewer").queryParam("from", "2026-03-01").queryParam("to", "2026-03-08T00:00:00Z")
                .get("/v1/response-times").then().statusCode(400);
        calls.as("integration").queryParam("from", "2026-03-01T00:00:00Z").queryParam("to", "2026-03-08T00:00:00Z")
                .get("/v1/response-times").then().statusCode(403);
        given().filter(contract.responsesOnly()).queryParam("from", "2026-03-01T00:00:00Z")
                .queryParam("to", "2026-03-08T00:00:00Z").get("/v1/response-times").then().statusCode(401);
        // Another workspace sees none of these conversations.
        given().filter(contract.full()).auth().oauth2(TestTokens.token(TestTokens.newWorkspace(), "viewer"))
                .queryParam("from", "2026-03-01T00:00:00Z").queryParam("to", "2026-03-08T00:00:00Z")
                .get("/v1/response-times").then().statusCode(200).body("overall.conversations", equalTo(0));
    }
}
