package io.kogu.content.draft;

import io.kogu.testsupport.Contract;
import io.kogu.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class DraftContentAndRevisionsTest {

    private final Contract contract = Contract.ofThisService();
    private final String workspace = TestTokens.newWorkspace();

    private RequestSpecification as(String subject, String... roles) {
        return given().filter(contract.full()).auth().oauth2(TestTokens.tokenOf(subject, workspace, roles))
                .contentType(ContentType.JSON);
    }

    private RequestSpecification editor() {
        return as("ann", "editor");
    }

    private RequestSpecification viewer() {
        return as("vic", "viewer");
    }

    private UUID channel(String network) {
        return UUID.fromString(as("ada", "admin").body("{\"network\":\"%s\",\"handle\":\"@kogu\",\"timeZone\":\"Europe/Tallinn\"}"
                .formatted(network)).post("/v1/channels").then().statusCode(201).extract().path("id"));
    }

    private String create(String json) {
        return editor().body(json).post("/v1/drafts").then().statusCode(201).extract().path("id");
    }

    @Test
    void aDraftKeepsVariantsMediaLinkCampaignAndNotes() {
        UUID x = channel("x");
        UUID instagram = channel("instagram");
        String id = create("""
                {"title":"Spring","body":"Spring is here","channelIds":["%s","%s"],
                 "media":[{"url":"https://cdn.example.com/a.jpg","kind":"image","altText":"A tulip","width":1080,"height":1350},
                          {"url":"https://cdn.example.com/b.mp4","kind":"video","durationSeconds":12.5}],
                 "variants":[{"channelId":"%s","text":"Spring is here #tulips","mediaSelection":[0],"firstComment":"Link in bio"}],
                 "link":"https://example.com/spring","campaign":"spring-2027","notes":"Check the photo rights"}"""
                .formatted(x, instagram, instagram));
        viewer().get("/v1/drafts/{id}", id).then().statusCode(200)
                .body("channelIds", equalTo(List.of(x.toString(), instagram.toString())))
                .body("media[0].altText", equalTo("A tulip")).body("media[0].width", equalTo(1080))
                .body("media[1].kind", equalTo("video")).body("media[1].durationSeconds", equalTo(12.5f))
                .body("variants[0].channelId", equalTo(instagram.toString()))
                .body("variants[0].mediaSelection", equalTo(List.of(0)))
                .body("variants[0].firstComment", equalTo("Link in bio"))
                .body("link", equalTo("https://example.com/spring")).body("campaign", equalTo("spring-2027"))
                .body("notes", equalTo("Check the photo rights")).body("revision", equalTo(1));
    }

    @Test
    void variantsMustFitTheDraft() {
        UUID channel = channel("x");
        given().filter(contract.responsesOnly()).auth().oauth2(TestTokens.tokenOf("ann", workspace, "editor"))
                .contentType(ContentType.JSON).body("""
                {"title":"t","channelIds":["%s"],"variants":[{"channelId":"%s"},{"channelId":"%s","mediaSelection":[2]}]}"""
                        .formatted(channel, UUID.randomUUID(), channel))
                .post("/v1/drafts").then().statusCode(400)
                .body("errors.field", hasItem("variants[0].channelId"))
                .body("errors.field", hasItem("variants[1].mediaSelection[0]"));
        given().filter(contract.responsesOnly()).auth().oauth2(TestTokens.tokenOf("ann", workspace, "editor"))
                .contentType(ContentType.JSON)
                .body("{\"title\":\"t\",\"link\":\"javascript:alert(1)\",\"media\":[{\"url\":\"https://a.example/x.png\"}]}")
                .post("/v1/drafts").then().statusCode(400).body("errors.field", hasItem("link"))
                .body("errors.field", hasItem("media[0].kind"));
        given().filter(contract.responsesOnly()).auth().oauth2(TestTokens.tokenOf("ann", workspace, "editor"))
                .contentType(ContentType.JSON)
                .body("{\"title\":\"t\",\"media\":[{\"url\":\"https://a.example/x.png\",\"kind\":\"sound\"}]}")
                .post("/v1/drafts").then().statusCode(400).body("errors.field", hasItem("media[0].kind"));
    }

    @Test
    void channelsMustExistInTheWorkspace() {
        UUID theirs = UUID.fromString(given().filter(contract.full()).contentType(ContentType.JSON)
                .auth().oauth2(TestTokens.token(TestTokens.newWorkspace(), "admin"))
                .body("{\"network\":\"x\",\"handle\":\"@them\",\"timeZone\":\"UTC\"}").post("/v1/channels")
                .then().statusCode(201).extract().<String>path("id"));
        editor().body("{\"title\":\"t\",\"channelIds\":[\"%s\",\"%s\"]}".formatted(channel("x"), theirs))
                .post("/v1/drafts").then().statusCode(422).body("errors[0].field", equalTo("channelIds[1]"));
    }

    @Test
    void everySaveIsARevisionAndRestoringMakesANewOne() {
        String id = create("{\"title\":\"First\",\"body\":\"one\",\"notes\":\"n1\"}");
        editor().header("If-Match", "\"0\"").body("{\"title\":\"Second\",\"body\":\"two\"}").put("/v1/drafts/{id}", id)
                .then().statusCode(200).body("revision", equalTo(2));
        as("ben", "editor").header("If-Match", "\"1\"").body("{\"title\":\"Third\",\"body\":\"three\"}")
                .put("/v1/drafts/{id}", id).then().statusCode(200).body("revision", equalTo(3));

        Response page = viewer().queryParam("limit", 2).get("/v1/drafts/{id}/revisions", id);
        page.then().statusCode(200).body("items.number", equalTo(List.of(3, 2)))
                .body("items[0].createdBy", equalTo("ben")).body("items[0].content.title", equalTo("Third"));
        viewer().queryParam("cursor", page.<String>path("nextCursor")).get("/v1/drafts/{id}/revisions", id).then()
                .body("items.number", equalTo(List.of(1))).body("nextCursor", nullValue());
        viewer().get("/v1/drafts/{id}/revisions/1", id).then().statusCode(200)
                .body("content.title", equalTo("First")).body("content.notes", equalTo("n1"))
                .body("createdBy", equalTo("ann"));

        given().filter(contract.responsesOnly()).auth().oauth2(TestTokens.tokenOf("ann", workspace, "editor"))
                .post("/v1/drafts/{id}/revisions/1/restore", id).then().statusCode(428);
        editor().header("If-Match", "\"1\"").post("/v1/drafts/{id}/revisions/1/restore", id).then().statusCode(412);
        editor().header("If-Match", "\"2\"").post("/v1/drafts/{id}/revisions/1/restore", id).then().statusCode(200)
                .header("ETag", "\"3\"").body("title", equalTo("First")).body("notes", equalTo("n1"))
                .body("revision", equalTo(4));
        viewer().get("/v1/drafts/{id}/revisions/4", id).then().body("restoredFrom", equalTo(1))
                .body("content.body", equalTo("one"));
        viewer().get("/v1/drafts/{id}/revisions/3", id).then().body("content.title", equalTo("Third"));
    }

    @Test
    void revisionsAreRefusedToStrangersViewersAndBadNumbers() {
        String id = create("{\"title\":\"Mine\"}");
        RequestSpecification stranger = given().filter(contract.full()).contentType(ContentType.JSON)
                .auth().oauth2(TestTokens.token(TestTokens.newWorkspace(), "admin"));
        stranger.get("/v1/drafts/{id}/revisions", id).then().statusCode(404);
        given().filter(contract.full()).auth().oauth2(TestTokens.token(TestTokens.newWorkspace(), "admin"))
                .get("/v1/drafts/{id}/revisions/1", id).then().statusCode(404);
        given().filter(contract.full()).auth().oauth2(TestTokens.token(TestTokens.newWorkspace(), "admin"))
                .header("If-Match", "\"0\"").post("/v1/drafts/{id}/revisions/1/restore", id).then().statusCode(404);
        viewer().get("/v1/drafts/{id}/revisions/9", id).then().statusCode(404);
        viewer().header("If-Match", "\"0\"").post("/v1/drafts/{id}/revisions/1/restore", id).then().statusCode(403);
        given().filter(contract.responsesOnly()).auth().oauth2(TestTokens.tokenOf("vic", workspace, "viewer"))
                .get("/v1/drafts/{id}/revisions/0", id).then().statusCode(400);
        given().filter(contract.responsesOnly())
                .get("/v1/drafts/{id}/revisions", id).then().statusCode(401);
    }

    @Test
    void listsFilterByCampaignAuthorChannelDatesAndText() {
        UUID channel = channel("bluesky");
        String tulips = create("""
                {"title":"Tulips in bloom","body":"The garden opens on Saturday","campaign":"spring","channelIds":["%s"]}"""
                .formatted(channel));
        Instant between = Instant.now();
        String roses = as("ben", "editor").body("{\"title\":\"Roses\",\"body\":\"Summer garden tour, tulips gone\"}")
                .post("/v1/drafts").then().statusCode(201).extract().path("id");

        assertThat(ids(viewer().queryParam("campaign", "spring"))).containsExactly(tulips);
        assertThat(ids(viewer().queryParam("author", "ben"))).containsExactly(roses);
        assertThat(ids(viewer().queryParam("channelId", channel.toString()))).containsExactly(tulips);
        assertThat(ids(viewer().queryParam("createdFrom", between.toString()))).containsExactly(roses);
        assertThat(ids(viewer().queryParam("createdTo", between.toString()))).containsExactly(tulips);
        assertThat(ids(viewer().queryParam("q", "GARDEN"))).containsExactly(roses, tulips);
        assertThat(ids(viewer().queryParam("q", "tulips"))).containsExactly(roses, tulips);
        assertThat(ids(viewer().queryParam("q", "tulips -summer"))).containsExactly(tulips);
        assertThat(ids(viewer().queryParam("q", "\"garden tour\""))).containsExactly(roses);
        assertThat(ids(viewer().queryParam("q", "saturday").queryParam("author", "ben"))).isEmpty();
        given().filter(contract.responsesOnly()).auth().oauth2(TestTokens.tokenOf("vic", workspace, "viewer"))
                .queryParam("createdFrom", "yesterday").get("/v1/drafts").then().statusCode(400);
    }

    private static List<String> ids(RequestSpecification request) {
        return request.get("/v1/drafts").then().statusCode(200).extract().path("items.id");
    }
}
