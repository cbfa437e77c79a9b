package io.kogu.system;

import io.kogu.devkit.KoguService;
import io.kogu.testsupport.TestTokens;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
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

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * The best time to post for an audience segment, with the real audience-service deciding who is in it: four
 * weeks of posts where the segment's members (Estonian fans) engage most on Thursday 18:00 and the others
 * (Finnish fans) on Tuesday 10:00. The segment's heatmap puts Thursday 18:00 first, the channel's Tuesday
 * 10:00; a segment whose members never engaged falls back to the channel's audience activity; a segment of
 * another workspace is a 404; without audience-service the answer is a 503 within 3 s.
 */
@ExtendWith(RunningStack.Shared.class)
class BestTimeForSegmentAcrossServicesTest {

    private static final ZoneId TALLINN = ZoneId.of("Europe/Tallinn");

    private static RunningStack stack;

    @BeforeAll
    static void useTheRunningStack(RunningStack running) {
        stack = running;
    }

    private static String member(String token, String country, int n) {
        return given(stack.call(KoguService.AUDIENCE, token))
                .body("{\"displayName\":\"Fan %d from %s\",\"country\":\"%s\"}".formatted(n, country, country))
                .post("/v1/members").then().statusCode(201).extract().path("id");
    }

    private static String segment(String token, String country) {
        return given(stack.call(KoguService.AUDIENCE, token))
                .body("{\"name\":\"Fans in %s\",\"rule\":{\"field\":\"country\",\"operator\":\"in\",\"values\":[\"%s\"]}}"
                        .formatted(country, country))
                .post("/v1/segments").then().statusCode(201).extract().path("id");
    }

    private static String event(String id, UUID publication, String type, Instant at, String actor, int count) {
        return """
                {"eventId":"%s","publicationId":"%s","type":"%s","occurredAt":"%s","count":%d%s}"""
                .formatted(id, publication, type, at, count, actor == null ? "" : ",\"actorMemberId\":\"" + actor + "\"");
    }

    private static JsonPath heatmap(String token, UUID channel, String segment) {
        var request = given(stack.call(KoguService.METRICS, token)).queryParam("channelId", channel)
                .queryParam("timeZone", TALLINN.getId());
        if (segment != null) {
            request.queryParam("segmentId", segment);
        }
        return request.get("/v1/best-time").then().statusCode(200).extract().jsonPath();
    }

    private static Map<String, Object> topSlot(JsonPath heatmap) {
        List<Map<String, Object>> slots = heatmap.getList("slots");
        return slots.stream().max(Comparator.comparing(slot -> ((Number) slot.get("expectedEngagements")).doubleValue()))
                .orElseThrow();
    }

    @Test
    void theSegmentsBestTimeIsWhenItsMembersEngage() {
        String workspace = TestTokens.newWorkspace();
        String admin = TestTokens.token(workspace, "admin", "viewer");
        String viewer = TestTokens.token(workspace, "viewer");
        List<String> estonians = List.of(member(admin, "EE", 1), member(admin, "EE", 2), member(admin, "EE", 3));
        List<String> finns = List.of(member(admin, "FI", 1), member(admin, "FI", 2), member(admin, "FI", 3));
        String estonianFans = segment(admin, "EE");
        String latvianFans = segment(admin, "LV");
        String foreignSegment = segment(TestTokens.token(TestTokens.newWorkspace(), "admin"), "EE");

        // Four weeks, seven posts a week. Everyone likes every post once and the network counts 5 more likes
        // without a member; the Estonians also comment ten times each on the Thursday 18:00 posts, the Finns
        // share thirty times each the Tuesday 10:00 posts.
        UUID channel = UUID.randomUUID();
        Object[][] week = {{DayOfWeek.THURSDAY, 18}, {DayOfWeek.THURSDAY, 18}, {DayOfWeek.TUESDAY, 10},
                {DayOfWeek.TUESDAY, 10}, {DayOfWeek.MONDAY, 15}, {DayOfWeek.WEDNESDAY, 8}, {DayOfWeek.FRIDAY, 12}};
        List<String> events = new ArrayList<>();
        int n = 0;
        for (int weeksAgo = 1; weeksAgo <= 4; weeksAgo++) {
            LocalDate monday = LocalDate.now(TALLINN).minusWeeks(weeksAgo).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            for (Object[] slot : week) {
                ZonedDateTime publishedAt = monday.with(TemporalAdjusters.nextOrSame((DayOfWeek) slot[0]))
                        .atTime(LocalTime.of((int) slot[1], 0)).atZone(TALLINN);
                UUID publication = UUID.randomUUID();
                given(stack.call(KoguService.METRICS, admin))
                        .body("{\"id\":\"%s\",\"channelId\":\"%s\",\"network\":\"instagram\",\"publishedAt\":\"%s\"}"
                                .formatted(publication, channel, publishedAt.toInstant()))
                        .post("/v1/publications").then().statusCode(201);
                Instant at = publishedAt.plusHours(1).toInstant();
                events.add(event("e" + n++, publication, "like", at, null, 5));
                for (String estonian : estonians) {
                    events.add(event("e" + n++, publication, "like", at, estonian, 1));
                    if (slot[0] == DayOfWeek.THURSDAY) {
                        events.add(event("e" + n++, publication, "comment", at, estonian, 10));
                    }
                }
                for (String finn : finns) {
                    events.add(event("e" + n++, publication, "like", at, finn, 1));
                    if (slot[0] == DayOfWeek.TUESDAY) {
                        events.add(event("e" + n++, publication, "share", at, finn, 30));
                    }
                }
            }
        }
        given(stack.call(KoguService.METRICS, admin)).body("[" + String.join(",", events) + "]")
                .post("/v1/events").then().statusCode(200).body("accepted", equalTo(events.size()));

        JsonPath everyone = heatmap(viewer, channel, null);
        assertThat(everyone.getString("basis")).isEqualTo("history");
        assertThat(topSlot(everyone)).containsEntry("dayOfWeek", 2).containsEntry("startMinute", 600);

        JsonPath segment = heatmap(viewer, channel, estonianFans);
        assertThat(segment.getString("basis")).isEqualTo("history");
        assertThat(segment.getInt("posts")).isEqualTo(28);
        assertThat(topSlot(segment)).containsEntry("dayOfWeek", 4).containsEntry("startMinute", 1080)
                .containsEntry("posts", 8);
        // The members' engagements per post only: 8 posts of 3 likes + 30 comments, 20 posts of 3 likes.
        assertThat(segment.getDouble("channelMean")).isCloseTo((8 * 33 + 20 * 3) / 28.0, org.assertj.core.data.Offset.offset(1e-6));

        Instant from = Instant.now().truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS);
        JsonPath recommendations = given(stack.call(KoguService.METRICS, viewer)).queryParam("channelId", channel)
                .queryParam("segmentId", estonianFans).queryParam("timeZone", TALLINN.getId())
                .queryParam("from", from.toString()).queryParam("to", from.plus(7, ChronoUnit.DAYS).toString())
                .get("/v1/best-time/recommendations").then().statusCode(200).body("basis", equalTo("history"))
                .extract().jsonPath();
        OffsetDateTime best = OffsetDateTime.parse(recommendations.getString("slots[0].start"));
        assertThat(best.atZoneSameInstant(TALLINN).getDayOfWeek()).isEqualTo(DayOfWeek.THURSDAY);
        assertThat(best.atZoneSameInstant(TALLINN).getHour()).isEqualTo(18);

        // Nobody of this segment engaged: its history is too thin, so the channel's audience activity answers.
        JsonPath thin = heatmap(viewer, channel, latvianFans);
        assertThat(thin.getString("basis")).isEqualTo("audience_activity");
        assertThat(topSlot(thin)).containsEntry("dayOfWeek", 2).containsEntry("startMinute", 660);

        given(stack.call(KoguService.METRICS, viewer)).queryParam("channelId", channel)
                .queryParam("segmentId", foreignSegment).get("/v1/best-time").then().statusCode(404)
                .contentType("application/problem+json");
        given(stack.call(KoguService.METRICS, viewer)).queryParam("channelId", channel)
                .queryParam("segmentId", foreignSegment).get("/v1/best-time/recommendations").then().statusCode(404);

        stack.without(KoguService.AUDIENCE, () -> {
            Instant asked = Instant.now();
            given(stack.call(KoguService.METRICS, viewer)).queryParam("channelId", channel)
                    .queryParam("segmentId", estonianFans).get("/v1/best-time").then().statusCode(503)
                    .contentType("application/problem+json");
            assertThat(Duration.between(asked, Instant.now())).isLessThan(Duration.ofSeconds(3));
            given(stack.call(KoguService.METRICS, viewer)).queryParam("channelId", channel).get("/v1/best-time").then()
                    .statusCode(200).body("basis", equalTo("history"));
        });
    }
}
