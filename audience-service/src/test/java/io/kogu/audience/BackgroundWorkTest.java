package io.kogu.audience;

import io.kogu.platform.outbox.OutboxDispatcher;
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
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** The scheduled work: daily segment sizes, and the outbox dispatcher's claims, leases and backoff. */
@QuarkusTest
class BackgroundWorkTest {

    private final Contract contract = Contract.ofThisService();
    private final String workspace = TestTokens.newWorkspace();

    @Inject
    SegmentSizes sizes;

    @Inject
    OutboxDispatcher dispatcher;

    @Inject
    DataSource dataSource;

    private RequestSpecification as(String... roles) {
        return given().filter(contract.full()).auth().oauth2(TestTokens.token(workspace, roles)).contentType(ContentType.JSON);
    }

    @Test
    void everySegmentIsCountedOnceADay() {
        as("editor").body("{\"displayName\":\"a\",\"country\":\"EE\"}").post("/v1/members").then().statusCode(201);
        as("editor").body("{\"displayName\":\"b\",\"country\":\"EE\"}").post("/v1/members").then().statusCode(201);
        String id = as("admin").body("{\"name\":\"s\",\"rule\":{\"field\":\"country\",\"operator\":\"eq\",\"values\":[\"EE\"]}}")
                .post("/v1/segments").then().statusCode(201).extract().path("id");
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        sizes.countAll(today);
        as("editor").body("{\"displayName\":\"c\",\"country\":\"EE\"}").post("/v1/members").then().statusCode(201);
        assertThat(sizes.countAll(today)).as("a day's count is taken once").isZero();
        sizes.countAll(today.plusDays(1));
        as("viewer").queryParam("to", today.plusDays(1).toString()).get("/v1/segments/{id}/sizes", id).then().statusCode(200)
                .body("items.day", equalTo(java.util.List.of(today.toString(), today.plusDays(1).toString())))
                .body("items.size", equalTo(java.util.List.of(2, 3)));
        given().filter(contract.responsesOnly()).auth().oauth2(TestTokens.token(workspace, "viewer"))
                .queryParam("from", "2020-01-01").get("/v1/segments/{id}/sizes", id).then().statusCode(400)
                .body("errors[0].field", equalTo("from"));
        given().filter(contract.full()).auth().oauth2(TestTokens.token(TestTokens.newWorkspace(), "viewer"))
                .get("/v1/segments/{id}/sizes", id).then().statusCode(404);
        as("integration").get("/v1/segments/{id}/sizes", id).then().statusCode(403);
        given().filter(contract.responsesOnly()).get("/v1/segments/{id}/sizes", id).then().statusCode(401);
    }

    @Test
    void anUndeliveredErasureIsRetriedWithGrowingBackoffAndLeasedRowsAreLeftAlone() throws Exception {
        String id = as("editor").body("{\"displayName\":\"Ann\",\"handles\":[{\"network\":\"x\",\"handle\":\"@ann\"}]}")
                .post("/v1/members").then().statusCode(201).extract().path("id");
        UUID event = UUID.fromString(as("admin").post("/v1/members/{id}/erasures", id).then().statusCode(200)
                .extract().path("eventId"));

        // Nothing listens where the tests send metrics-service calls: each attempt fails.
        dispatcher.dispatchDue();
        Row first = row(event);
        assertThat(first.attempts).isEqualTo(1);
        assertThat(first.error).isNotBlank();
        assertThat(first.delivered).isNull();
        assertThat(Duration.between(OffsetDateTime.now(), first.next)).isBetween(Duration.ofSeconds(3), Duration.ofSeconds(6));

        dispatcher.dispatchDue();
        assertThat(row(event).attempts).as("not due yet").isEqualTo(1);

        update("update outbox set next_attempt_at = now() where id = ?", event);
        dispatcher.dispatchDue();
        Row second = row(event);
        assertThat(second.attempts).isEqualTo(2);
        assertThat(Duration.between(OffsetDateTime.now(), second.next)).isBetween(Duration.ofSeconds(8), Duration.ofSeconds(11));

        update("update outbox set next_attempt_at = now(), lease_until = now() + interval '1 minute' where id = ?", event);
        dispatcher.dispatchDue();
        assertThat(row(event).attempts).as("leased by another replica").isEqualTo(2);
    }

    private record Row(int attempts, String error, OffsetDateTime next, OffsetDateTime delivered) {
    }

    private Row row(UUID event) throws Exception {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "select attempts, last_error, next_attempt_at, delivered_at from outbox where id = ?")) {
            statement.setObject(1, event);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return new Row(row.getInt(1), row.getString(2), row.getObject(3, OffsetDateTime.class),
                        row.getObject(4, OffsetDateTime.class));
            }
        }
    }

    private void update(String sql, UUID event) throws Exception {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, event);
            statement.executeUpdate();
        }
    }
}
