package io.kogu.content.schedule;

import io.kogu.testsupport.Contract;
import io.kogu.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * A slot that asks for the best time, with metrics-service down (its URL points nowhere in these tests): scheduling
 * still succeeds, inside the channel's posting windows, in an hour no other post on the channel holds, and says
 * that the posting windows decided. The path through a real metrics-service is in system-tests.
 */
@QuarkusTest
class BestTimeSchedulingTest {

    private static final ZoneId TALLINN = ZoneId.of("Europe/Tallinn");

    private final Contract contract = Contract.ofThisService();
    private final String workspace = TestTokens.newWorkspace();

    private RequestSpecification as(String subject, String... roles) {
        return given().filter(contract.full()).auth().oauth2(TestTokens.tokenOf(subject, workspace, roles))
                .contentType(ContentType.JSON);
    }

    private RequestSpecification badAs(String subject, String... roles) {
        return given().filter(contract.responsesOnly()).auth().oauth2(TestTokens.tokenOf(subject, workspace, roles))
                .contentType(ContentType.JSON);
    }

    private String etag(String id) {
        return as("vic", "viewer").get("/v1/drafts/{id}", id).then().extract().header("ETag");
    }

    private String channel() {
        return as("ada", "admin").body("""
                        {"network":"webhook","handle":"@kogu","timeZone":"Europe/Tallinn",
                         "connection":{"url":"https://hooks.example.com/kogu"},
                         "postingWindows":[{"weekday":"tuesday","start":"09:00","end":"11:00"},
                                           {"weekday":"thursday","start":"18:00","end":"19:00"}]}""")
                .post("/v1/channels").then().statusCode(201).extract().path("id");
    }

    private String approvedDraft(String channel) {
        String id = as("ann", "editor").body("{\"title\":\"Best\",\"body\":\"When they are there\",\"channelIds\":[\"%s\"]}"
                .formatted(channel)).post("/v1/drafts").then().statusCode(201).extract().path("id");
        as("ann", "editor").header("If-Match", etag(id)).body("{}").post("/v1/drafts/{id}/submission", id).then().statusCode(200);
        as("bob", "approver").header("If-Match", etag(id)).body("{}").post("/v1/drafts/{id}/approvals", id).then().statusCode(200);
        return id;
    }

    private Instant scheduleBest(String draft, String channel) {
        String at = as("bob", "approver").header("If-Match", etag(draft))
                .body("{\"slots\":[{\"channelId\":\"%s\",\"best\":{}}]}".formatted(channel))
                .post("/v1/drafts/{id}/schedule", draft).then().statusCode(200)
                .body("slots[0].basis", equalTo("posting_windows")).extract().path("slots[0].publishAt");
        return OffsetDateTime.parse(at).toInstant();
    }

    @Test
    void withMetricsDownTheBestTimeIsAFreeHourOfAPostingWindow() {
        String channel = channel();
        Instant first = scheduleBest(approvedDraft(channel), channel);
        Instant second = scheduleBest(approvedDraft(channel), channel);
        for (Instant at : new Instant[] {first, second}) {
            ZonedDateTime local = at.atZone(TALLINN);
            assertThat(Set.of(DayOfWeek.TUESDAY, DayOfWeek.THURSDAY)).contains(local.getDayOfWeek());
            boolean inWindow = local.getDayOfWeek() == DayOfWeek.TUESDAY
                    ? local.getHour() >= 9 && local.getHour() < 11 : local.getHour() == 18;
            assertThat(inWindow).as(local + " lies in a posting window").isTrue();
            assertThat(at).isAfter(Instant.now()).isBefore(Instant.now().plus(Duration.ofDays(7)));
        }
        assertThat(Duration.between(first, second).abs()).as("the second post takes another hour")
                .isGreaterThanOrEqualTo(Duration.ofHours(1));
    }

    @Test
    void aBestSlotWithATimeOrABadWindowIs400() {
        String channel = channel();
        String draft = approvedDraft(channel);
        badAs("bob", "approver").header("If-Match", etag(draft))
                .body("{\"slots\":[{\"channelId\":\"%s\",\"best\":{},\"publishAt\":\"%s\"}]}".formatted(channel,
                        Instant.now().plus(Duration.ofDays(1))))
                .post("/v1/drafts/{id}/schedule", draft).then().statusCode(400).body("errors[0].field", equalTo("slots[0].best"));
        Instant from = Instant.now().plus(Duration.ofDays(2));
        badAs("bob", "approver").header("If-Match", etag(draft))
                .body("{\"slots\":[{\"channelId\":\"%s\",\"best\":{\"from\":\"%s\",\"to\":\"%s\"}}]}".formatted(channel, from,
                        from.minus(Duration.ofHours(1))))
                .post("/v1/drafts/{id}/schedule", draft).then().statusCode(400).body("errors[0].field", equalTo("slots[0].best.to"));
        badAs("bob", "approver").header("If-Match", etag(draft))
                .body("{\"slots\":[{\"channelId\":\"%s\",\"best\":{\"from\":\"%s\",\"to\":\"%s\"}}]}".formatted(channel, from,
                        from.plus(Duration.ofDays(40))))
                .post("/v1/drafts/{id}/schedule", draft).then().statusCode(400).body("errors[0].field", equalTo("slots[0].best.to"));
    }
}
