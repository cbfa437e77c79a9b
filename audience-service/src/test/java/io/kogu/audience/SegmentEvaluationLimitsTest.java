package io.kogu.audience;

import io.kogu.audience.segment.SegmentSizes;
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
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * What a segment's rule can cost is bounded: referenced segments are compiled once, the compiled size is capped,
 * durations are bounded, queries time out into a 422, and the daily count survives a bad segment.
 */
@QuarkusTest
class SegmentEvaluationLimitsTest {

    private final Contract contract = Contract.ofThisService();
    private final String workspace = TestTokens.newWorkspace();

    @Inject
    DataSource dataSource;

    @Inject
    SegmentSizes sizes;

    private RequestSpecification as(String... roles) {
        return given().filter(contract.full()).auth().oauth2(TestTokens.token(workspace, roles)).contentType(ContentType.JSON);
    }

    private String segment(String rule) {
        return as("admin").body("{\"name\":\"s\",\"rule\":" + rule + "}").post("/v1/segments").then().statusCode(201)
                .extract().path("id");
    }

    private static String inSegment(String id, int times) {
        return "{\"operator\":\"inSegment\",\"values\":[\"" + String.join("\",\"", Collections.nCopies(times, id)) + "\"]}";
    }

    private static String any(List<String> nodes) {
        return "{\"any\":[" + String.join(",", nodes) + "]}";
    }

    @Test
    void aSegmentReferredToManyTimesAndThroughChainsIsCompiledOnce() {
        as("editor").body("{\"displayName\":\"Ann\",\"country\":\"EE\",\"city\":\"Tartu\"}").post("/v1/members")
                .then().statusCode(201);
        as("editor").body("{\"displayName\":\"Bo\",\"country\":\"FI\",\"city\":\"Turku\"}").post("/v1/members")
                .then().statusCode(201);
        String base = segment("""
                {"all":[{"field":"country","operator":"eq","values":["EE"]},{"field":"city","operator":"contains","values":["a"]}]}""");
        // The case: the same segment a thousand times in each of many conditions.
        List<String> conditions = new ArrayList<>(Collections.nCopies(5, inSegment(base, 1000)));
        as("viewer").body("{\"rule\":" + any(conditions) + ",\"sampleSize\":1}").post("/v1/segment-previews").then()
                .statusCode(200).body("count", equalTo(1)).body("sample[0].displayName", equalTo("Ann"));

        // A chain of nine segments, each naming the one below twice: inlined, the base would appear 512 times
        // per reference.
        String below = base;
        for (int level = 1; level < 10; level++) {
            below = segment(any(List.of(inSegment(below, 1), inSegment(below, 1))));
        }
        as("viewer").body("{\"rule\":" + any(Collections.nCopies(70, inSegment(below, 1))) + ",\"sampleSize\":1}")
                .post("/v1/segment-previews").then().statusCode(200).body("count", equalTo(1));
        as("viewer").get("/v1/segments/{id}/count", below).then().statusCode(200).body("count", equalTo(1));
        as("viewer").get("/v1/segments/{id}/members", below).then().statusCode(200)
                .body("items.displayName", equalTo(List.of("Ann")));
    }

    @Test
    void aRuleTooLargeToEvaluateIsA422NamingTheRule() {
        as("admin").body("{\"key\":\"plan\",\"type\":\"string\"}").post("/v1/attribute-definitions").then().statusCode(201);
        List<String> plans = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            plans.add("p" + i);
        }
        String condition = "{\"field\":\"attributes.plan\",\"operator\":\"in\",\"values\":[\"" + String.join("\",\"", plans) + "\"]}";
        String rule = any(Collections.nCopies(11, condition));
        as("viewer").body("{\"rule\":" + rule + "}").post("/v1/segment-previews").then().statusCode(422)
                .body("errors[0].field", equalTo("rule")).body("errors[0].message", containsString("10000 values"));
        // Refused when saved, not only when evaluated.
        as("admin").body("{\"name\":\"s\",\"rule\":" + rule + "}").post("/v1/segments").then().statusCode(422)
                .body("errors[0].field", equalTo("rule"));
    }

    @Test
    void aDurationBeyondAHundredYearsIsA422NamingTheValue() {
        String rule = "{\"field\":\"lastInteractionAt\",\"operator\":\"withinLast\",\"values\":[\"P999999999Y\"]}";
        as("viewer").body("{\"rule\":" + rule + "}").post("/v1/segment-previews").then().statusCode(422)
                .body("errors[0].field", equalTo("rule.values[0]")).body("errors[0].message", containsString("100 years"));
        as("admin").body("{\"name\":\"s\",\"rule\":" + rule + "}").post("/v1/segments").then().statusCode(422);
        segment("{\"field\":\"lastInteractionAt\",\"operator\":\"withinLast\",\"values\":[\"P100Y\"]}");
        as("viewer").body("{\"rule\":{\"field\":\"createdAt\",\"operator\":\"gt\",\"values\":[\"+999999999-12-31T00:00:00Z\"]}}")
                .post("/v1/segment-previews").then().statusCode(422).body("errors[0].field", equalTo("rule.values[0]"));
    }

    @Test
    void aSegmentQueryLongerThanTheStatementTimeoutIsStoppedAndAnswersA422() throws Exception {
        String id = segment("{\"field\":\"country\",\"operator\":\"eq\",\"values\":[\"EE\"]}");
        try (Connection blocker = dataSource.getConnection()) {
            blocker.setAutoCommit(false);
            try (PreparedStatement lock = blocker.prepareStatement("lock table member in access exclusive mode")) {
                lock.execute();
            }
            try {
                CompletableFuture<io.restassured.response.Response> count = CompletableFuture.supplyAsync(() ->
                        as("viewer").get("/v1/segments/{id}/count", id));
                io.restassured.response.Response answer = count.get(20, TimeUnit.SECONDS);
                assertThat(answer.statusCode()).isEqualTo(422);
                assertThat(answer.<String>path("errors[0].message")).contains("longer than 3 s");
            } finally {
                blocker.rollback();
            }
        }
        as("viewer").get("/v1/segments/{id}/count", id).then().statusCode(200);
    }

    @Test
    void anExportLongerThanTheStatementTimeoutIsStoppedAndAnswersA422() throws Exception {
        String id = segment("{\"field\":\"country\",\"operator\":\"eq\",\"values\":[\"EE\"]}");
        try (Connection blocker = dataSource.getConnection()) {
            blocker.setAutoCommit(false);
            try (PreparedStatement lock = blocker.prepareStatement("lock table member in access exclusive mode")) {
                lock.execute();
            }
            try {
                CompletableFuture<io.restassured.response.Response> export = CompletableFuture.supplyAsync(() ->
                        as("editor").accept("application/x-ndjson").get("/v1/segments/{id}/export", id));
                io.restassured.response.Response answer = export.get(20, TimeUnit.SECONDS);
                assertThat(answer.statusCode()).isEqualTo(422);
                assertThat(answer.contentType()).startsWith("application/problem+json");
            } finally {
                blocker.rollback();
            }
        }
    }

    @Test
    void theDailyCountSkipsASegmentThatFailsAndCountsTheOthers() throws Exception {
        as("editor").body("{\"displayName\":\"Ann\",\"country\":\"EE\"}").post("/v1/members").then().statusCode(201);
        String bad = segment("{\"field\":\"country\",\"operator\":\"eq\",\"values\":[\"FI\"]}");
        String good = segment("{\"field\":\"country\",\"operator\":\"eq\",\"values\":[\"EE\"]}");
        // A stored rule that can no longer be evaluated: it names a segment that is not there.
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement("update segment set rule = ?::jsonb where id = ?")) {
            update.setString(1, "{\"operator\":\"inSegment\",\"values\":[\"" + UUID.randomUUID() + "\"]}");
            update.setObject(2, UUID.fromString(bad));
            update.executeUpdate();
        }
        LocalDate day = LocalDate.of(2200, 1, 1).plusDays(new java.util.Random().nextInt(100_000));
        sizes.countAll(day);
        assertThat(size(good, day)).isEqualTo(1L);
        assertThat(size(bad, day)).isNull();
    }

    private Long size(String segment, LocalDate day) throws Exception {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "select size from segment_size where segment_id = ? and day = ?")) {
            query.setObject(1, UUID.fromString(segment));
            query.setObject(2, day);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? rows.getLong(1) : null;
            }
        }
    }
}
