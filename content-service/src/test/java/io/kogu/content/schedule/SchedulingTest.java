package io.kogu.content.schedule;

import io.kogu.content.time.Dst;
import io.kogu.content.time.SettableClock;
import io.kogu.content.publish.PublicationWork;
import io.kogu.testsupport.Contract;
import io.kogu.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

@QuarkusTest
class SchedulingTest {

    private static final ZoneId TALLINN = ZoneId.of("Europe/Tallinn");
    /** A year that lies ahead whatever today is: the dates of these tests are in it. */
    private static final int YEAR = Dst.nextYear() + 1;

    private final Contract contract = Contract.ofThisService();
    private final String workspace = TestTokens.newWorkspace();

    @Inject
    PublicationWork work;

    @Inject
    SettableClock clock;

    private RequestSpecification as(String subject, String... roles) {
        return given().filter(contract.full()).auth().oauth2(TestTokens.tokenOf(subject, workspace, roles))
                .contentType(ContentType.JSON);
    }

    private RequestSpecification badAs(String subject, String... roles) {
        return given().filter(contract.responsesOnly()).auth().oauth2(TestTokens.tokenOf(subject, workspace, roles))
                .contentType(ContentType.JSON);
    }

    /** A channel of its own account: the same network and handle cannot be connected twice. */
    private String channel(String network) {
        return as("ada", "admin").body("{\"network\":\"%s\",\"handle\":\"@kogu-%s\",\"timeZone\":\"Europe/Tallinn\"}"
                .formatted(network, java.util.UUID.randomUUID())).post("/v1/channels").then().statusCode(201).extract().path("id");
    }

    /** {@code monthDayTime} (MM-dd…) in {@link #YEAR}. */
    private static String at(String monthDayTime) {
        return YEAR + "-" + monthDayTime;
    }

    private String etag(String id) {
        return as("vic", "viewer").get("/v1/drafts/{id}", id).then().extract().header("ETag");
    }

    /** A draft on the channels, submitted and approved by bob. */
    private String approvedDraft(String title, String... channels) {
        String id = as("ann", "editor").body("{\"title\":\"%s\",\"body\":\"Soon\",\"channelIds\":[\"%s\"]}"
                .formatted(title, String.join("\",\"", channels))).post("/v1/drafts").then().statusCode(201).extract().path("id");
        as("ann", "editor").header("If-Match", etag(id)).body("{}").post("/v1/drafts/{id}/submission", id).then().statusCode(200);
        as("bob", "approver").header("If-Match", etag(id)).body("{}").post("/v1/drafts/{id}/approvals", id).then()
                .statusCode(200).body("status", equalTo("approved"));
        return id;
    }

    private Response schedule(String id, String slots) {
        return as("bob", "approver").header("If-Match", etag(id)).body("{\"slots\":[" + slots + "]}")
                .post("/v1/drafts/{id}/schedule", id);
    }

    @Test
    void aDraftIsScheduledPerChannelAtAnInstantOrALocalTime() {
        String x = channel("webhook");
        String bluesky = channel("webhook");
        String id = approvedDraft("Launch", x, bluesky);
        schedule(id, """
                {"channelId":"%s","publishAt":"%s"},
                {"channelId":"%s","localDateTime":"%s","timeZone":"Europe/Tallinn"}"""
                .formatted(x, at("05-01T22:30:00Z"), bluesky, at("05-04T09:15")))
                .then().statusCode(200).body("status", equalTo("scheduled"))
                .body("slots.channelId", equalTo(List.of(x, bluesky)))
                .body("slots[0].publishAt", equalTo(at("05-01T22:30:00Z"))).body("slots[0].state", equalTo("pending"))
                .body("slots[1].publishAt", equalTo(at("05-04T06:15:00Z")))
                .body("slots[1].localDateTime", equalTo(at("05-04T09:15"))).body("slots[1].timeZone", equalTo("Europe/Tallinn"));
        as("vic", "viewer").get("/v1/drafts/{id}/schedule", id).then().statusCode(200).body("slots.size()", equalTo(2))
                .header("ETag", etag(id));
        as("vic", "viewer").get("/v1/drafts/{id}/history", id).then().body("items[0].action", equalTo("schedule"))
                .body("items[0].to", equalTo("scheduled"));

        // Grouped by local day: 22:30 UTC on 1 May is 01:30 on 2 May in Tallinn.
        as("vic", "viewer").queryParam("from", at("05-01")).queryParam("to", at("05-31"))
                .queryParam("timeZone", "Europe/Tallinn").get("/v1/calendar").then().statusCode(200)
                .body("days.date", equalTo(List.of(at("05-02"), at("05-04"))))
                .body("days[0].items[0].time", equalTo("01:30")).body("days[0].items[0].title", equalTo("Launch"))
                .body("days[1].items[0].time", equalTo("09:15")).body("days[1].items[0].channelId", equalTo(bluesky));
        as("vic", "viewer").queryParam("from", at("05-01")).queryParam("to", at("05-01")).get("/v1/calendar").then()
                .body("timeZone", equalTo("UTC")).body("days.date", equalTo(List.of(at("05-01"))))
                .body("days[0].items[0].time", equalTo("22:30"));
        as("vic", "viewer").queryParam("from", at("05-01")).queryParam("to", at("05-31")).queryParam("channelId", bluesky)
                .get("/v1/calendar").then().body("days.date", equalTo(List.of(at("05-04"))));
    }

    @Test
    void aTimeSkippedBySpringForwardIs422AndARepeatedOneTakesTheEarlierOffset() {
        String x = channel("webhook");
        String id = approvedDraft("DST", x);
        // Next year's changes, computed: Tallinn springs forward at 03:00 local (01:00 UTC) on the last Sunday of
        // March, so 03:30 does not exist that day.
        ZoneOffsetTransition spring = Dst.spring(TALLINN, Dst.nextYear());
        assertThat(spring.getDateTimeBefore().toLocalTime()).isEqualTo(LocalTime.of(3, 0));
        LocalDateTime skipped = spring.getDateTimeBefore().plusMinutes(30);
        schedule(id, "{\"channelId\":\"%s\",\"localDateTime\":\"%s\",\"timeZone\":\"Europe/Tallinn\"}".formatted(x, skipped))
                .then().statusCode(422).body("errors[0].field", equalTo("slots[0].localDateTime"))
                .body("detail", containsString("does not exist in Europe/Tallinn"));
        // 02:30 is before the jump there, and exists (at +02:00).
        LocalDateTime before = spring.getDateTimeBefore().minusMinutes(30);
        schedule(id, "{\"channelId\":\"%s\",\"localDateTime\":\"%s\",\"timeZone\":\"Europe/Tallinn\"}".formatted(x, before))
                .then().statusCode(200)
                .body("slots[0].publishAt", equalTo(before.toInstant(ZoneOffset.ofHours(2)).toString()));
        // Clocks fall back at 04:00 on the last Sunday of October, so 03:30 happens twice: the first, at +03:00,
        // is taken.
        ZoneOffsetTransition autumn = Dst.autumn(TALLINN, Dst.nextYear());
        assertThat(autumn.getDateTimeBefore().toLocalTime()).isEqualTo(LocalTime.of(4, 0));
        LocalDateTime twice = autumn.getDateTimeAfter().plusMinutes(30);
        schedule(id, "{\"channelId\":\"%s\",\"localDateTime\":\"%s\",\"timeZone\":\"Europe/Tallinn\"}".formatted(x, twice))
                .then().statusCode(200)
                .body("slots[0].publishAt", equalTo(twice.toInstant(ZoneOffset.ofHours(3)).toString()));
    }

    @Test
    void badSlotsAreNamed() {
        String x = channel("webhook");
        String other = channel("webhook");
        String id = approvedDraft("Bad", x);
        badAs("bob", "approver").header("If-Match", etag(id)).body("""
                {"slots":[{"channelId":"%s","publishAt":"%s","localDateTime":"%s","timeZone":"UTC"},
                          {"channelId":"%s","publishAt":"%s"},
                          {"channelId":"%s","localDateTime":"%s","timeZone":"Mars/Base"}]}"""
                .formatted(x, at("01-01T00:00:00Z"), at("01-01T09:00"), other, at("01-01T00:00:00Z"), x, at("01-01T09:00")))
                .post("/v1/drafts/{id}/schedule", id).then().statusCode(400)
                .body("errors.field", hasItem("slots[0]")).body("errors.field", hasItem("slots[1].channelId"))
                .body("errors.field", hasItem("slots[2].timeZone"));
        schedule(id, "{\"channelId\":\"%s\",\"publishAt\":\"2020-01-01T00:00:00Z\"}".formatted(x)).then().statusCode(422)
                .body("errors[0].field", equalTo("slots[0]"));
        badAs("bob", "approver").header("If-Match", etag(id)).body("{\"slots\":[]}").post("/v1/drafts/{id}/schedule", id)
                .then().statusCode(400);
    }

    @Test
    void whatIsInThePastIsDecidedByTheInjectedClock() {
        String x = channel("x");
        String id = approvedDraft("Clock", x);
        clock.set(Instant.parse((YEAR + 5) + "-01-01T00:00:00Z"));
        try {
            schedule(id, "{\"channelId\":\"%s\",\"publishAt\":\"%s\"}".formatted(x, at("06-01T10:00:00Z")))
                    .then().statusCode(422).body("errors[0].field", equalTo("slots[0]"));
            schedule(id, "{\"channelId\":\"%s\",\"publishAt\":\"%s\"}".formatted(x, (YEAR + 5) + "-06-01T10:00:00Z"))
                    .then().statusCode(200);
            // Every save is stamped by the same clock.
            as("vic", "viewer").get("/v1/drafts/{id}", id).then().body("updatedAt", equalTo((YEAR + 5) + "-01-01T00:00:00Z"));
        } finally {
            clock.reset();
        }
    }

    @Test
    void onlyApprovedDraftsAreScheduledAndUnschedulingReturnsThemToApproved() {
        String x = channel("webhook");
        String fresh = as("ann", "editor").body("{\"title\":\"New\",\"channelIds\":[\"%s\"]}".formatted(x)).post("/v1/drafts")
                .then().statusCode(201).extract().path("id");
        schedule(fresh, "{\"channelId\":\"%s\",\"publishAt\":\"%s\"}".formatted(x, at("01-01T00:00:00Z"))).then().statusCode(409)
                .body("errors.message", equalTo(List.of("edit", "submit", "archive")));

        String id = approvedDraft("Go", x);
        schedule(id, "{\"channelId\":\"%s\",\"publishAt\":\"%s\"}".formatted(x, at("01-01T00:00:00Z"))).then().statusCode(200);
        as("ann", "editor").header("If-Match", etag(id)).delete("/v1/drafts/{id}/schedule", id).then().statusCode(403);
        as("bob", "approver").header("If-Match", etag(id)).delete("/v1/drafts/{id}/schedule", id).then().statusCode(200)
                .body("status", equalTo("approved")).body("slots.size()", equalTo(0));
        as("vic", "viewer").queryParam("from", (YEAR - 1) + "-12-31").queryParam("to", at("01-02")).get("/v1/calendar").then()
                .body("days.size()", equalTo(0));
    }

    @Test
    void editingAScheduledDraftSendsItBackToReviewAndUnschedulesIt() {
        String x = channel("webhook");
        String id = approvedDraft("Edit me", x);
        schedule(id, "{\"channelId\":\"%s\",\"publishAt\":\"%s\"}".formatted(x, at("02-01T10:00:00Z"))).then().statusCode(200);
        as("ann", "editor").header("If-Match", etag(id)).body("{\"title\":\"Edited\",\"channelIds\":[\"%s\"]}".formatted(x))
                .put("/v1/drafts/{id}", id).then().statusCode(200).body("status", equalTo("in_review"));
        as("vic", "viewer").get("/v1/drafts/{id}/schedule", id).then().body("slots.size()", equalTo(0));
        as("vic", "viewer").get("/v1/drafts/{id}/history", id).then().body("items[0].from", equalTo("scheduled"))
                .body("items[0].to", equalTo("in_review"));
    }

    @Test
    void schedulingIsScopedAndGuarded() {
        String x = channel("webhook");
        String id = approvedDraft("Mine", x);
        String stranger = TestTokens.token(TestTokens.newWorkspace(), "admin");
        given().filter(contract.full()).auth().oauth2(stranger).get("/v1/drafts/{id}/schedule", id).then().statusCode(404);
        given().filter(contract.full()).auth().oauth2(stranger).contentType(ContentType.JSON).header("If-Match", "\"0\"")
                .body("{\"slots\":[{\"channelId\":\"%s\",\"publishAt\":\"%s\"}]}".formatted(x, at("01-01T00:00:00Z")))
                .post("/v1/drafts/{id}/schedule", id).then().statusCode(404);
        as("ann", "editor").header("If-Match", etag(id))
                .body("{\"slots\":[{\"channelId\":\"%s\",\"publishAt\":\"%s\"}]}".formatted(x, at("01-01T00:00:00Z")))
                .post("/v1/drafts/{id}/schedule", id).then().statusCode(403);
        given().filter(contract.responsesOnly()).get("/v1/calendar?from=" + at("01-01") + "&to=" + at("01-02")).then().statusCode(401);
        as("x", "integration").queryParam("from", at("01-01")).queryParam("to", at("01-02")).get("/v1/calendar").then()
                .statusCode(403);
        badAs("vic", "viewer").queryParam("from", at("01-01")).queryParam("to", at("06-01")).get("/v1/calendar").then()
                .statusCode(400).body("errors[0].field", equalTo("to"));
        badAs("vic", "viewer").queryParam("from", at("01-02")).queryParam("to", at("01-01")).get("/v1/calendar").then()
                .statusCode(400);
        badAs("vic", "viewer").queryParam("from", at("01-01")).queryParam("to", at("01-02")).queryParam("timeZone", "Nowhere")
                .get("/v1/calendar").then().statusCode(400).body("errors[0].field", equalTo("timeZone"));
        badAs("vic", "viewer").queryParam("to", at("01-02")).get("/v1/calendar").then().statusCode(400);
    }

    @Test
    void aPublisherClaimsDuePublicationsOnceUntilTheLeaseRunsOut() {
        String x = channel("webhook");
        String id = approvedDraft("Due", x);
        schedule(id, "{\"channelId\":\"%s\",\"publishAt\":\"2095-06-01T12:00:00Z\"}".formatted(x)).then().statusCode(200);
        UUID publication = UUID.fromString(as("vic", "viewer").queryParam("draftId", id).get("/v1/publications").then()
                .statusCode(200).body("items.state", equalTo(List.of("queued"))).extract().path("items[0].id"));
        Instant due = Instant.parse("2095-06-01T12:00:01Z");
        assertThat(work.claim("replica-a", due, 1000)).extracting(PublicationWork.Claim::id).contains(publication);
        assertThat(work.claim("replica-b", due, 1000)).extracting(PublicationWork.Claim::id).doesNotContain(publication);
        // replica-a died: after its lease another replica takes the publication over, knowing it was taken over.
        assertThat(work.claim("replica-b", due.plus(Duration.ofMinutes(6)), 1000))
                .filteredOn(c -> c.id().equals(publication)).singleElement()
                .satisfies(c -> assertThat(c.takenOver()).isTrue());
        as("vic", "viewer").get("/v1/publications/{id}", publication).then().body("state", equalTo("publishing"));
    }
}
