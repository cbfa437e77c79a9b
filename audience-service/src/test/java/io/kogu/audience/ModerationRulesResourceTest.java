package io.kogu.audience;

import io.kogu.audience.moderation.IncomingItem;
import io.kogu.audience.moderation.Moderation;
import io.kogu.audience.moderation.ModerationDecision;
import io.kogu.testsupport.Contract;
import io.kogu.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

@QuarkusTest
class ModerationRulesResourceTest {

    private final Contract contract = Contract.ofThisService();
    private final String workspace = TestTokens.newWorkspace();

    @Inject
    Moderation moderation;

    private RequestSpecification as(String... roles) {
        return given().filter(contract.full()).auth().oauth2(TestTokens.token(workspace, roles)).contentType(ContentType.JSON);
    }

    private RequestSpecification unchecked(String... roles) {
        return given().filter(contract.responsesOnly()).auth().oauth2(TestTokens.token(workspace, roles))
                .contentType(ContentType.JSON);
    }

    private RequestSpecification anonymous() {
        return given().filter(contract.responsesOnly()).contentType(ContentType.JSON);
    }

    private static final String CASINO_RULE = """
            {"name":"Casino spam","conditions":{"keywords":["kasiino","казино","casino"],"containsLink":true},
             "actions":[{"type":"mark_spam"},{"type":"hide"},{"type":"tag","value":"casino"}]}""";

    private ExtractableResponse<Response> create(String body) {
        return as("admin").body(body).post("/v1/moderation-rules").then().statusCode(201).extract();
    }

    private static IncomingItem comment(String text) {
        return new IncomingItem("bluesky", UUID.randomUUID().toString(), "comment", "@fan.bsky.social", text, List.of(),
                Instant.parse("2026-11-30T10:00:00Z"));
    }

    @Test
    void anAdminCreatesReadsReplacesAndDeletesARuleWithVersions() {
        ExtractableResponse<Response> created = create(CASINO_RULE);
        String id = created.path("id");
        assertThat(created.header("ETag")).isEqualTo("\"0\"");
        assertThat(created.header("Location")).endsWith("/v1/moderation-rules/" + id);
        assertThat((Boolean) created.path("enabled")).isTrue();
        assertThat((Integer) created.path("position")).isEqualTo(0);

        as("viewer").get("/v1/moderation-rules/{id}", id).then().statusCode(200).header("ETag", "\"0\"")
                .body("name", equalTo("Casino spam")).body("actions[2].value", equalTo("casino"))
                .body("conditions.keywords", hasSize(3));

        as("admin").header("If-Match", "\"0\"").body("""
                        {"name":"Casino and betting","enabled":false,"conditions":{"keywords":["bet"]},
                         "actions":[{"type":"raise_priority","value":"high"},{"type":"alert"}]}""")
                .put("/v1/moderation-rules/{id}", id).then().statusCode(200).header("ETag", "\"1\"")
                .body("enabled", equalTo(false)).body("actions[0].type", equalTo("raise_priority"))
                .body("position", equalTo(0));

        as("admin").header("If-Match", "\"0\"").body(CASINO_RULE).put("/v1/moderation-rules/{id}", id).then().statusCode(412);
        as("admin").body(CASINO_RULE).put("/v1/moderation-rules/{id}", id).then().statusCode(428);
        as("admin").delete("/v1/moderation-rules/{id}", id).then().statusCode(428);
        as("admin").header("If-Match", "\"1\"").delete("/v1/moderation-rules/{id}", id).then().statusCode(204);
        as("viewer").get("/v1/moderation-rules/{id}", id).then().statusCode(404);
    }

    @Test
    void rulesAreListedAndAppliedInTheirOrderAndEveryApplicationIsLogged() {
        String tagAll = create("""
                {"name":"Links","position":5,"conditions":{"containsLink":true},"actions":[{"type":"tag","value":"link"}]}""")
                .path("id");
        String spam = create("""
                {"name":"Spam","position":1,"conditions":{"spamScoreAtLeast":0.6},
                 "actions":[{"type":"mark_spam"},{"type":"hide"}]}""").path("id");
        String last = create("""
                {"name":"Emoji only","conditions":{"onlyEmoji":true},"actions":[{"type":"assign","value":"kati"}]}""")
                .path("id");
        as("viewer").get("/v1/moderation-rules").then().statusCode(200)
                .body("items.id", equalTo(List.of(spam, tagAll, last)))
                .body("items[2].position", equalTo(6));

        ModerationDecision decision = moderation.decide(workspace,
                comment("Kasuta koodi SUVI30 ja saad 30% soodsamalt! https://megadeal.shop"));
        assertThat(decision.spam()).isTrue();
        assertThat(decision.rules()).extracting(r -> r.ruleName()).containsExactly("Spam", "Links");
        assertThat(decision.rules().get(0).actions()).extracting(a -> a.type()).containsExactly("mark_spam", "hide");

        ModerationDecision emoji = moderation.decide(workspace, comment("😍🔥 👏🏽"));
        assertThat(emoji.spam()).isFalse();
        assertThat(emoji.rules()).extracting(r -> r.ruleName()).containsExactly("Emoji only");
        assertThat(emoji.rules().get(0).actions().get(0).value()).isEqualTo("kati");

        as("viewer").get("/v1/moderation-rules/{id}/log", spam).then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].ruleName", equalTo("Spam"))
                .body("items[0].spam", equalTo(true)).body("items[0].network", equalTo("bluesky"))
                .body("items[0].actions[1].type", equalTo("hide"));
        as("viewer").get("/v1/moderation-log?limit=2").then().statusCode(200)
                .body("items", hasSize(2)).body("items[0].ruleName", equalTo("Emoji only"));
        String next = as("viewer").get("/v1/moderation-log?limit=2").then().extract().path("nextCursor");
        as("viewer").queryParam("cursor", next).get("/v1/moderation-log").then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].ruleName", equalTo("Spam"));
    }

    @Test
    void conditionsOnKeywordsAuthorsPromoCodesAndDisabledRules() {
        create("""
                {"name":"Known spammers","conditions":{"authors":["@Bot.Example.com"]},"actions":[{"type":"mark_spam"}]}""");
        create("""
                {"name":"Promo codes","conditions":{"promoCode":true,"containsLink":false},"actions":[{"type":"tag","value":"promo"}]}""");
        create("""
                {"name":"Refunds","conditions":{"keywords":["Tagasimakse"]},"actions":[{"type":"raise_priority"}]}""");
        create("""
                {"name":"Off","enabled":false,"conditions":{"keywords":["tagasimakse"]},"actions":[{"type":"alert"}]}""");

        IncomingItem fromBot = new IncomingItem("bluesky", null, "reply", "bot.example.com", "hello", List.of(),
                Instant.parse("2026-11-30T10:00:00Z"));
        assertThat(moderation.decide(workspace, fromBot).rules()).extracting(r -> r.ruleName()).containsExactly("Known spammers");
        assertThat(moderation.decide(workspace, comment("Use code SUMMER25 at checkout")).rules())
                .extracting(r -> r.ruleName()).containsExactly("Promo codes");
        assertThat(moderation.decide(workspace, comment("Kus on mu TAGASIMAKSE? Ootan juba kaks nädalat")).rules())
                .extracting(r -> r.ruleName()).containsExactly("Refunds");
        assertThat(moderation.decide(TestTokens.newWorkspace(), comment("Kus on mu tagasimakse?")).rules())
                .as("another workspace's rules").isEmpty();
    }

    @Test
    void badInputIsA400OrA422ThatNamesTheField() {
        unchecked("admin").body("{\"name\":").post("/v1/moderation-rules").then().statusCode(400);
        unchecked("admin").body("""
                {"name":"x","conditions":{"containsLink":true},"actions":[{"type":"delete_account"}]}""")
                .post("/v1/moderation-rules").then().statusCode(400);
        unchecked("admin").body("""
                {"name":"x","conditions":{},"actions":[{"type":"mark_spam"}]}""")
                .post("/v1/moderation-rules").then().statusCode(422).body("errors[0].field", equalTo("conditions"));
        unchecked("admin").body("""
                {"name":"x","conditions":{"containsLink":true},"actions":[{"type":"tag"}]}""")
                .post("/v1/moderation-rules").then().statusCode(422).body("errors[0].field", equalTo("actions[0].value"));
        unchecked("admin").body("""
                {"name":"x","conditions":{"spamScoreAtLeast":1.5},"actions":[{"type":"mark_spam"}]}""")
                .post("/v1/moderation-rules").then().statusCode(400);
        unchecked("viewer").get("/v1/moderation-rules/not-a-uuid").then().statusCode(400);
        unchecked("viewer").get("/v1/moderation-log?cursor=garbage").then().statusCode(400);
        unchecked("viewer").get("/v1/moderation-rules/{id}/log?limit=0", UUID.randomUUID()).then().statusCode(400);
    }

    @Test
    void withoutATokenEveryEndpointIs401() {
        String id = create(CASINO_RULE).path("id");
        anonymous().get("/v1/moderation-rules").then().statusCode(401);
        anonymous().body(CASINO_RULE).post("/v1/moderation-rules").then().statusCode(401);
        anonymous().get("/v1/moderation-rules/{id}", id).then().statusCode(401);
        anonymous().header("If-Match", "\"0\"").body(CASINO_RULE).put("/v1/moderation-rules/{id}", id).then().statusCode(401);
        anonymous().header("If-Match", "\"0\"").delete("/v1/moderation-rules/{id}", id).then().statusCode(401);
        anonymous().get("/v1/moderation-rules/{id}/log", id).then().statusCode(401);
        anonymous().get("/v1/moderation-log").then().statusCode(401);
    }

    @Test
    void onlyAdminsChangeRulesAndIntegrationsSeeNone() {
        String id = create(CASINO_RULE).path("id");
        as("editor").body(CASINO_RULE).post("/v1/moderation-rules").then().statusCode(403);
        as("approver").header("If-Match", "\"0\"").body(CASINO_RULE).put("/v1/moderation-rules/{id}", id).then().statusCode(403);
        as("editor").header("If-Match", "\"0\"").delete("/v1/moderation-rules/{id}", id).then().statusCode(403);
        as("integration").get("/v1/moderation-rules").then().statusCode(403);
        as("integration").get("/v1/moderation-rules/{id}", id).then().statusCode(403);
        as("integration").get("/v1/moderation-rules/{id}/log", id).then().statusCode(403);
        as("integration").get("/v1/moderation-log").then().statusCode(403);
    }

    @Test
    void anotherWorkspacesRuleIs404AndItsLogIsNotShown() {
        String id = create(CASINO_RULE).path("id");
        moderation.decide(workspace, comment("Parim kasiino siin https://spinwin.xyz/bonus 🎰"));
        String other = TestTokens.newWorkspace();
        Supplier<RequestSpecification> stranger = () -> given().filter(contract.full())
                .auth().oauth2(TestTokens.token(other, "admin")).contentType(ContentType.JSON);
        stranger.get().get("/v1/moderation-rules/{id}", id).then().statusCode(404);
        stranger.get().header("If-Match", "\"0\"").body(CASINO_RULE).put("/v1/moderation-rules/{id}", id).then().statusCode(404);
        stranger.get().header("If-Match", "\"0\"").delete("/v1/moderation-rules/{id}", id).then().statusCode(404);
        stranger.get().get("/v1/moderation-rules/{id}/log", id).then().statusCode(404);
        stranger.get().get("/v1/moderation-log").then().statusCode(200).body("items", hasSize(0));
        stranger.get().get("/v1/moderation-rules").then().statusCode(200).body("items", hasSize(0));
        as("viewer").get("/v1/moderation-rules/{id}/log", id).then().statusCode(200).body("items", hasSize(1));
    }
}
