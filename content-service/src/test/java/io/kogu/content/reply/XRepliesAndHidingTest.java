package io.kogu.content.reply;

import com.github.tomakehurst.wiremock.client.WireMock;
import io.kogu.content.connect.OAuthServers;
import io.kogu.testsupport.Contract;
import io.kogu.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
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
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * Replies and hiding on X through HTTP, X answered by WireMock ({@link OAuthServers}) as its reference documents it:
 * https://docs.x.com/x-api/posts/creation-of-a-post (a 503 problem answer after the post was sent: the outcome is
 * unknown, and X takes no idempotency key) and https://docs.x.com/x-api/posts/hide-replies.
 */
@QuarkusTest
@QuarkusTestResource(value = OAuthServers.class, restrictToAnnotatedClass = true)
class XRepliesAndHidingTest {

    private final Contract contract = Contract.ofThisService();
    private final String workspace = TestTokens.newWorkspace();

    @Inject
    Replier replier;

    @Inject
    DataSource dataSource;

    private RequestSpecification as(String subject, String... roles) {
        return given().filter(contract.full()).auth().oauth2(TestTokens.tokenOf(subject, workspace, roles))
                .contentType(ContentType.JSON);
    }

    private String xChannel(String token) {
        return as("ada", "admin").body("""
                        {"network":"x","handle":"@kogu_%s","timeZone":"Europe/Tallinn",
                         "credentials":{"accessToken":"%s","refreshToken":"r","expiresAt":"%s"}}"""
                        .formatted(UUID.randomUUID().toString().substring(0, 8), token, Instant.now().plusSeconds(7200)))
                .post("/v1/channels").then().statusCode(201).extract().path("id");
    }

    @Test
    void aReplyWhoseOutcomeIsUnknownOnXIsUnconfirmedAndAudienceIsTold() throws Exception {
        String token = "x-" + UUID.randomUUID();
        String channel = xChannel(token);
        OAuthServers.server.stubFor(post(urlPathEqualTo("/2/tweets")).withHeader("Authorization", WireMock.equalTo("Bearer " + token))
                .willReturn(aResponse().withStatus(503).withHeader("Content-Type", "application/json").withBody("""
                        {"title":"Service Unavailable","detail":"Service Unavailable","type":"about:blank","status":503}""")));
        String id = UUID.randomUUID().toString();
        String conversation = UUID.randomUUID().toString();
        as("ann", "editor").body("""
                        {"id":"%s","channelId":"%s","inReplyTo":{"externalId":"1445880548472328100"},"text":"Thanks!",
                         "conversationId":"%s"}""".formatted(id, channel, conversation))
                .post("/v1/replies").then().statusCode(202);

        replier.sendDue();
        replier.sendDue();

        as("vic", "viewer").get("/v1/replies/{id}", id).then().statusCode(200).body("state", equalTo("unconfirmed"))
                .body("error", containsString("check the account"));
        OAuthServers.server.verify(1, WireMock.postRequestedFor(urlPathEqualTo("/2/tweets"))
                .withHeader("Authorization", WireMock.equalTo("Bearer " + token)));
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "select payload->>'state' from outbox where event_type = 'reply.outcome' and payload->>'replyId' = ?")) {
            statement.setString(1, id);
            try (ResultSet rows = statement.executeQuery()) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("unconfirmed");
            }
        }
    }

    @Test
    void aReplyOnXIsHiddenThroughTheChannel() {
        String token = "x-" + UUID.randomUUID();
        String channel = xChannel(token);
        OAuthServers.server.stubFor(put(urlPathEqualTo("/2/tweets/1232720193182412800/hidden"))
                .withHeader("Authorization", WireMock.equalTo("Bearer " + token)).withRequestBody(equalToJson("{\"hidden\":true}"))
                .willReturn(okJson("{\"data\":{\"hidden\":true}}")));

        as("ann", "editor").body("{\"externalId\":\"1232720193182412800\",\"hidden\":true}")
                .post("/v1/channels/{id}/hidden-items", channel).then().statusCode(200)
                .body("externalId", equalTo("1232720193182412800")).body("hidden", equalTo(true));
        given().filter(contract.full()).auth().oauth2(TestTokens.serviceForThisService()).header("Kogu-Workspace", workspace)
                .contentType(ContentType.JSON).body("{\"externalId\":\"1232720193182412800\",\"hidden\":true}")
                .post("/v1/channels/{id}/hidden-items", channel).then().statusCode(200);
    }
}
