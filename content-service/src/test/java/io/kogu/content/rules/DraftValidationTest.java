package io.kogu.content.rules;

import com.twitter.twittertext.TwitterTextParser;
import io.kogu.testsupport.Contract;
import io.kogu.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class DraftValidationTest {

    private final Contract contract = Contract.ofThisService();
    private final String workspace = TestTokens.newWorkspace();

    private RequestSpecification as(String... roles) {
        return given().filter(contract.full()).auth().oauth2(TestTokens.token(workspace, roles)).contentType(ContentType.JSON);
    }

    private String channel(String network, String limits) {
        return as("admin").body("{\"network\":\"%s\",\"handle\":\"@kogu\",\"timeZone\":\"UTC\"%s}".formatted(network, limits))
                .post("/v1/channels").then().statusCode(201).extract().path("id");
    }

    @Test
    void eachChannelCountsAsItsNetworkAndNamesItsProblems() {
        String x = channel("x", "");
        String instagram = channel("instagram", "");
        String mastodon = channel("mastodon", ",\"limits\":{\"maxCharacters\":11000}");
        String text = "Spring 🌷 東京 https://example.com/spring/launch-day-with-a-long-path";
        String id = as("editor").body("""
                {"title":"Spring","body":"%s","channelIds":["%s","%s","%s"],
                 "variants":[{"channelId":"%s","text":"Kevad! #a #b #c #d #e #f"}]}"""
                .formatted(text, x, instagram, mastodon, instagram)).post("/v1/drafts").then().statusCode(201)
                .extract().path("id");

        Response validation = as("viewer").get("/v1/drafts/{id}/validation", id);
        validation.then().statusCode(200).body("valid", equalTo(false)).body("version", equalTo(0))
                .body("channels.channelId", equalTo(List.of(x, instagram, mastodon)))
                .body("channels[0].network", equalTo("x")).body("channels[0].lengthUnit", equalTo("weighted"))
                .body("channels[0].countedLength", equalTo(TwitterTextParser.parseTweet(text).weightedLength))
                .body("channels[0].countedLength", equalTo(38)).body("channels[0].maxLength", equalTo(280))
                .body("channels[0].problems.size()", equalTo(0))
                .body("channels[1].problems.rule", equalTo(List.of("hashtags.count", "media.required")))
                .body("channels[1].problems[0].limit", equalTo(5)).body("channels[1].problems[0].actual", equalTo(6))
                .body("channels[1].problems[0].message", containsString("at most 5 hashtags"))
                .body("channels[1].problems[1].message", containsString("needs an image or a video"))
                .body("channels[2].maxLength", equalTo(11000)).body("channels[2].problems.size()", equalTo(0));
    }

    @Test
    void tooLongTextsAndTitlesAndMissingMediaAreNamed() {
        String bluesky = channel("bluesky", "");
        String youtube = channel("youtube", "");
        String id = as("editor").body("""
                {"title":"%s","body":"%s","channelIds":["%s","%s"],"media":[{"url":"https://cdn.example.com/a.jpg","kind":"image"}]}"""
                .formatted("T".repeat(101), "é".repeat(301), bluesky, youtube)).post("/v1/drafts").then().statusCode(201)
                .extract().path("id");
        as("viewer").get("/v1/drafts/{id}/validation", id).then().statusCode(200)
                .body("channels[0].lengthUnit", equalTo("graphemes")).body("channels[0].countedLength", equalTo(301))
                .body("channels[0].problems[0].rule", equalTo("text.length"))
                .body("channels[0].problems[0].message", containsString("Shorten it by 1"))
                .body("channels[1].problems.rule", equalTo(List.of("title.length", "media.required")));
    }

    @Test
    void aDraftMadeToSlowDownTextValidationIsValidatedSubmittedAndScheduledInSeconds() {
        String x = channel("x", "");
        String mastodon = channel("mastodon", "");
        String instagram = channel("instagram", "");
        String body = "http://" + "a.".repeat(49_996); // 99,999 characters: hours of twitter-text's URL pattern
        String id = as("editor").body("{\"title\":\"t\",\"body\":\"%s\",\"channelIds\":[\"%s\",\"%s\",\"%s\"]}"
                .formatted(body, x, mastodon, instagram)).post("/v1/drafts").then().statusCode(201).extract().path("id");
        long start = System.nanoTime();
        as("viewer").get("/v1/drafts/{id}/validation", id).then().statusCode(200).body("valid", equalTo(false))
                .body("channels[0].countedLength", equalTo(body.length()))
                .body("channels[0].problems[0].rule", equalTo("text.length"));
        String etag = as("viewer").get("/v1/drafts/{id}", id).then().extract().header("ETag");
        as("editor").header("If-Match", etag).body("{}").post("/v1/drafts/{id}/submission", id).then().statusCode(422);
        assertThat(java.time.Duration.ofNanos(System.nanoTime() - start)).isLessThan(java.time.Duration.ofSeconds(20));
    }

    @Test
    void missingAltTextIsAWarningThatDoesNotStopSubmission() {
        String mastodon = channel("mastodon", "");
        String id = as("editor").body("""
                {"title":"t","body":"Kevad","channelIds":["%s"],"media":[{"url":"https://cdn.example.com/a.jpg","kind":"image"}]}"""
                .formatted(mastodon)).post("/v1/drafts").then().statusCode(201).extract().path("id");
        as("viewer").get("/v1/drafts/{id}/validation", id).then().statusCode(200).body("valid", equalTo(true))
                .body("channels[0].problems.rule", equalTo(List.of("media.alt_text")))
                .body("channels[0].problems[0].severity", equalTo("warning"));
        String etag = as("viewer").get("/v1/drafts/{id}", id).then().extract().header("ETag");
        as("editor").header("If-Match", etag).body("{}").post("/v1/drafts/{id}/submission", id).then().statusCode(200);
    }

    @Test
    void aDisconnectedChannelIsAProblem() {
        String x = channel("x", "");
        String id = as("editor").body("{\"title\":\"t\",\"body\":\"b\",\"channelIds\":[\"%s\"]}".formatted(x))
                .post("/v1/drafts").then().statusCode(201).extract().path("id");
        as("admin").header("If-Match", "\"0\"").delete("/v1/channels/{id}", x).then().statusCode(204);
        as("viewer").get("/v1/drafts/{id}/validation", id).then().statusCode(200)
                .body("channels[0].network", nullValue()).body("channels[0].problems[0].rule", equalTo("channel.missing"));
    }

    @Test
    void validationIsScopedAndNeedsAReaderRole() {
        String id = as("editor").body("{\"title\":\"t\"}").post("/v1/drafts").then().statusCode(201).extract().path("id");
        as("viewer").get("/v1/drafts/{id}/validation", id).then().statusCode(200).body("valid", equalTo(true))
                .body("channels.size()", equalTo(0));
        given().filter(contract.full()).auth().oauth2(TestTokens.token(TestTokens.newWorkspace(), "viewer"))
                .get("/v1/drafts/{id}/validation", id).then().statusCode(404);
        as("integration").get("/v1/drafts/{id}/validation", id).then().statusCode(403);
        given().filter(contract.responsesOnly()).get("/v1/drafts/{id}/validation", id).then().statusCode(401);
        given().filter(contract.responsesOnly()).auth().oauth2(TestTokens.token(workspace, "viewer"))
                .get("/v1/drafts/not-an-id/validation").then().statusCode(400);
    }
}
