package io.kogu.audience;

import io.kogu.testsupport.Contract;
import io.kogu.testsupport.Pages;
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
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/** The inbox (issue 13): intake, grouping, views and their filters, changes with history, notes, undo, timeline. */
@QuarkusTest
class ConversationsTest {

    private final InboxCalls calls = new InboxCalls();
    private final Contract contract = calls.contract;
    private final String workspace = calls.workspace;
    private final String channel = UUID.randomUUID().toString();

    @Inject
    DataSource dataSource;

    static String item(String channel, String externalId, String kind, String root, String handle, String text,
                       Instant at) {
        return """
                {"network":"bluesky","channelId":"%s","externalId":"%s","kind":"%s",%s"authorHandle":"%s",
                 "authorName":"Fan","text":"%s","occurredAt":"%s"}""".formatted(channel, externalId, kind,
                root == null ? "" : "\"rootExternalId\":\"" + root + "\",", handle, text, at);
    }

    @Test
    void itemsAreTakenOnceGroupedByRootAndDirectMessagePartnerAndTheirAuthorsAreMembers() {
        String fan = calls.as("editor").body("""
                {"displayName":"Fan Tamm","handles":[{"network":"bluesky","handle":"fan.bsky.social"}]}""")
                .post("/v1/members").then().statusCode(201).extract().path("id");
        Instant t = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(1, ChronoUnit.HOURS);
        String first = item(channel, "at://c/1", "comment", "at://post/1", "@Fan.BSKY.social", "Great post!", t);
        String second = item(channel, "at://c/2", "reply", "at://post/1", "other.bsky.social", "Agreed", t.plusSeconds(60));
        String dm1 = item(channel, "dm-1", "direct_message", null, "fan.bsky.social", "Hello", t.plusSeconds(120));
        String dm2 = item(channel, "dm-2", "direct_message", null, "@FAN.bsky.social", "Anyone?", t.plusSeconds(180));
        List<String> ids = calls.as("integration").body("{\"items\":[" + String.join(",", first, second, dm1, dm2) + "]}")
                .post("/v1/conversation-items").then().statusCode(200)
                .body("items.outcome", equalTo(List.of("created", "created", "created", "created")))
                .extract().path("items.conversationId");
        assertThat(ids.get(0)).isEqualTo(ids.get(1)).isNotEqualTo(ids.get(2));
        assertThat(ids.get(2)).isEqualTo(ids.get(3));

        // Sent again (the collector retries): the same ids, nothing new.
        calls.asService().body("{\"items\":[" + first + "]}").post("/v1/conversation-items").then().statusCode(200)
                .body("items[0].outcome", equalTo("duplicate")).body("items[0].conversationId", equalTo(ids.get(0)));
        calls.as("viewer").get("/v1/conversations/{id}", ids.get(0)).then().statusCode(200).header("ETag", notNullValue())
                .body("itemCount", equalTo(2)).body("state", equalTo("open")).body("kind", equalTo("thread"))
                .body("memberId", equalTo(fan)).body("lastText", equalTo("Agreed"))
                .body("waitingSince", notNullValue());
        calls.as("viewer").get("/v1/conversations/{id}/items", ids.get(0)).then().statusCode(200)
                .body("items.externalId", equalTo(List.of("at://c/1", "at://c/2")))
                .body("items[0].memberId", equalTo(fan)).body("items[1].memberId", notNullValue());
        calls.as("viewer").get("/v1/conversations/{id}", ids.get(2)).then().body("kind", equalTo("direct_message"))
                .body("itemCount", equalTo(2));
        // The member's timeline: both conversations they wrote in.
        calls.as("viewer").get("/v1/members/{id}/conversations", fan).then().statusCode(200)
                .body("items.id", equalTo(List.of(ids.get(2), ids.get(0))));
    }

    @Test
    void theInboxFiltersAndPagesLatestActivityFirst() {
        Instant t = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String other = UUID.randomUUID().toString();
        List<String> ids = calls.receive(
                item(channel, "a1", "comment", "root-a", "a.bsky.social", "Tänan väga, ÕNNE!", t.minus(3, ChronoUnit.HOURS)),
                item(channel, "b1", "comment", "root-b", "b.bsky.social", "Where is my order?", t.minus(2, ChronoUnit.HOURS)),
                item(other, "c1", "mention", null, "c.bsky.social", "Nice", t.minus(5, ChronoUnit.MINUTES)));
        String a = ids.get(0);
        String b = ids.get(1);
        String c = ids.get(2);
        assertThat(Pages.allIds(() -> calls.as("viewer"), "/v1/conversations", 2)).containsExactly(c, b, a);
        calls.as("viewer").queryParam("channelId", other).get("/v1/conversations").then().body("items.id", equalTo(List.of(c)));
        calls.as("viewer").queryParam("q", "TANAN vaga").get("/v1/conversations").then().body("items.id", equalTo(List.of(a)));
        calls.as("viewer").queryParam("q", "onne").get("/v1/conversations").then().body("items.id", equalTo(List.of(a)));
        calls.as("viewer").queryParam("unansweredForMinutes", 60).get("/v1/conversations").then()
                .body("items.id", equalTo(List.of(b, a)));

        String etag = calls.as("viewer").get("/v1/conversations/{id}", b).header("ETag");
        calls.as("editor").header("If-Match", etag).body("""
                {"state":"pending","assignee":"bob","priority":"high","tags":["order"],"spam":false}""")
                .patch("/v1/conversations/{id}", b).then().statusCode(200);
        calls.as("viewer").queryParam("state", "pending").get("/v1/conversations").then().body("items.id", equalTo(List.of(b)));
        calls.as("viewer").queryParam("state", "open").get("/v1/conversations").then().body("items.id", equalTo(List.of(c, a)));
        calls.as("viewer").queryParam("assignee", "bob").get("/v1/conversations").then().body("items.id", equalTo(List.of(b)));
        calls.as("viewer").queryParam("assignee", "none").get("/v1/conversations").then().body("items.id", equalTo(List.of(c, a)));
        calls.as("viewer").queryParam("priority", "high").get("/v1/conversations").then().body("items.id", equalTo(List.of(b)));
        calls.as("viewer").queryParam("tag", "order").get("/v1/conversations").then().body("items.id", equalTo(List.of(b)));
        calls.as("viewer").queryParam("spam", true).get("/v1/conversations").then().body("items", hasSize(0));
        calls.as("viewer").queryParam("spam", false).get("/v1/conversations").then().body("items", hasSize(3));

        calls.badRequestAs("viewer").queryParam("state", "lost").get("/v1/conversations").then().statusCode(400);
        calls.badRequestAs("viewer").queryParam("cursor", "nonsense").get("/v1/conversations").then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void changesNeedTheVersionAndEveryChangeIsInTheHistoryWithWhoMadeItAndCanBeUndone() {
        String id = calls.receive(item(channel, "x1", "comment", "root-x", "x.bsky.social", "Hi", Instant.now())).get(0);
        calls.badRequestAs("editor").body("{\"state\":\"closed\"}").patch("/v1/conversations/{id}", id).then().statusCode(428);
        calls.as("editor").header("If-Match", "\"99\"").body("{\"state\":\"closed\"}").patch("/v1/conversations/{id}", id)
                .then().statusCode(412);
        String etag = calls.as("viewer").get("/v1/conversations/{id}", id).header("ETag");
        String next = calls.as("editor").header("If-Match", etag).body("{\"state\":\"closed\",\"assignee\":\"bob\"}")
                .patch("/v1/conversations/{id}", id).then().statusCode(200).body("state", equalTo("closed"))
                .body("assignee", equalTo("bob")).body("closedAt", notNullValue()).extract().header("ETag");
        assertThat(next).isNotEqualTo(etag);
        calls.as("editor").header("If-Match", next).body("{\"assignee\":null}").patch("/v1/conversations/{id}", id).then()
                .statusCode(200).body("assignee", nullValue());
        calls.as("editor").body("{\"text\":\"Called them back\"}").post("/v1/conversations/{id}/notes", id).then()
                .statusCode(201).body("author", equalTo("ann"));
        calls.as("viewer").get("/v1/conversations/{id}/notes", id).then().body("items[0].text", equalTo("Called them back"));

        List<String> actions = calls.as("viewer").get("/v1/conversations/{id}/history", id).then().statusCode(200)
                .body("items.actor", hasItem("ann")).extract().path("items.action");
        assertThat(actions).containsExactly("note", "assignee", "assignee", "state", "created");
        String stateEntry = calls.as("viewer").get("/v1/conversations/{id}/history", id).then()
                .body("items[3].undoable", equalTo(true)).body("items[2].undoable", equalTo(false))
                .body("items[1].undoable", equalTo(true)).body("items[0].undoable", equalTo(false))
                .extract().path("items[3].id");
        calls.as("editor").post("/v1/conversations/{id}/history/{entry}/undo", id, stateEntry).then().statusCode(200)
                .body("state", equalTo("open")).body("closedAt", nullValue());
        calls.as("editor").post("/v1/conversations/{id}/history/{entry}/undo", id, stateEntry).then().statusCode(409);
        calls.as("viewer").get("/v1/conversations/{id}/history", id).then()
                .body("items[0].undoOf", equalTo(stateEntry)).body("items[0].toValue", equalTo("open"));

        // A fan writes again in a closed conversation: it opens again.
        String etag2 = calls.as("viewer").get("/v1/conversations/{id}", id).header("ETag");
        calls.as("editor").header("If-Match", etag2).body("{\"state\":\"closed\"}").patch("/v1/conversations/{id}", id)
                .then().statusCode(200);
        calls.receive(item(channel, "x2", "reply", "root-x", "x.bsky.social", "Still there?", Instant.now()));
        calls.as("viewer").get("/v1/conversations/{id}", id).then().body("state", equalTo("open"));

        calls.badRequestAs("editor").header("If-Match", etag).body("{\"state\":\"lost\",\"colour\":\"red\"}")
                .patch("/v1/conversations/{id}", id).then().statusCode(400);
    }

    @Test
    void anItemAsContentServicesCollectorSendsItIsTaken() {
        // Exactly the body content-service's outbox delivers for a Bluesky reply (AudienceConversationItems).
        String body = """
                {"items": [{"url": "https://bsky.app/profile/bob.test/post/3n3kdwayvbs2l", "kind": "comment",
                 "text": "When does it ship?", "fromUs": false, "network": "bluesky", "channelId": "%s",
                 "externalId": "at://did:plc:ef4zjj37qpatagr4gcsvpnxd/app.bsky.feed.post/3n3kdwayvbs2l",
                 "occurredAt": "2026-11-30T18:20:54.462632899Z", "authorHandle": "@bob.test",
                 "publicationId": "5a919b69-b52e-4a9e-a17f-32a694c4bd97",
                 "rootExternalId": "at://did:plc:ky6i3zuora4vlylt2bsbhjr2/app.bsky.feed.post/2y6h43wxotcja",
                 "authorExternalId": "did:plc:ef4zjj37qpatagr4gcsvpnxd",
                 "parentExternalId": "at://did:plc:ky6i3zuora4vlylt2bsbhjr2/app.bsky.feed.post/2y6h43wxotcja"}]}"""
                .formatted(channel);
        given().filter(contract.full()).auth().oauth2(TestTokens.serviceForThisService())
                .header("Kogu-Workspace", workspace).contentType(ContentType.JSON).body(body)
                .post("/v1/conversation-items").then().statusCode(200).body("items[0].outcome", equalTo("created"));
    }

    @Test
    void newItemsGoToMetricsServiceThroughTheOutbox() throws Exception {
        String id = calls.receive(item(channel, "m1", "mention", null, "m.bsky.social", "Help!", Instant.now())).get(0);
        try (Connection connection = dataSource.getConnection();
             PreparedStatement outbox = connection.prepareStatement(
                     "select payload::text from outbox where workspace_id = ? and event_type = 'inbox.activity'")) {
            outbox.setString(1, workspace);
            try (ResultSet row = outbox.executeQuery()) {
                assertThat(row.next()).isTrue();
                assertThat(row.getString(1)).contains(id).contains("\"kind\": \"mention\"").contains("Help!");
            }
        }
    }

    @Test
    void rolesTokensAndWorkspaces() {
        String id = calls.receive(item(channel, "r1", "comment", "root-r", "r.bsky.social", "Hi", Instant.now())).get(0);
        String body = "{\"items\":[" + item(channel, "r2", "comment", "root-r", "r.bsky.social", "Hi", Instant.now()) + "]}";
        calls.as("viewer").body(body).post("/v1/conversation-items").then().statusCode(403);
        given().filter(contract.responsesOnly()).contentType(ContentType.JSON).body(body).post("/v1/conversation-items")
                .then().statusCode(401);
        given().filter(contract.responsesOnly()).get("/v1/conversations").then().statusCode(401);
        given().filter(contract.responsesOnly()).auth().oauth2(TestTokens.serviceForThisService())
                .header("Kogu-Workspace", workspace).contentType(ContentType.JSON).body("{\"items\":[]}")
                .post("/v1/conversation-items").then().statusCode(400);
        calls.as("integration").get("/v1/conversations").then().statusCode(403);
        calls.as("viewer").header("If-Match", "\"0\"").body("{\"state\":\"closed\"}").patch("/v1/conversations/{id}", id)
                .then().statusCode(403);
        calls.as("viewer").body("{\"text\":\"x\"}").post("/v1/conversations/{id}/notes", id).then().statusCode(403);

        String stranger = TestTokens.newWorkspace();
        Supplier<RequestSpecification> other = () -> given().filter(contract.full())
                .auth().oauth2(TestTokens.token(stranger, "admin")).contentType(ContentType.JSON);
        other.get().get("/v1/conversations/{id}", id).then().statusCode(404);
        other.get().get("/v1/conversations/{id}/items", id).then().statusCode(404);
        other.get().get("/v1/conversations/{id}/history", id).then().statusCode(404);
        other.get().get("/v1/conversations/{id}/notes", id).then().statusCode(404);
        other.get().body("{\"text\":\"x\"}").post("/v1/conversations/{id}/notes", id).then().statusCode(404);
        other.get().header("If-Match", "\"0\"").body("{\"state\":\"closed\"}").patch("/v1/conversations/{id}", id).then()
                .statusCode(404);
        other.get().get("/v1/conversations").then().statusCode(200).body("items", hasSize(0));
        other.get().get("/v1/members/{id}/conversations", UUID.randomUUID()).then().statusCode(404)
                .body("detail", containsString("member"));
    }

    @Test
    void anErasedMembersWordsLeaveTheInbox() {
        String fan = calls.as("editor").body("""
                {"displayName":"Secret Fan","handles":[{"network":"bluesky","handle":"secret.bsky.social"}]}""")
                .post("/v1/members").then().statusCode(201).extract().path("id");
        String id = calls.receive(item(channel, "s1", "comment", "root-s", "secret.bsky.social", "My address is Tamme 5",
                Instant.now().minusSeconds(60)), item(channel, "s2", "reply", "root-s", "other.bsky.social", "Hi there",
                Instant.now())).get(0);
        calls.as("viewer").queryParam("q", "tamme").get("/v1/conversations").then().body("items.id", equalTo(List.of(id)));
        calls.as("admin").post("/v1/members/{id}/erasures", fan).then().statusCode(200);
        calls.as("viewer").queryParam("q", "tamme").get("/v1/conversations").then().body("items", hasSize(0));
        calls.as("viewer").queryParam("q", "secret").get("/v1/conversations").then().body("items", hasSize(0));
        calls.as("viewer").get("/v1/conversations/{id}/items", id).then().body("items[0].text", equalTo(""))
                .body("items[0].authorHandle", equalTo("(erased)")).body("items[0].memberId", nullValue())
                .body("items[1].text", equalTo("Hi there"));
        calls.as("viewer").get("/v1/conversations/{id}", id).then().body("itemCount", equalTo(2)).body("memberId", nullValue());
    }
}
