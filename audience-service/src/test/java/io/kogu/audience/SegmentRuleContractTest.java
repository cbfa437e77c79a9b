package io.kogu.audience;

import io.kogu.testsupport.Contract;
import io.kogu.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** Rules take what the contract says, and compare as it says: depth, list sizes, arities, instants, case. */
@QuarkusTest
class SegmentRuleContractTest {

    private final Contract contract = Contract.ofThisService();
    private final String workspace = TestTokens.newWorkspace();

    private RequestSpecification as(String... roles) {
        return given().filter(contract.full()).auth().oauth2(TestTokens.token(workspace, roles)).contentType(ContentType.JSON);
    }

    /** Requests that break the contract on purpose: only the answer is validated. */
    private RequestSpecification outsideTheContractAs(String... roles) {
        return given().filter(contract.responsesOnly()).auth().oauth2(TestTokens.token(workspace, roles))
                .contentType(ContentType.JSON);
    }

    private static String nested(int groups) {
        String node = "{\"field\":\"country\",\"operator\":\"eq\",\"values\":[\"EE\"]}";
        for (int i = 0; i < groups; i++) {
            node = "{\"all\":[" + node + "]}";
        }
        return node;
    }

    private String preview(String rule) {
        return "{\"rule\":" + rule + ",\"sampleSize\":5}";
    }

    @Test
    void twentyNestedGroupsAreAllowedAndTwentyOneAreNot() {
        as("editor").body("{\"displayName\":\"Ann\",\"country\":\"EE\"}").post("/v1/members").then().statusCode(201);
        as("viewer").body(preview(nested(20))).post("/v1/segment-previews").then().statusCode(200).body("count", equalTo(1));
        as("viewer").body(preview(nested(21))).post("/v1/segment-previews").then().statusCode(422)
                .body("errors[0].message", containsString("deeper than 20"));
    }

    @Test
    void aGroupOfMoreThan200NodesAndMoreThan1000ValuesAreRefusedAsTheContractSays() {
        String condition = "{\"field\":\"country\",\"operator\":\"eq\",\"values\":[\"EE\"]}";
        as("viewer").body(preview("{\"any\":[" + String.join(",", Collections.nCopies(200, condition)) + "]}"))
                .post("/v1/segment-previews").then().statusCode(200);
        outsideTheContractAs("viewer").body(preview("{\"any\":[" + String.join(",", Collections.nCopies(201, condition)) + "]}"))
                .post("/v1/segment-previews").then().statusCode(422).body("errors[0].field", equalTo("rule.any"))
                .body("errors[0].message", containsString("at most 200"));
        String values = "\"" + String.join("\",\"", Collections.nCopies(1001, "EE")) + "\"";
        outsideTheContractAs("viewer").body(preview("{\"field\":\"country\",\"operator\":\"in\",\"values\":[" + values + "]}"))
                .post("/v1/segment-previews").then().statusCode(422).body("errors[0].field", equalTo("rule.values"))
                .body("errors[0].message", containsString("at most 1000"));
    }

    @Test
    void isSetOnBooleansAndOneValueForEqAreWhatTheContractSays() {
        as("admin").body("{\"key\":\"beta\",\"type\":\"boolean\"}").post("/v1/attribute-definitions").then().statusCode(201);
        as("editor").body("{\"displayName\":\"Ann\",\"attributes\":{\"beta\":false}}").post("/v1/members").then().statusCode(201);
        as("editor").body("{\"displayName\":\"Bo\"}").post("/v1/members").then().statusCode(201);
        as("viewer").body(preview("{\"field\":\"attributes.beta\",\"operator\":\"isSet\"}")).post("/v1/segment-previews")
                .then().statusCode(200).body("count", equalTo(1)).body("sample[0].displayName", equalTo("Ann"));
        as("viewer").body(preview("{\"field\":\"marketingConsent\",\"operator\":\"isNotSet\"}")).post("/v1/segment-previews")
                .then().statusCode(200).body("count", equalTo(0));
        as("viewer").body(preview("{\"field\":\"country\",\"operator\":\"eq\",\"values\":[\"EE\",\"LV\"]}"))
                .post("/v1/segment-previews").then().statusCode(422).body("errors[0].field", equalTo("rule.values"))
                .body("errors[0].message", containsString("use 'in'"));
    }

    @Test
    void instantsWithNanosecondsCompareExactlyNotRounded() {
        Instant at = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MICROS);
        as("editor").body("{\"displayName\":\"Ann\",\"lastInteractionAt\":\"%s\"}"
                .formatted(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(at.atOffset(ZoneOffset.UTC)))).post("/v1/members")
                .then().statusCode(201);
        String justAfter = DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(at.plusNanos(1).atOffset(ZoneOffset.UTC));
        String justBefore = DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(at.minusNanos(1).atOffset(ZoneOffset.UTC));
        for (String[] rule : List.of(new String[]{"gte", justAfter, "0"}, new String[]{"gt", justBefore, "1"},
                new String[]{"lte", justBefore, "0"}, new String[]{"lt", justAfter, "1"},
                new String[]{"gt", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(at.minusNanos(500).atOffset(ZoneOffset.UTC)), "1"})) {
            as("viewer").body(preview("{\"field\":\"lastInteractionAt\",\"operator\":\"%s\",\"values\":[\"%s\"]}"
                            .formatted(rule[0], rule[1]))).post("/v1/segment-previews").then().statusCode(200)
                    .body("count", equalTo(Integer.parseInt(rule[2])));
        }
    }

    @Test
    void textSearchesIgnoreCaseByUnicodeCaseFolding() {
        as("editor").body("{\"displayName\":\"ΟΔΟΣ\",\"city\":\"Straße\"}").post("/v1/members").then().statusCode(201);
        as("viewer").body(preview("{\"field\":\"displayName\",\"operator\":\"contains\",\"values\":[\"οδος\"]}"))
                .post("/v1/segment-previews").then().statusCode(200).body("count", equalTo(1));
        as("viewer").body(preview("{\"field\":\"city\",\"operator\":\"startsWith\",\"values\":[\"STRASS\"]}"))
                .post("/v1/segment-previews").then().statusCode(200).body("count", equalTo(1));
        as("viewer").body(preview("{\"field\":\"city\",\"operator\":\"endsWith\",\"values\":[\"sse\"]}"))
                .post("/v1/segment-previews").then().statusCode(200).body("count", equalTo(1));
    }
}
