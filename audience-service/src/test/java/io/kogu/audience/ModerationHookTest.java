package io.kogu.audience;

import io.kogu.audience.conversation.Conversation;
import io.kogu.audience.conversation.ConversationItem;
import io.kogu.audience.conversation.ModerationActions;
import io.kogu.audience.moderation.AppliedRule;
import io.kogu.audience.moderation.ModerationAction;
import io.kogu.audience.moderation.ModerationDecision;
import io.kogu.testsupport.Contract;
import io.kogu.testsupport.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * A moderation decision applied to a conversation: every action of every rule, each a history entry by
 * "moderation rule <name>", each undoable. The decision is made here (the rules are lane spam's); the intake calls
 * the same ModerationActions with Moderation.decide's answer.
 */
@QuarkusTest
class ModerationHookTest {

    private final InboxCalls calls = new InboxCalls();
    private final Contract contract = calls.contract;
    private final String workspace = calls.workspace;

    @Inject
    ModerationActions moderationActions;

    @Inject
    DataSource dataSource;

    @Test
    void everyActionOfARuleIsAppliedLoggedAndUndoable() throws Exception {
        String channel = UUID.randomUUID().toString();
        String id = given().filter(contract.full()).auth().oauth2(TestTokens.serviceForThisService())
                .header("Kogu-Workspace", workspace).contentType(ContentType.JSON)
                .body("{\"items\":[" + ConversationsTest.item(channel, "promo-1", "comment", "post-1", "spam.bsky.social",
                        "Congrats on the launch!", Instant.now()) + "]}")
                .post("/v1/conversation-items").then().statusCode(200).extract().path("items[0].conversationId");
        // An ordinary comment: the classifier leaves it alone; the decision below stands in for a rule that matched.
        calls.as("viewer").get("/v1/conversations/{id}", id).then().body("spam", equalTo(false));

        ModerationDecision decision = new ModerationDecision(0.97, true, List.of(new AppliedRule(UUID.randomUUID(),
                "Promo codes", List.of(new ModerationAction(ModerationActions.HIDE, null),
                new ModerationAction(ModerationActions.TAG, "promo"), new ModerationAction(ModerationActions.ASSIGN, "mod"),
                new ModerationAction(ModerationActions.RAISE_PRIORITY, null),
                new ModerationAction(ModerationActions.ALERT, "promo burst")))));
        QuarkusTransaction.requiringNew().run(() -> {
            Conversation c = Conversation.findById(UUID.fromString(id));
            ConversationItem item = ConversationItem.find("conversationId", c.id).firstResult();
            moderationActions.apply(c, item, decision);
        });

        calls.as("viewer").get("/v1/conversations/{id}", id).then().body("spam", equalTo(true))
                .body("tags", equalTo(List.of("promo"))).body("assignee", equalTo("mod"))
                .body("priority", equalTo("high"));
        calls.as("viewer").get("/v1/conversations/{id}/items", id).then().body("items[0].hidden", equalTo(true));
        List<String> actors = calls.as("viewer").get("/v1/conversations/{id}/history", id).then()
                .body("items[0].action", equalTo("alert")).extract().path("items.actor");
        assertThat(actors.subList(0, 6)).containsOnly("moderation rule Promo codes", "moderation classifier");
        List<String> actions = calls.as("viewer").get("/v1/conversations/{id}/history", id).path("items.action");
        assertThat(actions).containsExactly("alert", "priority", "assignee", "tag_added", "hidden", "spam", "created");

        // Undo the hide: the item shows again here, and the network is told through the outbox (hidden, then shown).
        String hideEntry = calls.as("viewer").get("/v1/conversations/{id}/history", id).path("items[4].id");
        calls.as("editor").post("/v1/conversations/{id}/history/{entry}/undo", id, hideEntry).then().statusCode(200);
        calls.as("viewer").get("/v1/conversations/{id}/items", id).then().body("items[0].hidden", equalTo(false));
        assertThat(hidingEvents()).containsExactly("true", "false");
        // Undo the tag, the assignment and the spam mark.
        for (String action : List.of("tag_added", "assignee", "spam")) {
            String entry = calls.as("viewer").get("/v1/conversations/{id}/history", id)
                    .path("items.find { it.action == '" + action + "' && it.undoOf == null }.id");
            calls.as("editor").post("/v1/conversations/{id}/history/{entry}/undo", id, entry).then().statusCode(200);
        }
        calls.as("viewer").get("/v1/conversations/{id}", id).then().body("spam", equalTo(false))
                .body("tags", equalTo(List.of())).body("assignee", equalTo(null)).body("priority", equalTo("high"));
        // An alert changes nothing that could be put back.
        String alert = calls.as("viewer").get("/v1/conversations/{id}/history", id).path("items.find { it.action == 'alert' }.id");
        calls.as("editor").post("/v1/conversations/{id}/history/{entry}/undo", id, alert).then().statusCode(409);
    }

    private List<String> hidingEvents() throws Exception {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement outbox = connection.prepareStatement("""
                     select payload ->> 'hidden' from outbox where workspace_id = ? and event_type = 'conversation.item_hiding'
                     order by created_at""")) {
            outbox.setString(1, workspace);
            try (ResultSet rows = outbox.executeQuery()) {
                List<String> hidden = new ArrayList<>();
                while (rows.next()) {
                    hidden.add(rows.getString(1));
                }
                return hidden;
            }
        }
    }
}
