package io.kogu.metrics;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.kogu.metrics.Fixtures.event;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
class BestTimeResourceTest {

    /** UTC+1 all year, so that "one hour earlier in UTC" holds whatever the date of the run. */
    private static final ZoneId LAGOS = ZoneId.of("Africa/Lagos");

    private final Fixtures fx = new Fixtures();
    private final UUID channel = UUID.randomUUID();

    /** Four weeks of posts: Tuesday 10:00 local earns ten times what the other slots earn. */
    @BeforeEach
    void generateHistory() {
        List<String> events = new ArrayList<>();
        int n = 0;
        for (int week = 1; week <= 4; week++) {
            LocalDate monday = LocalDate.now(LAGOS).minusWeeks(week).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            Object[][] slots = {{DayOfWeek.TUESDAY, 10, 100}, {DayOfWeek.TUESDAY, 10, 90}, {DayOfWeek.MONDAY, 15, 10},
                    {DayOfWeek.WEDNESDAY, 8, 12}, {DayOfWeek.THURSDAY, 18, 9}, {DayOfWeek.FRIDAY, 12, 11}};
            for (Object[] slot : slots) {
                ZonedDateTime publishedAt = monday.with(TemporalAdjusters.nextOrSame((DayOfWeek) slot[0]))
                        .atTime(LocalTime.of((int) slot[1], 0)).atZone(LAGOS);
                UUID publication = fx.publication(channel, "instagram", publishedAt.toInstant(), null);
                events.add(event("h-" + n++, publication, "like", publishedAt.plusHours(1).toInstant(), (int) slot[2]));
            }
        }
        fx.post("[" + String.join(",", events) + "]");
    }

    private static Map<String, Object> topSlot(JsonPath heatmap) {
        List<Map<String, Object>> slots = heatmap.getList("slots");
        return slots.stream().max(Comparator.comparing(slot -> ((Number) slot.get("expectedEngagements")).doubleValue()))
                .orElseThrow();
    }

    @Test
    void tuesdayTenLocalWinsAndIsOneHourEarlierInUtc() {
        JsonPath local = fx.as("viewer").queryParam("channelId", channel).queryParam("timeZone", "Africa/Lagos")
                .get("/v1/best-time").then().statusCode(200).body("basis", equalTo("history"))
                .body("posts", equalTo(24)).body("slots", hasSize(7 * 24)).extract().jsonPath();
        assertThat(topSlot(local)).containsEntry("dayOfWeek", 2).containsEntry("startMinute", 600).containsEntry("posts", 8)
                // The vocabulary of posting windows (contract/README.md); dayOfWeek and startMinute are deprecated.
                .containsEntry("weekday", "tuesday").containsEntry("start", "10:00");
        assertThat(((Number) topSlot(local).get("confidence")).doubleValue()).isGreaterThan(0.5);

        JsonPath utc = fx.as("viewer").queryParam("channelId", channel).get("/v1/best-time").then().statusCode(200)
                .body("timeZone", equalTo("UTC")).extract().jsonPath();
        assertThat(topSlot(utc)).containsEntry("dayOfWeek", 2).containsEntry("startMinute", 540);

        JsonPath quarter = fx.as("viewer").queryParam("network", "instagram").queryParam("timeZone", "Africa/Lagos")
                .queryParam("resolutionMinutes", 15).get("/v1/best-time").then().statusCode(200)
                .body("slots", hasSize(7 * 96)).extract().jsonPath();
        assertThat(topSlot(quarter)).containsEntry("dayOfWeek", 2).containsEntry("startMinute", 600)
                .containsEntry("weekday", "tuesday").containsEntry("start", "10:00");
    }

    @Test
    void slotsWithFewPostsAreShrunkTowardTheChannelMean() {
        JsonPath heatmap = fx.as("viewer").queryParam("channelId", channel).queryParam("timeZone", "Africa/Lagos")
                .get("/v1/best-time").then().extract().jsonPath();
        double mean = heatmap.getDouble("channelMean");
        List<Map<String, Object>> slots = heatmap.getList("slots");
        Map<String, Object> empty = slots.get(0);
        assertThat(((Number) empty.get("expectedEngagements")).doubleValue()).isCloseTo(mean, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(((Number) empty.get("confidence")).doubleValue()).isZero();
        // Tuesday 10:00 averaged 95 over 8 posts; shrinkage pulls it toward the mean, but not past it.
        double tuesday = ((Number) topSlot(heatmap).get("expectedEngagements")).doubleValue();
        assertThat(tuesday).isLessThanOrEqualTo(95).isGreaterThan(mean);
    }

    @Test
    void recommendationsAreTheNextBestSlotsSkippingTakenOnes() {
        OffsetDateTime from = OffsetDateTime.now(LAGOS).truncatedTo(ChronoUnit.HOURS).plusHours(1);
        JsonPath first = fx.as("viewer").queryParam("channelId", channel).queryParam("timeZone", "Africa/Lagos")
                .queryParam("from", iso(from)).queryParam("to", iso(from.plusDays(7))).queryParam("count", 3)
                .get("/v1/best-time/recommendations").then().statusCode(200).body("basis", equalTo("history"))
                .body("slots", hasSize(3)).extract().jsonPath();
        OffsetDateTime best = OffsetDateTime.parse(first.getString("slots[0].start"));
        assertThat(best.getDayOfWeek()).isEqualTo(DayOfWeek.TUESDAY);
        assertThat(best.getHour()).isEqualTo(10);
        assertThat(best.getOffset().getTotalSeconds()).isEqualTo(3600);

        fx.as("viewer").queryParam("channelId", channel).queryParam("timeZone", "Africa/Lagos")
                .queryParam("from", iso(from)).queryParam("to", iso(from.plusDays(7))).queryParam("count", 3)
                .queryParam("taken", iso(best.plusMinutes(20))).get("/v1/best-time/recommendations").then()
                .statusCode(200).body("slots.start", not(org.hamcrest.Matchers.hasItem(first.getString("slots[0].start"))));
    }

    private static String iso(OffsetDateTime instant) {
        return instant.format(java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    @Test
    void withTwoPostsOfHistoryTheBasisIsNotHistory() {
        UUID thin = UUID.randomUUID();
        ZonedDateTime at = ZonedDateTime.now(LAGOS).minusDays(3).truncatedTo(ChronoUnit.HOURS);
        UUID one = fx.publication(thin, "x", at.toInstant(), null);
        UUID two = fx.publication(thin, "x", at.plusDays(1).toInstant(), null);
        fx.post("[" + event("t1", one, "like", at.plusHours(1).toInstant(), 5) + ","
                + event("t2", two, "like", at.plusDays(1).plusHours(1).toInstant(), 5) + "]");
        fx.as("viewer").queryParam("channelId", thin).get("/v1/best-time").then().statusCode(200)
                .body("posts", equalTo(2)).body("basis", equalTo("defaults"));
        fx.as("viewer").queryParam("channelId", thin).get("/v1/best-time/recommendations").then().statusCode(200)
                .body("basis", equalTo("defaults")).body("slots", hasSize(5));
    }

    @Test
    void theHeatmapIsAlsoAnSvgImage() {
        fx.as("viewer").accept("image/svg+xml").queryParam("channelId", channel).queryParam("timeZone", "Africa/Lagos")
                .get("/v1/best-time").then().statusCode(200).contentType(startsWith("image/svg+xml"))
                .body(startsWith("<svg")).body(org.hamcrest.Matchers.containsString("Tue 10:00"));
    }

    @Test
    void anotherWorkspaceGetsNothingOfThisHistory() {
        Fixtures other = new Fixtures();
        other.as("viewer").queryParam("channelId", channel).get("/v1/best-time").then().statusCode(200)
                .body("posts", equalTo(0)).body("basis", equalTo("defaults"));
        other.as("viewer").queryParam("channelId", channel).get("/v1/best-time/recommendations").then().statusCode(200)
                .body("basis", equalTo("defaults"));
    }

    @Test
    void badRequestsAre400AndAnIntegrationIs403() {
        fx.as("viewer").get("/v1/best-time").then().statusCode(400).body("errors[0].field", equalTo("channelId"));
        fx.badRequestAs("viewer").queryParam("channelId", channel).queryParam("resolutionMinutes", 30)
                .get("/v1/best-time").then().statusCode(400);
        fx.as("viewer").queryParam("channelId", channel).queryParam("timeZone", "Nowhere/City").get("/v1/best-time")
                .then().statusCode(400);
        fx.as("integration").queryParam("channelId", channel).get("/v1/best-time").then().statusCode(403);
        fx.as("integration").queryParam("channelId", channel).get("/v1/best-time/recommendations").then().statusCode(403);
    }

    // A segment's best time asks audience-service, which metrics-service's tests do not run (the address they
    // are given refuses connections): what needs no answer from it is checked here, the rest in system-tests
    // (BestTimeForSegmentAcrossServicesTest).

    @Test
    void aSegmentIdThatIsNotAnIdIsA400() {
        fx.badRequestAs("viewer").queryParam("channelId", channel).queryParam("segmentId", "estonian-fans")
                .get("/v1/best-time").then().statusCode(400).contentType("application/problem+json");
        fx.badRequestAs("viewer").queryParam("channelId", channel).queryParam("segmentId", "estonian-fans")
                .get("/v1/best-time/recommendations").then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void withASegmentBadParametersAre400BeforeAudienceServiceIsAsked() {
        UUID segment = UUID.randomUUID();
        fx.as("viewer").queryParam("segmentId", segment).get("/v1/best-time").then().statusCode(400)
                .body("errors[0].field", equalTo("channelId"));
        fx.badRequestAs("viewer").queryParam("channelId", channel).queryParam("segmentId", segment)
                .queryParam("resolutionMinutes", 30).get("/v1/best-time").then().statusCode(400);
        fx.as("viewer").queryParam("channelId", channel).queryParam("segmentId", segment)
                .queryParam("timeZone", "Nowhere/City").get("/v1/best-time").then().statusCode(400);
        OffsetDateTime from = OffsetDateTime.now(LAGOS).plusDays(1);
        fx.as("viewer").queryParam("channelId", channel).queryParam("segmentId", segment)
                .queryParam("from", iso(from)).queryParam("to", iso(from.minusHours(1)))
                .get("/v1/best-time/recommendations").then().statusCode(400).body("errors[0].field", equalTo("to"));
    }

    @Test
    void withASegmentNoTokenIsA401AndAnIntegrationIsA403() {
        UUID segment = UUID.randomUUID();
        given().filter(fx.contract.full()).queryParam("channelId", channel).queryParam("segmentId", segment)
                .get("/v1/best-time").then().statusCode(401).contentType("application/problem+json");
        given().filter(fx.contract.full()).queryParam("channelId", channel).queryParam("segmentId", segment)
                .get("/v1/best-time/recommendations").then().statusCode(401);
        fx.as("integration").queryParam("channelId", channel).queryParam("segmentId", segment)
                .get("/v1/best-time").then().statusCode(403).contentType("application/problem+json");
        fx.as("integration").queryParam("channelId", channel).queryParam("segmentId", segment)
                .get("/v1/best-time/recommendations").then().statusCode(403);
    }

    @Test
    void withASegmentAndNoAudienceServiceTheAnswerIsA503() {
        UUID segment = UUID.randomUUID();
        fx.as("viewer").queryParam("channelId", channel).queryParam("segmentId", segment).get("/v1/best-time")
                .then().statusCode(503).contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.containsString("audience-service"));
        fx.as("viewer").queryParam("channelId", channel).queryParam("segmentId", segment)
                .get("/v1/best-time/recommendations").then().statusCode(503);
        // Without a segment, audience-service is not needed.
        fx.as("viewer").queryParam("channelId", channel).get("/v1/best-time").then().statusCode(200)
                .body("basis", equalTo("history"));
    }
}
