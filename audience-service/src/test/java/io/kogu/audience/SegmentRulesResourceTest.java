package io.kogu.audience;

import io.kogu.testsupport.Contract;
import io.kogu.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

/** Segments with rule trees, static segments, previews, members, export. */
@QuarkusTest
class SegmentRulesResourceTest {

    private final Contract contract = Contract.ofThisService();
    private final String workspace = TestTokens.newWorkspace();

    private RequestSpecification as(String... roles) {
        return given().filter(contract.full()).auth().oauth2(TestTokens.token(workspace, roles)).contentType(ContentType.JSON);
    }

    private RequestSpecification badRequestAs(String... roles) {
        return given().filter(contract.responsesOnly()).auth().oauth2(TestTokens.token(workspace, roles))
                .contentType(ContentType.JSON);
    }

    private static String daysAgo(int days) {
        // ISO_OFFSET_DATE_TIME always writes the seconds; OffsetDateTime.toString() drops ":00", which the
        // contract's date-time format refuses.
        return OffsetDateTime.now(ZoneOffset.UTC).minusDays(days).withNano(0).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    private String member(String body) {
        return as("editor").body(body).post("/v1/members").then().statusCode(201).extract().path("id");
    }

    private String segment(String rule) {
        return as("admin").body("{\"name\":\"s\",\"rule\":" + rule + "}").post("/v1/segments").then().statusCode(201)
                .extract().path("id");
    }

    private void declare(String key, String type) {
        as("admin").body("{\"key\":\"" + key + "\",\"type\":\"" + type + "\"}").post("/v1/attribute-definitions")
                .then().statusCode(201);
    }

    /** Estonian or Latvian coffee or design lovers, active in the last 30 days, on a pro plan, not customers. */
    private static final String NESTED_RULE = """
            {"all":[
              {"field":"country","operator":"in","values":["EE","LV"]},
              {"any":[{"field":"tags","operator":"hasAny","values":["coffee"]},
                      {"all":[{"field":"tags","operator":"hasAll","values":["design","tea"]},
                              {"field":"engagementScore","operator":"gte","values":[50]}]}]},
              {"field":"lastInteractionAt","operator":"withinLast","values":["P30D"]},
              {"field":"attributes.plan","operator":"eq","values":["pro"]},
              {"none":[{"field":"relationship","operator":"eq","values":["customer"]}]}
            ]}""";

    @Test
    void aNestedRuleHoldsExactlyTheMembersItDescribesLive() {
        declare("plan", "string");
        String ann = member("""
                {"displayName":"Ann","country":"EE","tags":["coffee"],"lastInteractionAt":"%s","attributes":{"plan":"pro"}}"""
                .formatted(daysAgo(3)));
        String bo = member("""
                {"displayName":"Bo","country":"LV","tags":["design","tea"],"engagementScore":75,"lastInteractionAt":"%s",
                 "attributes":{"plan":"pro"},"relationship":"advocate"}""".formatted(daysAgo(10)));
        member("""
                {"displayName":"Cy (customer)","country":"EE","tags":["coffee"],"lastInteractionAt":"%s","relationship":"customer",
                 "attributes":{"plan":"pro"}}""".formatted(daysAgo(1)));
        member("""
                {"displayName":"Dee (too long ago)","country":"EE","tags":["coffee"],"lastInteractionAt":"%s","attributes":{"plan":"pro"}}"""
                .formatted(daysAgo(45)));
        member("""
                {"displayName":"Ed (design only, low score)","country":"LV","tags":["design","tea"],"engagementScore":10,
                 "lastInteractionAt":"%s","attributes":{"plan":"pro"}}""".formatted(daysAgo(2)));
        member("""
                {"displayName":"Fay (free plan)","country":"EE","tags":["coffee"],"lastInteractionAt":"%s","attributes":{"plan":"free"}}"""
                .formatted(daysAgo(2)));
        String gus = member("{\"displayName\":\"Gus (Finn)\",\"country\":\"FI\",\"tags\":[\"coffee\"]}");

        String id = segment(NESTED_RULE);
        as("viewer").get("/v1/segments/{id}/count", id).then().statusCode(200).body("count", equalTo(2));
        List<String> members = as("viewer").get("/v1/segments/{id}/members", id).then().statusCode(200)
                .body("nextCursor", nullValue()).extract().path("items.id");
        assertThat(members).containsExactly(bo, ann);
        as("viewer").get("/v1/segments/{id}", id).then().statusCode(200).body("kind", equalTo("dynamic"))
                .body("rule.all[1].any[1].all[1].values[0]", equalTo(50));

        given().filter(contract.full()).auth().oauth2(TestTokens.service("audience-service"))
                .header("Kogu-Workspace", workspace).contentType(ContentType.JSON)
                .body("{\"memberIds\":[\"%s\",\"%s\",\"%s\"]}".formatted(gus, ann, bo))
                .post("/v1/segments/{id}/membership-checks", id).then().statusCode(200)
                .body("memberIds", equalTo(List.of(ann, bo)));

        // Live: a member that starts matching is in at once.
        member("""
                {"displayName":"Hal","country":"LV","tags":["coffee"],"lastInteractionAt":"%s","attributes":{"plan":"pro"}}"""
                .formatted(daysAgo(0)));
        as("viewer").get("/v1/segments/{id}/count", id).then().body("count", equalTo(3));
    }

    @Test
    void aPreviewCountsAndSamplesAnUnsavedRule() {
        for (int i = 0; i < 4; i++) {
            member("{\"displayName\":\"m%d\",\"city\":\"%s\",\"marketingConsent\":%s}".formatted(i, i % 2 == 0 ? "Tartu" : "Riga", i < 3));
        }
        as("viewer").body("""
                {"rule":{"all":[{"field":"city","operator":"startsWith","values":["tar"]},
                                {"field":"marketingConsent","operator":"eq","values":[true]}]},"sampleSize":1}""")
                .post("/v1/segment-previews").then().statusCode(200).body("count", equalTo(2))
                .body("sample.size()", equalTo(1)).body("sample[0].displayName", equalTo("m2"));
        as("viewer").get("/v1/segments").then().body("items.size()", equalTo(0));
    }

    @Test
    void aBadNodeIsA422NamingItsPathAndWhatIsAllowed() {
        Response answer = badRequestAs("viewer").body("""
                {"rule":{"all":[{"field":"country","operator":"eq","values":["EE"]},
                                {"any":[{"field":"country","operator":"gt","values":["EE"]},
                                        {"field":"lastInteractionAt","operator":"withinLast","values":["30 days"]},
                                        {"field":"tags","operator":"hasAny"},
                                        {"all":[], "field":"city"}]}]}}""").post("/v1/segment-previews");
        answer.then().statusCode(422).contentType("application/problem+json")
                .body("errors.field", equalTo(List.of("rule.all[1].any[0].operator", "rule.all[1].any[1].values[0]",
                        "rule.all[1].any[2].values", "rule.all[1].any[3]")))
                .body("errors[0].message", containsString("allowed: eq, neq, in, notIn, isSet, isNotSet"))
                .body("errors[1].message", containsString("P30D"));
    }

    @Test
    void anUndeclaredAttributeInARuleIsA422() {
        as("admin").body("{\"rule\":{\"field\":\"attributes.shoeSize\",\"operator\":\"gt\",\"values\":[42]}}")
                .post("/v1/segment-previews").then().statusCode(422).body("errors[0].field", equalTo("rule.field"))
                .body("errors[0].message", containsString("not declared"));
    }

    @Test
    void attributeConditionsFollowTheDeclaredType() {
        declare("seats", "number");
        declare("renewal", "date");
        declare("beta", "boolean");
        String big = member("{\"displayName\":\"big\",\"attributes\":{\"seats\":120,\"renewal\":\"2030-01-15\",\"beta\":true}}");
        member("{\"displayName\":\"small\",\"attributes\":{\"seats\":3,\"renewal\":\"2020-01-15T10:00:00+02:00\"}}");
        member("{\"displayName\":\"none\"}");
        as("viewer").body("""
                {"rule":{"all":[{"field":"attributes.seats","operator":"between","values":[10,500]},
                                {"field":"attributes.renewal","operator":"gt","values":["2025-01-01"]},
                                {"field":"attributes.beta","operator":"eq","values":[true]}]}}""")
                .post("/v1/segment-previews").then().statusCode(200).body("count", equalTo(1))
                .body("sample[0].id", equalTo(big)).body("sample[0].attributes.renewal", equalTo("2030-01-15T00:00:00Z"));
        as("viewer").body("{\"rule\":{\"field\":\"attributes.seats\",\"operator\":\"isNotSet\"}}")
                .post("/v1/segment-previews").then().statusCode(200).body("count", equalTo(1));
    }

    @Test
    void onNetworkAndInSegmentCombineSegments() {
        String ann = member("{\"displayName\":\"Ann\",\"country\":\"EE\",\"handles\":[{\"network\":\"mastodon\",\"handle\":\"@ann@m.social\"}]}");
        member("{\"displayName\":\"Bo\",\"country\":\"EE\",\"handles\":[{\"network\":\"x\",\"handle\":\"@bo\"}]}");
        member("{\"displayName\":\"Cy\",\"country\":\"FI\",\"handles\":[{\"network\":\"mastodon\",\"handle\":\"@cy@m.social\"}]}");
        String estonians = segment("{\"field\":\"country\",\"operator\":\"eq\",\"values\":[\"EE\"]}");
        String onMastodon = segment("{\"operator\":\"onNetwork\",\"values\":[\"mastodon\"]}");
        String both = segment("{\"all\":[{\"operator\":\"inSegment\",\"values\":[\"%s\"]},{\"operator\":\"inSegment\",\"values\":[\"%s\"]}]}"
                .formatted(estonians, onMastodon));
        as("viewer").get("/v1/segments/{id}/members", both).then().statusCode(200).body("items.id", equalTo(List.of(ann)));
        String notEstonian = segment("{\"operator\":\"notInSegment\",\"values\":[\"%s\"]}".formatted(estonians));
        as("viewer").get("/v1/segments/{id}/count", notEstonian).then().body("count", equalTo(1));
    }

    @Test
    void segmentsReferringToEachOtherInACircleAreRefused() {
        String a = segment("{\"field\":\"country\",\"operator\":\"eq\",\"values\":[\"EE\"]}");
        String b = segment("{\"operator\":\"inSegment\",\"values\":[\"%s\"]}".formatted(a));
        String c = segment("{\"any\":[{\"operator\":\"inSegment\",\"values\":[\"%s\"]}]}".formatted(b));
        as("admin").header("If-Match", "\"0\"").body("""
                {"name":"a","rule":{"all":[{"field":"country","operator":"eq","values":["EE"]},
                                           {"operator":"notInSegment","values":["%s"]}]}}""".formatted(c))
                .put("/v1/segments/{id}", a).then().statusCode(422)
                .body("errors[0].field", equalTo("rule.all[1].values[0]"))
                .body("errors[0].message", containsString("circle"));
        as("admin").header("If-Match", "\"0\"").body("{\"name\":\"a\",\"rule\":{\"operator\":\"inSegment\",\"values\":[\"%s\"]}}".formatted(a))
                .put("/v1/segments/{id}", a).then().statusCode(422).body("errors[0].message", containsString("circle"));
        as("viewer").get("/v1/segments/{id}", a).then().header("ETag", "\"0\"");
    }

    @Test
    void aRuleCannotReferToAnotherWorkspacesSegment() {
        String foreign = given().filter(contract.full()).auth().oauth2(TestTokens.token(TestTokens.newWorkspace(), "admin"))
                .contentType(ContentType.JSON)
                .body("{\"name\":\"x\",\"rule\":{\"field\":\"country\",\"operator\":\"in\",\"values\":[\"EE\"]}}")
                .post("/v1/segments").then().statusCode(201).extract().path("id");
        as("admin").body("{\"name\":\"s\",\"rule\":{\"any\":[{\"operator\":\"inSegment\",\"values\":[\"%s\"]}]}}".formatted(foreign))
                .post("/v1/segments").then().statusCode(422).body("errors[0].field", equalTo("rule.any[0].values[0]"))
                .body("errors[0].message", containsString("no segment"));
    }

    @Test
    void anUpdateNeedsTheCurrentVersion() {
        String id = segment("{\"field\":\"country\",\"operator\":\"eq\",\"values\":[\"EE\"]}");
        String body = "{\"name\":\"Finns\",\"rule\":{\"field\":\"country\",\"operator\":\"eq\",\"values\":[\"FI\"]}}";
        as("admin").body(body).put("/v1/segments/{id}", id).then().statusCode(428);
        as("admin").header("If-Match", "\"7\"").body(body).put("/v1/segments/{id}", id).then().statusCode(412);
        as("admin").header("If-Match", "\"0\"").body(body).put("/v1/segments/{id}", id).then().statusCode(200)
                .header("ETag", "\"1\"").body("name", equalTo("Finns")).body("rule.values", equalTo(List.of("FI")));
        as("editor").header("If-Match", "\"1\"").body(body).put("/v1/segments/{id}", id).then().statusCode(403);
        given().filter(contract.full()).auth().oauth2(TestTokens.token(TestTokens.newWorkspace(), "admin"))
                .contentType(ContentType.JSON).header("If-Match", "\"1\"").body(body).put("/v1/segments/{id}", id)
                .then().statusCode(404);
        as("admin").header("If-Match", "\"1\"").body("{\"name\":\"x\",\"kind\":\"static\"}").put("/v1/segments/{id}", id)
                .then().statusCode(422).body("errors[0].field", equalTo("kind"));
    }

    @Test
    void aStaticSegmentHoldsTheMembersAddedToIt() {
        String ann = member("{\"displayName\":\"Ann\"}");
        String bo = member("{\"displayName\":\"Bo\"}");
        member("{\"displayName\":\"Cy\"}");
        String id = as("admin").body("{\"name\":\"VIPs\",\"kind\":\"static\"}").post("/v1/segments").then().statusCode(201)
                .body("kind", equalTo("static")).extract().path("id");
        as("editor").body("{\"memberIds\":[\"%s\",\"%s\",\"%s\"]}".formatted(ann, bo, ann))
                .post("/v1/segments/{id}/member-additions", id).then().statusCode(200).body("changed", equalTo(2));
        as("editor").body("{\"memberIds\":[\"%s\"]}".formatted(ann))
                .post("/v1/segments/{id}/member-additions", id).then().statusCode(200).body("changed", equalTo(0));
        as("viewer").get("/v1/segments/{id}/count", id).then().body("count", equalTo(2));
        as("editor").body("{\"memberIds\":[\"%s\",\"%s\"]}".formatted(ann, UUID.randomUUID()))
                .post("/v1/segments/{id}/member-removals", id).then().statusCode(200).body("changed", equalTo(1));
        as("viewer").get("/v1/segments/{id}/members", id).then().body("items.id", equalTo(List.of(bo)));

        String stranger = given().filter(contract.full()).auth().oauth2(TestTokens.token(TestTokens.newWorkspace(), "editor"))
                .contentType(ContentType.JSON).body("{\"displayName\":\"S\"}").post("/v1/members").then().extract().path("id");
        as("editor").body("{\"memberIds\":[\"%s\",\"%s\"]}".formatted(ann, stranger))
                .post("/v1/segments/{id}/member-additions", id).then().statusCode(422)
                .body("errors.field", equalTo(List.of("memberIds[1]")));
        as("viewer").body("{\"memberIds\":[\"%s\"]}".formatted(ann))
                .post("/v1/segments/{id}/member-additions", id).then().statusCode(403);
        badRequestAs("editor").body("{\"memberIds\":[]}").post("/v1/segments/{id}/member-removals", id).then()
                .statusCode(400).body("errors[0].field", containsString("memberIds"));
        given().filter(contract.full()).auth().oauth2(TestTokens.token(TestTokens.newWorkspace(), "editor"))
                .contentType(ContentType.JSON).body("{\"memberIds\":[\"%s\"]}".formatted(ann))
                .post("/v1/segments/{id}/member-removals", id).then().statusCode(404);
    }

    @Test
    void membersAreOnlyAddedToStaticSegmentsAndStaticSegmentsHaveNoRule() {
        String ann = member("{\"displayName\":\"Ann\"}");
        String dynamic = segment("{\"field\":\"country\",\"operator\":\"isNotSet\"}");
        as("editor").body("{\"memberIds\":[\"%s\"]}".formatted(ann)).post("/v1/segments/{id}/member-additions", dynamic)
                .then().statusCode(422);
        as("admin").body("{\"name\":\"s\",\"kind\":\"static\",\"rule\":{\"field\":\"country\",\"operator\":\"isSet\"}}")
                .post("/v1/segments").then().statusCode(422).body("errors[0].field", equalTo("rule"));
        as("admin").body("{\"name\":\"s\"}").post("/v1/segments").then().statusCode(422).body("errors[0].field", equalTo("rule"));
    }

    @Test
    void segmentMembersPageByCursor() {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(0, member("{\"displayName\":\"m%d\",\"country\":\"EE\"}".formatted(i)));
        }
        member("{\"displayName\":\"other\",\"country\":\"LV\"}");
        String id = segment("{\"field\":\"country\",\"operator\":\"eq\",\"values\":[\"EE\"]}");
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            RequestSpecification request = as("viewer").queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            Response page = request.get("/v1/segments/{id}/members", id);
            page.then().statusCode(200);
            seen.addAll(page.path("items.id"));
            cursor = page.path("nextCursor");
        } while (cursor != null);
        assertThat(seen).containsExactlyElementsOf(created);
        badRequestAs("viewer").queryParam("cursor", "bm9wZQ").get("/v1/segments/{id}/members", id).then().statusCode(400);
        given().filter(contract.full()).auth().oauth2(TestTokens.token(TestTokens.newWorkspace(), "viewer"))
                .get("/v1/segments/{id}/members", id).then().statusCode(404);
    }

    @Test
    void anExportStreamsTheSegmentAsNdjsonOrCsv() {
        String ann = member("{\"displayName\":\"Ann, \\\"the fan\\\"\",\"country\":\"EE\",\"tags\":[\"coffee\",\"tea\"],"
                + "\"handles\":[{\"network\":\"x\",\"handle\":\"@ann\"}]}");
        member("{\"displayName\":\"Bo\",\"country\":\"LV\"}");
        String id = segment("{\"field\":\"country\",\"operator\":\"eq\",\"values\":[\"EE\"]}");

        String ndjson = as("editor").accept("application/x-ndjson").get("/v1/segments/{id}/export", id).then()
                .statusCode(200).contentType(containsString("application/x-ndjson")).extract().asString();
        assertThat(ndjson.lines().toList()).hasSize(1);
        assertThat(ndjson).contains("\"id\":\"" + ann + "\"").contains("\"handle\":\"@ann\"");

        String csv = as("editor").accept("text/csv").get("/v1/segments/{id}/export", id).then()
                .statusCode(200).contentType(containsString("text/csv")).extract().asString();
        assertThat(csv.lines().toList()).hasSize(2);
        assertThat(csv.lines().findFirst().orElseThrow()).startsWith("id,displayName,email,country");
        assertThat(csv).contains(ann + ",\"Ann, \"\"the fan\"\"\",,EE,").contains("x:@ann").contains("coffee tea");

        as("viewer").accept("text/csv").get("/v1/segments/{id}/export", id).then().statusCode(403);
        given().filter(contract.full()).auth().oauth2(TestTokens.token(TestTokens.newWorkspace(), "editor"))
                .accept("text/csv").get("/v1/segments/{id}/export", id).then().statusCode(404);
    }

    @Test
    void newEndpointsNeedAToken() {
        String id = UUID.randomUUID().toString();
        RequestSpecification anonymous = given().filter(contract.responsesOnly()).contentType(ContentType.JSON);
        anonymous.body("{\"rule\":{\"field\":\"country\",\"operator\":\"isSet\"}}").post("/v1/segment-previews").then().statusCode(401);
        given().filter(contract.responsesOnly()).get("/v1/segments/{id}/members", id).then().statusCode(401);
        given().filter(contract.responsesOnly()).get("/v1/segments/{id}/export", id).then().statusCode(401);
        given().filter(contract.responsesOnly()).contentType(ContentType.JSON).body("{\"memberIds\":[\"%s\"]}".formatted(id))
                .post("/v1/segments/{id}/member-additions", id).then().statusCode(401);
        given().filter(contract.responsesOnly()).contentType(ContentType.JSON).body("{\"memberIds\":[\"%s\"]}".formatted(id))
                .post("/v1/segments/{id}/member-removals", id).then().statusCode(401);
        given().filter(contract.responsesOnly()).contentType(ContentType.JSON).body("{\"name\":\"x\"}")
                .put("/v1/segments/{id}", id).then().statusCode(401);
        given().filter(contract.responsesOnly()).get("/v1/attribute-definitions").then().statusCode(401);
    }

    @Test
    void previewsValidateTheirInput() {
        badRequestAs("viewer").body("{\"rule\":{\"field\":\"country\",\"operator\":\"isSet\"},\"sampleSize\":500}")
                .post("/v1/segment-previews").then().statusCode(400).body("errors[0].field", equalTo("sampleSize"));
        as("integration").body("{\"rule\":{\"field\":\"country\",\"operator\":\"isSet\"}}")
                .post("/v1/segment-previews").then().statusCode(403);
    }

    @Test
    void attributesAreDeclaredOnceByAnAdmin() {
        as("admin").body("{\"key\":\"plan\",\"type\":\"string\"}").post("/v1/attribute-definitions").then()
                .statusCode(201).body("type", equalTo("string"));
        as("admin").body("{\"key\":\"plan\",\"type\":\"number\"}").post("/v1/attribute-definitions").then()
                .statusCode(409).body("errors[0].field", equalTo("key"));
        as("editor").body("{\"key\":\"tier\",\"type\":\"string\"}").post("/v1/attribute-definitions").then().statusCode(403);
        badRequestAs("admin").body("{\"key\":\"9lives\",\"type\":\"number\"}").post("/v1/attribute-definitions").then()
                .statusCode(400).body("errors.field", hasItem("key"));
        badRequestAs("admin").body("{\"key\":\"colour\",\"type\":\"colour\"}").post("/v1/attribute-definitions").then()
                .statusCode(400).body("errors.field", hasItem("type"));
        as("viewer").get("/v1/attribute-definitions").then().statusCode(200).body("items.key", equalTo(List.of("plan")));
        as("editor").body("{\"displayName\":\"x\",\"attributes\":{\"plan\":3,\"tier\":\"gold\"}}").post("/v1/members")
                .then().statusCode(422).body("errors.field", equalTo(List.of("attributes.plan", "attributes.tier")));
    }
}
