package io.kogu.metrics;

import io.agroal.api.AgroalDataSource;
import io.kogu.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** A member's erasure reaches every event of the member: stored before it, in any case of the handle, or after it. */
@QuarkusTest
class ErasureAlwaysWinsTest {

    @Inject
    AgroalDataSource dataSource;

    private final Fixtures fx = new Fixtures();

    private void erase(UUID member, String handle, int anonymized) {
        given().filter(fx.contract.full()).auth().oauth2(TestTokens.serviceForThisService())
                .header("Kogu-Workspace", fx.workspace).contentType(ContentType.JSON).body("""
                        {"eventId":"%s","memberId":"%s","handles":[{"network":"x","handle":"%s"}],"erasedAt":"%s"}"""
                        .formatted(UUID.randomUUID(), member, handle, Instant.now()))
                .post("/v1/member-erasures").then().statusCode(200).body("eventsAnonymized", equalTo(anonymized));
    }

    @Test
    void anErasureMatchesHandlesCaseInsensitivelyAsAudienceDoes() throws SQLException {
        UUID publication = fx.publication(UUID.randomUUID());
        Instant at = Instant.now().minus(1, ChronoUnit.HOURS);
        fx.post("""
                [{"eventId":"h1","publicationId":"%1$s","type":"like","occurredAt":"%2$s","actorHandle":"@Ann"},
                 {"eventId":"h2","publicationId":"%1$s","type":"share","occurredAt":"%2$s","actorHandle":"@ANN"},
                 {"eventId":"h3","publicationId":"%1$s","type":"like","occurredAt":"%2$s","actorHandle":"@anna"}]"""
                .formatted(publication, at));
        erase(UUID.randomUUID(), "@ann", 2);
        // Stored as every service normalises handles (platform's Handles).
        assertThat(handlesOfEvents()).isEqualTo("anna");
    }

    @Test
    void eventsArrivingAfterAnErasureAreStoredWithoutTheErasedActor() throws SQLException {
        UUID publication = fx.publication(UUID.randomUUID());
        UUID ann = UUID.randomUUID();
        UUID bob = UUID.randomUUID();
        erase(ann, "@ann", 0);
        Instant at = Instant.now().minus(1, ChronoUnit.HOURS);
        // A late collector run and a retried stream, after the erasure.
        fx.post("""
                [{"eventId":"l1","publicationId":"%1$s","type":"like","occurredAt":"%2$s","actorMemberId":"%3$s"},
                 {"eventId":"l2","publicationId":"%1$s","type":"comment","occurredAt":"%2$s","actorHandle":"@Ann"},
                 {"eventId":"l3","publicationId":"%1$s","type":"like","occurredAt":"%2$s","actorMemberId":"%4$s","actorHandle":"@bob"}]"""
                .formatted(publication, at, ann, bob));
        given().filter(fx.contract.responsesOnly()).auth().oauth2(TestTokens.token(fx.workspace, "integration"))
                .contentType("application/x-ndjson").body("""
                        {"eventId":"l4","publicationId":"%1$s","type":"share","occurredAt":"%2$s","actorMemberId":"%3$s","actorHandle":"@ANN"}
                        """.formatted(publication, at, ann).getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/v1/events").then().statusCode(200).body("accepted", equalTo(1));

        assertThat(count("select count(*) from engagement_event where workspace_id = ? and (actor_member_id = ?::uuid"
                + " or lower(actor_handle) in ('@ann', 'ann'))", ann.toString())).isZero();
        assertThat(count("select count(*) from engagement_event where workspace_id = ? and actor_member_id = ?::uuid",
                bob.toString())).isEqualTo(1);
        // They still count; they name nobody.
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(15)).untilAsserted(() ->
                fx.as("viewer").get("/v1/publications/{id}/summary", publication).then().body("engagements", equalTo(4)));
        assertThat(count("select count(*) from rollup_actor where workspace_id = ? and actor_member_id = ?::uuid",
                ann.toString())).isZero();
        // What is kept of the handle is a key, not the handle.
        assertThat(count("select count(*) from erased_handle where workspace_id = ? and network = 'x'"
                + " and position(convert_to(?, 'UTF8') in handle_key) = 0 and position(convert_to('ann', 'UTF8') in handle_key) = 0", "@ann")).isEqualTo(1);
    }

    @Test
    void anErasureWithANullHandleIsA400NamingIt() {
        fx.badRequestAs("admin").body("""
                        {"eventId":"%s","memberId":"%s","handles":[null],"erasedAt":"%s"}"""
                        .formatted(UUID.randomUUID(), UUID.randomUUID(), Instant.now()))
                .post("/v1/member-erasures").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("handles[0]"));
    }

    private String handlesOfEvents() throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "select string_agg(actor_handle, ',' order by actor_handle) from engagement_event where workspace_id = ?")) {
            statement.setString(1, fx.workspace);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getString(1);
            }
        }
    }

    private long count(String sql, String value) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, fx.workspace);
            statement.setString(2, value);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
