package io.kogu.content.schedule;

import io.kogu.content.time.Dst;
import io.kogu.testsupport.Contract;
import io.kogu.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
class RecurringScheduleTest {

    private static final ZoneId TALLINN = ZoneId.of("Europe/Tallinn");
    private static final ZoneOffset SUMMER = ZoneOffset.ofHours(3);
    private static final ZoneOffset WINTER = ZoneOffset.ofHours(2);
    /** Next year's autumn change in Tallinn (clocks go back on the last Sunday of October), computed. */
    private static final LocalDate CHANGE = Dst.autumn(TALLINN, Dst.nextYear()).getDateTimeBefore().toLocalDate();
    /** The Monday thirteen days before it: a weekly series from there has two weeks on each side of it. */
    private static final LocalDate MONDAY = CHANGE.with(TemporalAdjusters.previous(DayOfWeek.MONDAY)).minusWeeks(1);

    private final Contract contract = Contract.ofThisService();
    private final String workspace = TestTokens.newWorkspace();

    private RequestSpecification as(String subject, String... roles) {
        return given().filter(contract.full()).auth().oauth2(TestTokens.tokenOf(subject, workspace, roles))
                .contentType(ContentType.JSON);
    }

    private String etag(String id) {
        return as("vic", "viewer").get("/v1/drafts/{id}", id).then().extract().header("ETag");
    }

    private String channel() {
        return as("ada", "admin").body("{\"network\":\"webhook\",\"handle\":\"@kogu\",\"timeZone\":\"Europe/Tallinn\"}")
                .post("/v1/channels").then().statusCode(201).extract().path("id");
    }

    private String approvedDraft(String channel) {
        String id = as("ann", "editor").body("{\"title\":\"Weekly tip\",\"body\":\"Tip\",\"channelIds\":[\"%s\"]}"
                .formatted(channel)).post("/v1/drafts").then().statusCode(201).extract().path("id");
        as("ann", "editor").header("If-Match", etag(id)).body("{}").post("/v1/drafts/{id}/submission", id).then().statusCode(200);
        as("bob", "approver").header("If-Match", etag(id)).body("{}").post("/v1/drafts/{id}/approvals", id).then().statusCode(200);
        return id;
    }

    private Response weekly(String id, String channel, String rrule) {
        return as("bob", "approver").header("If-Match", etag(id)).body("""
                {"slots":[{"channelId":"%s","localDateTime":"%sT09:30","timeZone":"Europe/Tallinn","rrule":"%s"}]}"""
                .formatted(channel, MONDAY, rrule)).post("/v1/drafts/{id}/schedule", id);
    }

    private Response calendar(String timeZone) {
        return as("vic", "viewer").queryParam("from", MONDAY.minusDays(17).toString())
                .queryParam("to", MONDAY.plusDays(43).toString())
                .queryParam("timeZone", timeZone).get("/v1/calendar");
    }

    /** The dates {@code offsets} days after {@link #MONDAY}. */
    private static List<String> days(int... offsets) {
        return java.util.Arrays.stream(offsets).mapToObj(d -> MONDAY.plusDays(d).toString()).toList();
    }

    /** {@code date} at {@code time} with {@code offset}, as the API writes an instant. */
    private static String utc(LocalDate date, String time, ZoneOffset offset) {
        return date.atTime(LocalTime.parse(time)).toInstant(offset).toString();
    }

    @Test
    void aWeeklySeriesShowsTheSameLocalTimeOnBothSidesOfTheAutumnChange() {
        String channel = channel();
        String id = approvedDraft(channel);
        weekly(id, channel, "FREQ=WEEKLY;COUNT=4").then().statusCode(200).body("slots[0].rrule", equalTo("FREQ=WEEKLY;COUNT=4"))
                .body("slots[0].publishAt", equalTo(utc(MONDAY, "09:30", SUMMER)));
        calendar("Europe/Tallinn").then().statusCode(200)
                .body("days.date", equalTo(days(0, 7, 14, 21)))
                .body("days.items.flatten().time", equalTo(List.of("09:30", "09:30", "09:30", "09:30")))
                .body("days.items.flatten().publishAt", equalTo(List.of(utc(MONDAY, "09:30", SUMMER),
                        utc(MONDAY.plusWeeks(1), "09:30", SUMMER), utc(MONDAY.plusWeeks(2), "09:30", WINTER),
                        utc(MONDAY.plusWeeks(3), "09:30", WINTER))))
                .body("days.items.flatten().recurring", equalTo(List.of(true, true, true, true)));
        calendar("UTC").then().body("days.items.flatten().time", equalTo(List.of("06:30", "06:30", "07:30", "07:30")));
    }

    @Test
    void oneOccurrenceCanBeMovedSkippedAndRestoredAndTheSeriesReplaced() {
        String channel = channel();
        String id = approvedDraft(channel);
        String slot = weekly(id, channel, "FREQ=WEEKLY;COUNT=4").then().statusCode(200).extract().path("slots[0].id");
        String path = "/v1/drafts/{id}/schedule/slots/{slot}/occurrences/{date}";

        // The second occurrence moves to the Tuesday after it, 12:00 (still summer time).
        String second = MONDAY.plusWeeks(1).toString();
        as("bob", "approver").header("If-Match", etag(id)).body("{\"localDateTime\":\"%sT12:00\"}".formatted(MONDAY.plusDays(8)))
                .put(path, id, slot, second).then().statusCode(200)
                .body("slots[0].exceptions[0].date", equalTo(second))
                .body("slots[0].exceptions[0].publishAt", equalTo(utc(MONDAY.plusDays(8), "12:00", SUMMER)));
        String third = MONDAY.plusWeeks(2).toString();
        as("bob", "approver").header("If-Match", etag(id)).body("{\"skip\":true}").put(path, id, slot, third)
                .then().statusCode(200);
        calendar("Europe/Tallinn").then()
                .body("days.date", equalTo(days(0, 8, 21)))
                .body("days[1].items[0].time", equalTo("12:00")).body("days[1].items[0].occurrence", equalTo(second));

        as("bob", "approver").header("If-Match", etag(id)).delete(path, id, slot, third).then().statusCode(200);
        calendar("Europe/Tallinn").then().body("days.date", equalTo(days(0, 8, 14, 21)));
        as("vic", "viewer").get("/v1/drafts/{id}/history", id).then().body("items[0].action", equalTo("restore_occurrence"));

        // The series itself: schedule again.
        weekly(id, channel, "FREQ=WEEKLY;BYDAY=MO,TH;COUNT=3").then().statusCode(200);
        calendar("Europe/Tallinn").then().body("days.date", equalTo(days(0, 3, 7)));
    }

    @Test
    void badRulesAndOccurrencesAreRefused() {
        String channel = channel();
        String id = approvedDraft(channel);
        given().filter(contract.responsesOnly()).auth().oauth2(TestTokens.tokenOf("bob", workspace, "approver"))
                .contentType(ContentType.JSON).header("If-Match", etag(id))
                .body("{\"slots\":[{\"channelId\":\"%s\",\"publishAt\":\"%s\",\"rrule\":\"FREQ=DAILY\"}]}".formatted(channel,
                        Dst.future("01-01T00:00:00Z")))
                .post("/v1/drafts/{id}/schedule", id).then().statusCode(400).body("errors[0].field", equalTo("slots[0].rrule"));
        weekly(id, channel, "FREQ=MINUTELY").then().statusCode(400).body("errors[0].field", equalTo("slots[0].rrule"));
        String slot = weekly(id, channel, "FREQ=WEEKLY;COUNT=4").then().statusCode(200).extract().path("slots[0].id");
        String path = "/v1/drafts/{id}/schedule/slots/{slot}/occurrences/{date}";
        String second = MONDAY.plusWeeks(1).toString();
        as("bob", "approver").header("If-Match", etag(id)).body("{\"skip\":true}").put(path, id, slot, MONDAY.plusDays(1).toString())
                .then().statusCode(404);
        // Moved into the spring gap of the year after: that local time does not exist.
        LocalDateTime gap = Dst.spring(TALLINN, Dst.nextYear() + 1).getDateTimeBefore().plusMinutes(30);
        as("bob", "approver").header("If-Match", etag(id)).body("{\"localDateTime\":\"%s\"}".formatted(gap))
                .put(path, id, slot, second).then().statusCode(422);
        as("ann", "editor").header("If-Match", etag(id)).body("{\"skip\":true}").put(path, id, slot, second)
                .then().statusCode(403);
        given().filter(contract.full()).auth().oauth2(TestTokens.token(TestTokens.newWorkspace(), "admin"))
                .contentType(ContentType.JSON).header("If-Match", "\"0\"").body("{\"skip\":true}")
                .put(path, id, slot, second).then().statusCode(404);
        as("bob", "approver").header("If-Match", etag(id)).delete(path, id, slot, second).then().statusCode(404);
    }
}
