package io.kogu.audience;

import io.kogu.testsupport.Contract;
import io.kogu.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

/** POST /v1/members/resolve-handles: handles to members, matched as platform's Handles normalises them. */
@QuarkusTest
class ResolveHandlesTest {

    private final Contract contract = Contract.ofThisService();
    private final String workspace = TestTokens.newWorkspace();

    private RequestSpecification as(String... roles) {
        return given().filter(contract.full()).auth().oauth2(TestTokens.token(workspace, roles)).contentType(ContentType.JSON);
    }

    private RequestSpecification asService() {
        return given().filter(contract.full()).auth().oauth2(TestTokens.serviceForThisService())
                .header("Kogu-Workspace", workspace).contentType(ContentType.JSON);
    }

    private String member(String network, String handle) {
        return as("editor").body("""
                {"displayName":"Someone","handles":[{"network":"%s","handle":"%s"}]}""".formatted(network, handle))
                .post("/v1/members").then().statusCode(201).extract().path("id");
    }

    @Test
    void handlesResolveAsEachNetworkComparesThem() {
        String ann = member("x", "@Ann");
        String bob = member("bluesky", "bob.bsky.social");
        String cat = member("mastodon", "@cat@mastodon.social");
        as("viewer").body("""
                {"handles":[{"network":"x","handle":"ann"},{"network":"bluesky","handle":"@Bob.BSKY.social"},
                            {"network":"mastodon","handle":"Cat@Mastodon.Social"},
                            {"network":"mastodon","handle":"@cat@other.example"},
                            {"network":"bluesky","handle":"ann"},{"network":"x","handle":"@nobody"}]}""")
                .post("/v1/members/resolve-handles").then().statusCode(200)
                .body("items", hasSize(6))
                .body("items[0].memberId", equalTo(ann)).body("items[0].handle", equalTo("ann"))
                .body("items[1].memberId", equalTo(bob))
                .body("items[2].memberId", equalTo(cat))
                .body("items[3].memberId", nullValue())
                .body("items[4].memberId", nullValue())
                .body("items[5].memberId", nullValue()).body("items[5].created", equalTo(false));
    }

    @Test
    void theSameHandleSpelledTwoWaysIsOneMember() {
        member("x", "@Dora");
        as("editor").body("""
                {"displayName":"Other","handles":[{"network":"x","handle":"dora"}]}""")
                .post("/v1/members").then().statusCode(409);
    }

    @Test
    void unknownHandlesBecomePotentialFansWhenAsked() {
        String known = member("x", "@eve");
        List<String> ids = asService().body("""
                {"createMissingAs":"potential_fan","handles":[{"network":"x","handle":"@EVE"},
                 {"network":"bluesky","handle":"Fred.bsky.social"},{"network":"bluesky","handle":"@fred.bsky.social"}]}""")
                .post("/v1/members/resolve-handles").then().statusCode(200)
                .body("items[0].memberId", equalTo(known)).body("items[0].created", equalTo(false))
                .body("items[1].created", equalTo(true)).body("items[2].created", equalTo(false))
                .extract().path("items.memberId");
        assertThat(ids.get(1)).isNotNull().isEqualTo(ids.get(2));
        as("viewer").get("/v1/members/{id}", ids.get(1)).then().statusCode(200)
                .body("relationship", equalTo("potential_fan")).body("handles[0].handle", equalTo("Fred.bsky.social"));
        // Asked again, the same member, not created again.
        as("integration").body("""
                {"createMissingAs":"potential_fan","handles":[{"network":"bluesky","handle":"fred.bsky.social"}]}""")
                .post("/v1/members/resolve-handles").then().statusCode(200)
                .body("items[0].memberId", equalTo(ids.get(1))).body("items[0].created", equalTo(false));
    }

    @Test
    void anErasedMembersHandleIsNotCreatedAgain() {
        String gus = member("x", "@gus");
        as("admin").post("/v1/members/{id}/erasures", gus).then().statusCode(200);
        asService().body("""
                {"createMissingAs":"potential_fan","handles":[{"network":"x","handle":"GUS"}]}""")
                .post("/v1/members/resolve-handles").then().statusCode(200)
                .body("items[0].memberId", nullValue()).body("items[0].created", equalTo(false));
    }

    @Test
    void tenThousandHandlesAreOneCall() {
        String last = member("x", "@h9999-" + workspace.hashCode());
        String handles = IntStream.range(0, 10_000)
                .mapToObj(i -> "{\"network\":\"x\",\"handle\":\"@h" + i + "-" + workspace.hashCode() + "\"}")
                .collect(Collectors.joining(","));
        as("viewer").body("{\"handles\":[" + handles + "]}").post("/v1/members/resolve-handles").then()
                .statusCode(200).body("items", hasSize(10_000)).body("items[9999].memberId", equalTo(last));
        String tooMany = handles + ",{\"network\":\"x\",\"handle\":\"@one-more\"}";
        given().filter(contract.responsesOnly()).auth().oauth2(TestTokens.token(workspace, "viewer"))
                .contentType(ContentType.JSON).body("{\"handles\":[" + tooMany + "]}")
                .post("/v1/members/resolve-handles").then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void creatingNeedsARoleThatMayCreateMembers() {
        given().filter(contract.responsesOnly()).auth().oauth2(TestTokens.token(workspace, "viewer"))
                .contentType(ContentType.JSON).body("""
                        {"createMissingAs":"potential_fan","handles":[{"network":"x","handle":"@hal"}]}""")
                .post("/v1/members/resolve-handles").then().statusCode(403).contentType("application/problem+json");
        given().filter(contract.responsesOnly()).contentType(ContentType.JSON).body("""
                        {"handles":[{"network":"x","handle":"@hal"}]}""")
                .post("/v1/members/resolve-handles").then().statusCode(401);
        given().filter(contract.responsesOnly()).auth().oauth2(TestTokens.token(workspace, "viewer"))
                .contentType(ContentType.JSON).body("""
                        {"handles":[]}""")
                .post("/v1/members/resolve-handles").then().statusCode(400).contentType("application/problem+json");
    }
}
