package io.kogu.content.channel;

import io.kogu.content.api.model.ChannelInput;
import io.kogu.testsupport.Contract;
import io.kogu.testsupport.LogCapture;
import io.kogu.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;




import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

@QuarkusTest
class ChannelsResourceTest {

    private final Contract contract = Contract.ofThisService();
    private final String workspace = TestTokens.newWorkspace();
    /** Unique per test, so that a hit can only come from this test's requests. */
    private final String secret = "tok-" + UUID.randomUUID();
    private final List<String> responses = Collections.synchronizedList(new ArrayList<>());
    private LogCapture logs;

    @Inject
    EntityManager entityManager;

    @Inject
    ChannelService channelService;

    @Inject
    com.fasterxml.jackson.databind.ObjectMapper objectMapper;

    @BeforeEach
    void captureLogs() {
        logs = LogCapture.start();
    }

    @AfterEach
    void stopCapturing() {
        logs.close();
    }

    private RequestSpecification as(String... roles) {
        return given().filter(contract.full()).auth().oauth2(TestTokens.token(workspace, roles))
                .contentType(ContentType.JSON);
    }

    private RequestSpecification badRequestAs(String... roles) {
        return given().filter(contract.responsesOnly()).auth().oauth2(TestTokens.token(workspace, roles))
                .contentType(ContentType.JSON);
    }

    /** Keeps every answer's text, to scan it for the secret. */
    private Response kept(Response response) {
        responses.add(response.asString() + response.getHeaders());
        return response;
    }

    private String input(String handle, String credentials) {
        return """
                {"network":"mastodon","handle":"%s","displayName":"Kogu on Mastodon","timeZone":"Europe/Tallinn",
                 %s
                 "postingWindows":[{"weekday":"monday","start":"09:00","end":"11:30"},{"weekday":"friday","start":"16:00","end":"18:00"}],
                 "limits":{"maxCharacters":11000}}""".formatted(handle, credentials);
    }

    @Test
    void credentialsAreWriteOnlyEncryptedAndNeverLogged() {
        Response created = kept(as("admin").body(input("@kogu@mastodon.social",
                "\"credentials\":{\"accessToken\":\"%s\"},".formatted(secret))).post("/v1/channels"));
        created.then().statusCode(201).header("ETag", "\"0\"").body("hasCredentials", equalTo(true))
                .body("limits.maxCharacters", equalTo(11000)).body("postingWindows[1].weekday", equalTo("friday"));
        String id = created.path("id");
        String firstSeal = created.path("credentialsUpdatedAt");

        kept(as("viewer").get("/v1/channels/{id}", id)).then().statusCode(200).body("timeZone", equalTo("Europe/Tallinn"));
        kept(as("viewer").get("/v1/channels")).then().statusCode(200).body("items.size()", equalTo(1));
        // Absent credentials keep the stored ones.
        kept(as("admin").header("If-Match", "\"0\"").body(input("@kogu@mastodon.social", ""))
                .put("/v1/channels/{id}", id)).then().statusCode(200).body("hasCredentials", equalTo(true))
                .body("credentialsUpdatedAt", equalTo(firstSeal));
        assertThat(channelService.credentials(workspace, UUID.fromString(id))).isEqualTo(Map.of("accessToken", secret));
        // Failures that carry the secret in their request do not echo it either.
        kept(badRequestAs("admin").body(input("", "\"credentials\":{\"accessToken\":\"%s\"},".formatted(secret))
                .replace("Europe/Tallinn", "Mars/Olympus")).post("/v1/channels"));
        kept(badRequestAs("admin").body("{\"network\":\"x\",\"handle\":\"h\",\"timeZone\":\"UTC\",\"credentials\":{\"accessToken\":[\"%s\"]}}"
                .formatted(secret)).post("/v1/channels"));
        kept(as("editor").body(input("@kogu", "\"credentials\":{\"accessToken\":\"%s\"},".formatted(secret)))
                .post("/v1/channels")).then().statusCode(403);

        byte[] stored = (byte[]) entityManager.createNativeQuery("select credentials from channel where id = ?1")
                .setParameter(1, UUID.fromString(id)).getSingleResult();
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain(secret).doesNotContain("accessToken");
        assertThat(responses).hasSizeGreaterThan(5).noneMatch(text -> text.contains(secret));
        // The capture does see the service's own log lines about this very channel.
        assertThat(logs.lines()).anyMatch(line -> line.contains(id));
        assertThat(logs.lines()).noneMatch(line -> line.contains(secret));
    }

    @Test
    void newCredentialsReplaceTheOldOnes() {
        String id = as("admin").body(input("@kogu", "\"credentials\":{\"accessToken\":\"old\"},")).post("/v1/channels")
                .then().statusCode(201).extract().path("id");
        kept(as("admin").header("If-Match", "\"0\"")
                .body(input("@kogu", "\"credentials\":{\"accessToken\":\"%s\",\"refreshToken\":\"r\"},".formatted(secret)))
                .put("/v1/channels/{id}", id)).then().statusCode(200).header("ETag", "\"1\"");
        assertThat(channelService.credentials(workspace, UUID.fromString(id)))
                .isEqualTo(Map.of("accessToken", secret, "refreshToken", "r"));
        assertThat(responses).noneMatch(text -> text.contains(secret));
        assertThat(logs.lines()).noneMatch(line -> line.contains(secret));
    }

    @Test
    void theGeneratedChannelInputToStringShowsNoCredential() throws Exception {
        ChannelInput input = objectMapper.readValue(input("@kogu", "\"credentials\":{\"accessToken\":\"%s\"},"
                .formatted(secret)), ChannelInput.class);
        assertThat(input.getCredentials()).containsEntry("accessToken", secret);
        assertThat(input.toString()).contains("accessToken").doesNotContain(secret);
        assertThat(String.valueOf(input.getCredentials())).doesNotContain(secret);
    }

    @Test
    void theSameAccountCannotBeConnectedTwice() {
        String first = as("admin").body(input("@Kogu@mastodon.social", "")).post("/v1/channels").then().statusCode(201)
                .extract().path("id");
        // Handles compare as audience-service compares them: case-insensitive, and without a leading @.
        as("admin").body(input("kogu@MASTODON.social", "")).post("/v1/channels").then().statusCode(409)
                .contentType("application/problem+json").body("errors[0].field", equalTo("handle"))
                .body("detail", org.hamcrest.Matchers.containsString(first));
        as("admin").body(input("@Kogu@mastodon.social", "").replace("mastodon\"", "bluesky\"")).post("/v1/channels")
                .then().statusCode(201);
        String second = as("admin").body(input("@other@mastodon.social", "")).post("/v1/channels").then().statusCode(201)
                .extract().path("id");
        as("admin").header("If-Match", "\"0\"").body(input("@KOGU@mastodon.social", "")).put("/v1/channels/{id}", second)
                .then().statusCode(409);
        // A channel keeps its own handle, in any case.
        as("admin").header("If-Match", "\"0\"").body(input("@KOGU@mastodon.social", "")).put("/v1/channels/{id}", first)
                .then().statusCode(200).body("handle", equalTo("@KOGU@mastodon.social"));
    }

    @Test
    void everyProblemOfThePostingWindowsIsAnsweredAtOnce() {
        String body = """
                {"network":"x","handle":"@kogu","timeZone":"Mars/Olympus","postingWindows":[
                 {"weekday":"monday","start":"09:00","end":"25:00"},
                 {"weekday":"tuesday","start":"10:00","end":"09:00"},
                 {"weekday":"friday","start":"16:00","end":"18:00"},
                 {"weekday":"friday","start":"16:00","end":"18:00"},
                 {"weekday":"friday","start":"17:00","end":"19:00"},
                 {"weekday":"saturday","start":"17:00","end":"19:00"}]}""";
        badRequestAs("admin").body(body).post("/v1/channels").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", org.hamcrest.Matchers.containsInAnyOrder("postingWindows[0].end",
                        "postingWindows[1].end", "postingWindows[3]", "postingWindows[4]", "timeZone"));
    }

    @Test
    void badSettingsAreNamed() {
        badRequestAs("admin").body(input("@kogu", "").replace("Europe/Tallinn", "Mars/Olympus").replace("11:30", "08:00"))
                .post("/v1/channels").then().statusCode(400)
                .body("errors.field", hasItem("timeZone")).body("errors.field", hasItem("postingWindows[0].end"));
        badRequestAs("admin").body(input("@kogu", "").replace("11:30", "25:00")).post("/v1/channels").then()
                .statusCode(400).body("errors.field", hasItem("postingWindows[0].end"));
        badRequestAs("admin").body(input("@kogu", "").replace("mastodon", "myspace")).post("/v1/channels").then()
                .statusCode(400).body("errors.field", hasItem("network"));
    }

    @Test
    void onlyAdminsChangeChannelsAndStrangersSeeNothing() {
        String id = as("admin").body(input("@kogu", "")).post("/v1/channels").then().statusCode(201)
                .body("hasCredentials", equalTo(false)).extract().path("id");
        as("editor").header("If-Match", "\"0\"").body(input("@other", "")).put("/v1/channels/{id}", id).then()
                .statusCode(403);
        as("approver").header("If-Match", "\"0\"").delete("/v1/channels/{id}", id).then().statusCode(403);
        given().filter(contract.responsesOnly()).get("/v1/channels/{id}", id).then().statusCode(401);

        RequestSpecification stranger = given().filter(contract.full()).contentType(ContentType.JSON)
                .auth().oauth2(TestTokens.token(TestTokens.newWorkspace(), "admin"));
        stranger.get("/v1/channels/{id}", id).then().statusCode(404);
        given().filter(contract.full()).contentType(ContentType.JSON).header("If-Match", "\"0\"")
                .auth().oauth2(TestTokens.token(TestTokens.newWorkspace(), "admin")).body(input("@x", ""))
                .put("/v1/channels/{id}", id).then().statusCode(404);
        given().filter(contract.full()).header("If-Match", "\"0\"")
                .auth().oauth2(TestTokens.token(TestTokens.newWorkspace(), "admin"))
                .delete("/v1/channels/{id}", id).then().statusCode(404);

        badRequestAs("admin").body(input("@x", "")).put("/v1/channels/{id}", id).then().statusCode(428);
        as("admin").header("If-Match", "\"5\"").body(input("@x", "")).put("/v1/channels/{id}", id).then().statusCode(412);
        as("admin").header("If-Match", "\"0\"").delete("/v1/channels/{id}", id).then().statusCode(204);
        as("viewer").get("/v1/channels/{id}", id).then().statusCode(404);
    }

    @Test
    void listsPageAndFilterByNetwork() {
        as("admin").body(input("@a", "")).post("/v1/channels").then().statusCode(201);
        as("admin").body(input("@b", "").replace("mastodon", "bluesky")).post("/v1/channels").then().statusCode(201);
        as("admin").body(input("@c", "")).post("/v1/channels").then().statusCode(201);
        Response first = as("viewer").queryParam("limit", 2).get("/v1/channels");
        first.then().statusCode(200).body("items.handle", equalTo(List.of("@c", "@b")));
        as("viewer").queryParam("cursor", first.<String>path("nextCursor")).get("/v1/channels").then()
                .body("items.handle", equalTo(List.of("@a")));
        as("viewer").queryParam("network", "bluesky").get("/v1/channels").then().body("items.handle", equalTo(List.of("@b")));
    }
}
