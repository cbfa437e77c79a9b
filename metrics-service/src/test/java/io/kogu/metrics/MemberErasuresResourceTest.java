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

@QuarkusTest
class MemberErasuresResourceTest {

    @Inject
    AgroalDataSource dataSource;

    private final Fixtures fx = new Fixtures();

    private String erasure(UUID eventId, UUID member) {
        return """
                {"eventId":"%s","memberId":"%s","handles":[{"network":"x","handle":"@ann"}],"erasedAt":"%s"}"""
                .formatted(eventId, member, Instant.now());
    }

    @Test
    void anErasureRemovesTheActorFromStoredEventsAndRollupsOnce() throws SQLException {
        UUID publication = fx.publication(UUID.randomUUID());
        UUID ann = UUID.randomUUID();
        UUID bob = UUID.randomUUID();
        Instant at = Instant.now().minus(1, ChronoUnit.HOURS);
        fx.post("""
                [{"eventId":"a1","publicationId":"%1$s","type":"like","occurredAt":"%2$s","actorMemberId":"%3$s"},
                 {"eventId":"a2","publicationId":"%1$s","type":"comment","occurredAt":"%2$s","actorMemberId":"%3$s"},
                 {"eventId":"a3","publicationId":"%1$s","type":"share","occurredAt":"%2$s","actorHandle":"@ann"},
                 {"eventId":"b1","publicationId":"%1$s","type":"like","occurredAt":"%2$s","actorMemberId":"%4$s"}]"""
                .formatted(publication, at, ann, bob));
        assertThat(actorEvents(ann, "@ann")).isEqualTo(3);

        UUID eventId = UUID.randomUUID();
        given().filter(fx.contract.full()).auth().oauth2(TestTokens.service("metrics-service"))
                .header("Kogu-Workspace", fx.workspace).contentType(ContentType.JSON).body(erasure(eventId, ann))
                .post("/v1/member-erasures").then().statusCode(200)
                .body("eventId", equalTo(eventId.toString())).body("eventsAnonymized", equalTo(3));
        assertThat(actorEvents(ann, "@ann")).isZero();
        assertThat(actorEvents(bob, null)).isEqualTo(1);
        assertThat(actorRollups(ann)).isZero();
        assertThat(actorRollups(bob)).isEqualTo(1);
        // The events stay, without actor: the totals do not change.
        fx.as("viewer").get("/v1/publications/{id}/summary", publication).then().body("engagements", equalTo(4));

        // The outbox delivers again: nothing changes, the same answer shape.
        fx.as("admin").body(erasure(eventId, ann)).post("/v1/member-erasures").then().statusCode(200)
                .body("eventsAnonymized", equalTo(0));
    }

    @Test
    void anErasureAlsoReachesDeltasStillQueuedFromAStream() throws SQLException {
        UUID publication = fx.publication(UUID.randomUUID());
        UUID ann = UUID.randomUUID();
        Instant at = Instant.now().minus(1, ChronoUnit.HOURS);
        String stream = """
                {"eventId":"s1","publicationId":"%1$s","type":"like","occurredAt":"%2$s","actorMemberId":"%3$s"}
                {"eventId":"s2","publicationId":"%1$s","type":"share","occurredAt":"%2$s","actorMemberId":"%3$s"}
                """.formatted(publication, at, ann);
        given().filter(fx.contract.responsesOnly()).auth().oauth2(TestTokens.token(fx.workspace, "integration"))
                .contentType("application/x-ndjson").body(stream.getBytes(java.nio.charset.StandardCharsets.UTF_8)).post("/v1/events").then().statusCode(200)
                .body("accepted", equalTo(2));
        // Right away, whether or not the backlog applier has taken the stream's deltas yet.
        fx.as("admin").body(erasure(UUID.randomUUID(), ann)).post("/v1/member-erasures").then().statusCode(200)
                .body("eventsAnonymized", equalTo(2));
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(15)).untilAsserted(() ->
                fx.as("viewer").get("/v1/publications/{id}/summary", publication).then().body("engagements", equalTo(2)));
        assertThat(actorRollups(ann)).isZero();
        assertThat(actorEvents(ann, null)).isZero();
    }

    @Test
    void anErasureWaitsForABatchInFlightAndReachesWhatItStored() throws Exception {
        UUID publication = fx.publication(UUID.randomUUID());
        UUID ann = UUID.randomUUID();
        try (Connection batch = dataSource.getConnection()) {
            // A stream's batch, half way: it holds the workspace's lock shared and has queued a delta of Ann's.
            batch.setAutoCommit(false);
            try (PreparedStatement lock = batch.prepareStatement("select pg_advisory_xact_lock_shared("
                    + io.kogu.metrics.event.EventIngestion.erasureLock("?") + ")");
                 PreparedStatement queue = batch.prepareStatement("""
                         insert into rollup_backlog (workspace_id, deltas, publication_ids, types, hours, channel_ids,
                                                     networks, actor_member_ids, totals)
                         values (?, 1, array[?::uuid], array['like'], array[date_trunc('hour', now())], array[null::uuid],
                                 array['x'], array[?::uuid], array[1::bigint])""")) {
                lock.setString(1, fx.workspace);
                lock.executeQuery().close();
                queue.setString(1, fx.workspace);
                queue.setObject(2, publication);
                queue.setObject(3, ann);
                queue.executeUpdate();
            }
            java.util.concurrent.CompletableFuture<Integer> erasing = java.util.concurrent.CompletableFuture.supplyAsync(() ->
                    fx.as("admin").body(erasure(UUID.randomUUID(), ann)).post("/v1/member-erasures").statusCode());
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> erasing.get(500, java.util.concurrent.TimeUnit.MILLISECONDS))
                    .isInstanceOf(java.util.concurrent.TimeoutException.class);
            batch.commit();
            assertThat(erasing.get(10, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(200);
        }
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(15)).untilAsserted(() ->
                fx.as("viewer").get("/v1/publications/{id}/summary", publication).then().body("totals.like", equalTo(1)));
        assertThat(actorRollups(ann)).isZero();
    }

    @Test
    void anErasureWithoutMemberIdIsA400() {
        fx.badRequestAs("admin").body("{\"eventId\":\"%s\",\"erasedAt\":\"%s\"}".formatted(UUID.randomUUID(), Instant.now()))
                .post("/v1/member-erasures").then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void onlyAServiceOrAnAdminMayErase() {
        fx.as("editor").body(erasure(UUID.randomUUID(), UUID.randomUUID())).post("/v1/member-erasures").then()
                .statusCode(403);
        fx.as("integration").body(erasure(UUID.randomUUID(), UUID.randomUUID())).post("/v1/member-erasures").then()
                .statusCode(403);
    }

    @Test
    void anErasureInAnotherWorkspaceLeavesThisOneAlone() throws SQLException {
        UUID publication = fx.publication(UUID.randomUUID());
        UUID ann = UUID.randomUUID();
        fx.post("""
                {"eventId":"a1","publicationId":"%s","type":"like","occurredAt":"%s","actorMemberId":"%s"}"""
                .formatted(publication, Instant.now().minus(1, ChronoUnit.HOURS), ann));
        new Fixtures().as("admin").body(erasure(UUID.randomUUID(), ann)).post("/v1/member-erasures").then()
                .statusCode(200).body("eventsAnonymized", equalTo(0));
        assertThat(actorEvents(ann, null)).isEqualTo(1);
    }

    private long actorEvents(UUID member, String handle) throws SQLException {
        // Handles are stored normalised (platform's Handles: "@ann" is "ann").
        return count("select count(*) from engagement_event where workspace_id = ? and (actor_member_id = ?"
                + " or actor_handle = ltrim(?, '@'))", member, handle);
    }

    private long actorRollups(UUID member) throws SQLException {
        return count("select count(*) from rollup_actor where workspace_id = ? and actor_member_id = ?", member, null);
    }

    private long count(String sql, UUID member, String handle) throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, fx.workspace);
            statement.setObject(2, member);
            if (sql.chars().filter(c -> c == '?').count() > 2) {
                statement.setString(3, handle);
            }
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
