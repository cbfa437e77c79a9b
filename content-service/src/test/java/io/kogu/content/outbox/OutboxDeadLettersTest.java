package io.kogu.content.outbox;

import io.kogu.platform.outbox.OutboxDispatcher;
import io.kogu.testsupport.Contract;
import io.kogu.testsupport.TestTokens;
import io.micrometer.core.instrument.MeterRegistry;
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
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * The platform outbox (issue 10 item 24): an event that cannot be delivered for longer than kogu.outbox.dead-after
 * becomes a dead letter, is no longer tried, is listed for admins and can be retried; the backlog, its age and the
 * dead letters are gauges. metrics-service is not running beside these tests, so every delivery fails.
 */
@QuarkusTest
class OutboxDeadLettersTest {

    private final Contract contract = Contract.ofThisService();
    private final String workspace = TestTokens.newWorkspace();

    @Inject
    OutboxDispatcher dispatcher;

    @Inject
    MeterRegistry registry;

    @Inject
    DataSource dataSource;

    private RequestSpecification as(String... roles) {
        return given().filter(contract.full()).auth().oauth2(TestTokens.token(workspace, roles)).contentType(ContentType.JSON);
    }

    @Test
    void anEventFailingPastTheDeadLetterTimeIsADeadLetterThatAnAdminCanRetry() throws Exception {
        UUID young = event("1 minute");
        UUID old = event("3 days");
        dispatcher.dispatchDue();
        assertThat(deadAt(old)).as("failing for longer than dead-after").isNotNull();
        assertThat(deadAt(young)).as("still retried").isNull();
        dispatcher.measure();
        assertThat(registry.get("kogu.outbox.dead").gauge().value()).isGreaterThanOrEqualTo(1);
        assertThat(registry.get("kogu.outbox.backlog").gauge().value()).isGreaterThanOrEqualTo(1);
        assertThat(registry.get("kogu.outbox.age").gauge().value()).isGreaterThanOrEqualTo(60);

        as("admin").get("/v1/outbox/dead-letters").then().statusCode(200)
                .body("items.id", equalTo(List.of(old.toString())))
                .body("items[0].eventType", equalTo("publication.published"))
                .body("items[0].lastError", containsString("Exception")).body("items[0].attempts", equalTo(1));
        sql("update outbox set next_attempt_at = now() where id = ?", old);
        dispatcher.dispatchDue();
        assertThat(attempts(old)).as("a dead letter is not tried").isEqualTo(1);

        as("admin").post("/v1/outbox/dead-letters/{id}/retry", old).then().statusCode(204);
        assertThat(deadAt(old)).isNull();
        as("admin").get("/v1/outbox/dead-letters").then().body("items", equalTo(List.of()));
        dispatcher.dispatchDue();
        assertThat(attempts(old)).as("retried, and given a fresh dead-letter time").isEqualTo(2);
        assertThat(deadAt(old)).isNull();

        given().filter(contract.responsesOnly()).auth().oauth2(TestTokens.token(workspace, "admin"))
                .post("/v1/outbox/dead-letters/{id}/retry", young).then().statusCode(404);
        given().filter(contract.responsesOnly()).auth().oauth2(TestTokens.token(TestTokens.newWorkspace(), "admin"))
                .get("/v1/outbox/dead-letters").then().statusCode(200).body("items", equalTo(List.of()));
    }

    private UUID event(String age) throws Exception {
        UUID id = UUID.randomUUID();
        try (Connection connection = dataSource.getConnection(); PreparedStatement insert = connection.prepareStatement("""
                insert into outbox (id, workspace_id, event_type, payload, created_at, next_attempt_at)
                values (?, ?, 'publication.published', '{"id":"%s"}', now() - interval '%s', now())""".formatted(id, age))) {
            insert.setObject(1, id);
            insert.setString(2, workspace);
            insert.executeUpdate();
        }
        return id;
    }

    private Object deadAt(UUID id) throws Exception {
        return column("dead_at", id);
    }

    private int attempts(UUID id) throws Exception {
        return ((Number) column("attempts", id)).intValue();
    }

    private Object column(String name, UUID id) throws Exception {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("select " + name + " from outbox where id = ?")) {
            select.setObject(1, id);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getObject(1);
            }
        }
    }

    private void sql(String statement, UUID id) throws Exception {
        try (Connection connection = dataSource.getConnection(); PreparedStatement update = connection.prepareStatement(statement)) {
            update.setObject(1, id);
            update.executeUpdate();
        }
    }
}
