package io.kogu.audience;

import io.kogu.testsupport.Contract;
import io.kogu.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
class PrivacyResourceTest {

    private final Contract contract = Contract.ofThisService();
    private final String workspace = TestTokens.newWorkspace();

    @Inject
    DataSource dataSource;

    private RequestSpecification as(String... roles) {
        return given().filter(contract.full()).auth().oauth2(TestTokens.token(workspace, roles)).contentType(ContentType.JSON);
    }

    @Test
    void anErasedMemberIsInNoAnswerAndTheOutboxHoldsTheEvent() throws Exception {
        String key = UUID.randomUUID().toString();
        String ann = as("editor").header("Idempotency-Key", key).body("""
                {"displayName":"Ann Secret","email":"ann.secret@example.com","city":"Tartu",
                 "handles":[{"network":"x","handle":"@annsecret"}],"tags":["coffee"]}""")
                .post("/v1/members").then().statusCode(201).extract().path("id");
        String bo = as("editor").body("{\"displayName\":\"Bo\",\"tags\":[\"coffee\"]}").post("/v1/members").then()
                .statusCode(201).extract().path("id");
        String vips = as("admin").body("{\"name\":\"VIPs\",\"kind\":\"static\"}").post("/v1/segments").then().statusCode(201)
                .extract().path("id");
        as("editor").body("{\"memberIds\":[\"%s\",\"%s\"]}".formatted(ann, bo)).post("/v1/segments/{id}/member-additions", vips)
                .then().statusCode(200);
        String coffee = as("admin").body("{\"name\":\"Coffee\",\"rule\":{\"field\":\"tags\",\"operator\":\"hasAny\",\"values\":[\"coffee\"]}}")
                .post("/v1/segments").then().statusCode(201).extract().path("id");
        as("admin").get("/v1/members/{id}/data-export", ann).then().statusCode(200)
                .body("member.email", equalTo("ann.secret@example.com")).body("staticSegments[0].name", equalTo("VIPs"));

        String eventId = as("admin").post("/v1/members/{id}/erasures", ann).then().statusCode(200)
                .body("memberId", equalTo(ann)).extract().path("eventId");
        as("admin").post("/v1/members/{id}/erasures", ann).then().statusCode(200).body("eventId", equalTo(eventId));

        as("admin").get("/v1/members/{id}", ann).then().statusCode(404);
        as("admin").get("/v1/members/{id}/data-export", ann).then().statusCode(404);
        String everything = as("admin").get("/v1/members").asString()
                + as("admin").queryParam("q", "secret").get("/v1/members").asString()
                + as("admin").accept("application/x-ndjson").get("/v1/members/export").asString()
                + as("admin").accept("text/csv").get("/v1/segments/{id}/export", coffee).asString()
                + as("admin").get("/v1/segments/{id}/members", vips).asString()
                + as("admin").get("/v1/segments/{id}/members", coffee).asString();
        assertThat(everything).contains(bo).doesNotContain(ann).doesNotContain("ann.secret").doesNotContain("Ann Secret");
        as("viewer").get("/v1/segments/{id}/count", vips).then().body("count", equalTo(1));
        assertThat(as("admin").accept("text/csv").get("/v1/segments/{id}/export", coffee).asString()).contains(bo);
        // The create answer kept for retries is gone with the member: a retry creates anew, it never replays Ann.
        assertThat(as("editor").header("Idempotency-Key", key).body("{\"displayName\":\"Ann Secret\"}").post("/v1/members")
                .then().statusCode(201).extract().<String>path("id")).isNotEqualTo(ann);

        try (Connection connection = dataSource.getConnection();
             PreparedStatement outbox = connection.prepareStatement(
                     "select event_type, payload::text, delivered_at from outbox where id = ? and workspace_id = ?")) {
            outbox.setObject(1, UUID.fromString(eventId));
            outbox.setString(2, workspace);
            try (ResultSet row = outbox.executeQuery()) {
                assertThat(row.next()).isTrue();
                assertThat(row.getString(1)).isEqualTo("member.erased");
                assertThat(row.getString(2)).contains("\"memberId\": \"" + ann + "\"").contains("@annsecret");
            }
        }
    }

    @Test
    void onlyAnAdminErasesOrExportsAndOnlyInItsWorkspace() {
        String id = as("editor").body("{\"displayName\":\"Bo\"}").post("/v1/members").then().statusCode(201).extract().path("id");
        as("editor").post("/v1/members/{id}/erasures", id).then().statusCode(403);
        as("editor").get("/v1/members/{id}/data-export", id).then().statusCode(403);
        RequestSpecification stranger = given().filter(contract.full())
                .auth().oauth2(TestTokens.token(TestTokens.newWorkspace(), "admin"));
        stranger.post("/v1/members/{id}/erasures", id).then().statusCode(404);
        given().filter(contract.full()).auth().oauth2(TestTokens.token(TestTokens.newWorkspace(), "admin"))
                .get("/v1/members/{id}/data-export", id).then().statusCode(404);
        given().filter(contract.responsesOnly()).post("/v1/members/{id}/erasures", id).then().statusCode(401);
        given().filter(contract.responsesOnly()).get("/v1/members/{id}/data-export", id).then().statusCode(401);
        given().filter(contract.responsesOnly()).auth().oauth2(TestTokens.token(workspace, "admin"))
                .post("/v1/members/{id}/erasures", "not-a-uuid").then().statusCode(400);
        as("viewer").get("/v1/members/{id}", id).then().statusCode(200);
    }
}
