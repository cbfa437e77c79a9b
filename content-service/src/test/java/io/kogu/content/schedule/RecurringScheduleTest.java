package io.kogu.content.schedule;

import io.kogu.testsupport.Contract;
import io.kogu.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
class RecurringScheduleTest {

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
                {"slots":[{"channelId":"%s","localDateTime":"2027-10-18T09:30","timeZone":"Europe/Tallinn","rrule":"%s"}]}"""
                .formatted(channel, rrule)).post("/v1/drafts/{id}/schedule", id);
    }

    private Response calendar(String timeZone) {
        return as("vic", "viewer").queryParam("from", "2027-10-01").queryParam("to", "2027-11-30")
                .queryParam("timeZone", timeZone).get("/v1/calendar");
    }

    @Test
    void aWeeklySeriesShowsTheSameLocalTimeOnBothSidesOfTheAutumnChange() {
        String channel = channel();
        String id = approvedDraft(channel);
        weekly(id, channel, "FREQ=WEEKLY;COUNT=4").then().statusCode(200).body("slots[0].rrule", equalTo("FREQ=WEEKLY;COUNT=4"))
                .body("slots[0].publishAt", equalTo("2027-10-18T06:30:00Z"));
        calendar("Europe/Tallinn").then().statusCode(200)
                .body("days.date", equalTo(List.of("2027-10-18", "2027-10-25", "2027-11-01", "2027-11-08")))
                .body("days.items.flatten().time", equalTo(List.of("09:30", "09:30", "09:30", "09:30")))
                .body("days.items.flatten().publishAt", equalTo(List.of("2027-10-18T06:30:00Z", "2027-10-25T06:30:00Z",
                        "2027-11-01T07:30:00Z", "2027-11-08T07:30:00Z")))
                .body("days.items.flatten().recurring", equalTo(List.of(true, true, true, true)));
        calendar("UTC").then().body("days.items.flatten().time", equalTo(List.of("06:30", "06:30", "07:30", "07:30")));
    }

    @Test
    void oneOccurrenceCanBeMovedSkippedAndRestoredAndTheSeriesReplaced() {
        String channel = channel();
        String id = approvedDraft(channel);
        String slot = weekly(id, channel, "FREQ=WEEKLY;COUNT=4").then().statusCode(200).extract().path("slots[0].id");
        String path = "/v1/drafts/{id}/schedule/slots/{slot}/occurrences/{date}";

        as("bob", "approver").header("If-Match", etag(id)).body("{\"localDateTime\":\"2027-10-26T12:00\"}")
                .put(path, id, slot, "2027-10-25").then().statusCode(200)
                .body("slots[0].exceptions[0].date", equalTo("2027-10-25"))
                .body("slots[0].exceptions[0].publishAt", equalTo("2027-10-26T09:00:00Z"));
        as("bob", "approver").header("If-Match", etag(id)).body("{\"skip\":true}").put(path, id, slot, "2027-11-01")
                .then().statusCode(200);
        calendar("Europe/Tallinn").then()
                .body("days.date", equalTo(List.of("2027-10-18", "2027-10-26", "2027-11-08")))
                .body("days[1].items[0].time", equalTo("12:00")).body("days[1].items[0].occurrence", equalTo("2027-10-25"));

        as("bob", "approver").header("If-Match", etag(id)).delete(path, id, slot, "2027-11-01").then().statusCode(200);
        calendar("Europe/Tallinn").then().body("days.date", equalTo(List.of("2027-10-18", "2027-10-26", "2027-11-01", "2027-11-08")));
        as("vic", "viewer").get("/v1/drafts/{id}/history", id).then().body("items[0].action", equalTo("restore_occurrence"));

        // The series itself: schedule again.
        weekly(id, channel, "FREQ=WEEKLY;BYDAY=MO,TH;COUNT=3").then().statusCode(200);
        calendar("Europe/Tallinn").then().body("days.date", equalTo(List.of("2027-10-18", "2027-10-21", "2027-10-25")));
    }

    @Test
    void badRulesAndOccurrencesAreRefused() {
        String channel = channel();
        String id = approvedDraft(channel);
        given().filter(contract.responsesOnly()).auth().oauth2(TestTokens.tokenOf("bob", workspace, "approver"))
                .contentType(ContentType.JSON).header("If-Match", etag(id))
                .body("{\"slots\":[{\"channelId\":\"%s\",\"publishAt\":\"2031-01-01T00:00:00Z\",\"rrule\":\"FREQ=DAILY\"}]}".formatted(channel))
                .post("/v1/drafts/{id}/schedule", id).then().statusCode(400).body("errors[0].field", equalTo("slots[0].rrule"));
        weekly(id, channel, "FREQ=MINUTELY").then().statusCode(400).body("errors[0].field", equalTo("slots[0].rrule"));
        String slot = weekly(id, channel, "FREQ=WEEKLY;COUNT=4").then().statusCode(200).extract().path("slots[0].id");
        String path = "/v1/drafts/{id}/schedule/slots/{slot}/occurrences/{date}";
        as("bob", "approver").header("If-Match", etag(id)).body("{\"skip\":true}").put(path, id, slot, "2027-10-19")
                .then().statusCode(404);
        as("bob", "approver").header("If-Match", etag(id)).body("{\"localDateTime\":\"2028-03-26T03:30\"}")
                .put(path, id, slot, "2027-10-25").then().statusCode(422);
        as("ann", "editor").header("If-Match", etag(id)).body("{\"skip\":true}").put(path, id, slot, "2027-10-25")
                .then().statusCode(403);
        given().filter(contract.full()).auth().oauth2(TestTokens.token(TestTokens.newWorkspace(), "admin"))
                .contentType(ContentType.JSON).header("If-Match", "\"0\"").body("{\"skip\":true}")
                .put(path, id, slot, "2027-10-25").then().statusCode(404);
        as("bob", "approver").header("If-Match", etag(id)).delete(path, id, slot, "2027-10-25").then().statusCode(404);
    }
}
