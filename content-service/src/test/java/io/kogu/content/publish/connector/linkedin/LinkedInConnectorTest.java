package io.kogu.content.publish.connector.linkedin;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.kogu.content.publish.connector.Account;
import io.kogu.content.publish.connector.Published;
import io.kogu.content.publish.connector.PublishFailure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.binaryEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.kogu.content.publish.connector.ConnectorTests.HTTP;
import static io.kogu.content.publish.connector.ConnectorTests.PNG;
import static io.kogu.content.publish.connector.ConnectorTests.aPost;
import static io.kogu.content.publish.connector.ConnectorTests.account;
import static io.kogu.content.publish.connector.ConnectorTests.failure;
import static io.kogu.content.publish.connector.ConnectorTests.fetcher;
import static io.kogu.content.publish.connector.ConnectorTests.image;
import static org.assertj.core.api.Assertions.assertThat;

/** LinkedIn answered by WireMock as its Posts, Images, OAuth and error-handling pages document it. */
class LinkedInConnectorTest {

    @RegisterExtension
    static WireMockExtension linkedin = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final String AUTHOR = "urn:li:organization:5515715";
    private static final Instant NOW = Instant.parse("2026-03-10T21:30:00Z");

    private final LinkedInConnector connector = new LinkedInConnector(HTTP, fetcher(), new LinkedInConfig() {
        @Override
        public URI apiUrl() {
            return URI.create(linkedin.baseUrl());
        }

        @Override
        public String version() {
            return "202510";
        }

        @Override
        public URI tokenUrl() {
            return URI.create(linkedin.baseUrl() + "/oauth/v2/accessToken");
        }

        @Override
        public Optional<String> clientId() {
            return Optional.of("kogu-client");
        }

        @Override
        public Optional<String> clientSecret() {
            return Optional.of("kogu-secret");
        }
    }, Clock.fixed(NOW, ZoneOffset.UTC));

    private static Account linkedInAccount(String token) {
        return account("linkedin", Map.of("author", AUTHOR), Map.of("accessToken", token, "refreshToken", "refresh-1"));
    }

    private static void postsAnswer(int status, String body) {
        linkedin.stubFor(post("/rest/posts").willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json").withBody(body)));
    }

    @Test
    void publishesWithAnUploadedImageAndTheVersionHeaders() throws Exception {
        linkedin.stubFor(get("/media/cat.png").willReturn(aResponse().withHeader("Content-Type", "image/png").withBody(PNG)));
        linkedin.stubFor(post("/rest/images?action=initializeUpload").willReturn(okJson("""
                {"value":{"uploadUrlExpiresAt":1650567510704,"uploadUrl":"%s/dms-uploads/C4E10AQFoyyAjHPMQuQ/uploaded-image/0",
                 "image":"urn:li:image:C4E10AQFoyyAjHPMQuQ"}}""".formatted(linkedin.baseUrl()))));
        linkedin.stubFor(put("/dms-uploads/C4E10AQFoyyAjHPMQuQ/uploaded-image/0").willReturn(aResponse().withStatus(201)));
        linkedin.stubFor(post("/rest/posts").willReturn(aResponse().withStatus(201)
                .withHeader("x-restli-id", "urn:li:share:6844785523593134080")));

        Published published = connector.publish(aPost("Launch day (finally) #KoguLaunch",
                List.of(image(linkedin.baseUrl() + "/media/cat.png", "Our team")), null), linkedInAccount("token-1"));

        assertThat(published.externalId()).isEqualTo("urn:li:share:6844785523593134080");
        assertThat(published.url()).isEqualTo("https://www.linkedin.com/feed/update/urn:li:share:6844785523593134080/");
        linkedin.verify(postRequestedFor(urlEqualTo("/rest/images?action=initializeUpload"))
                .withHeader("LinkedIn-Version", equalTo("202510"))
                .withRequestBody(equalToJson("{\"initializeUploadRequest\":{\"owner\":\"" + AUTHOR + "\"}}")));
        linkedin.verify(putRequestedFor(urlEqualTo("/dms-uploads/C4E10AQFoyyAjHPMQuQ/uploaded-image/0"))
                .withHeader("Authorization", equalTo("Bearer token-1")).withRequestBody(binaryEqualTo(PNG)));
        linkedin.verify(postRequestedFor(urlEqualTo("/rest/posts"))
                .withHeader("Authorization", equalTo("Bearer token-1"))
                .withHeader("LinkedIn-Version", equalTo("202510"))
                .withHeader("X-Restli-Protocol-Version", equalTo("2.0.0"))
                .withRequestBody(equalToJson("""
                        {"author":"urn:li:organization:5515715",
                         "commentary":"Launch day \\\\(finally\\\\) {hashtag|\\\\#|KoguLaunch}",
                         "visibility":"PUBLIC","lifecycleState":"PUBLISHED","isReshareDisabledByAuthor":false,
                         "distribution":{"feedDistribution":"MAIN_FEED","targetEntities":[],"thirdPartyDistributionChannels":[]},
                         "content":{"media":{"id":"urn:li:image:C4E10AQFoyyAjHPMQuQ","altText":"Our team"}}}""")));
        assertThat(connector.repeatIsSafe()).isFalse();
    }

    @Test
    void aRevokedTokenIsRefreshedThenThePostGoesOut() throws Exception {
        linkedin.stubFor(post("/rest/posts").withHeader("Authorization", equalTo("Bearer old-token")).willReturn(aResponse()
                .withStatus(401).withHeader("Content-Type", "application/json").withBody("""
                        {"status":401,"serviceErrorCode":65600,"code":"INVALID_ACCESS_TOKEN","message":"Invalid access token"}""")));
        linkedin.stubFor(post("/rest/posts").withHeader("Authorization", equalTo("Bearer new-token"))
                .willReturn(aResponse().withStatus(201).withHeader("x-restli-id", "urn:li:share:1")));
        linkedin.stubFor(post("/oauth/v2/accessToken").willReturn(okJson("""
                {"access_token":"new-token","expires_in":5184000,"refresh_token":"refresh-2","refresh_token_expires_in":525600}""")));
        Account account = linkedInAccount("old-token");

        PublishFailure first = failure(() -> connector.publish(aPost("Hello"), account));
        assertThat(first.outcome()).isEqualTo(PublishFailure.Outcome.UNAUTHORIZED);
        assertThat(first.errorCode()).isEqualTo("INVALID_ACCESS_TOKEN");
        connector.refresh(account);
        Published published = connector.publish(aPost("Hello"), account);

        assertThat(published.externalId()).isEqualTo("urn:li:share:1");
        assertThat(account.credentials()).containsEntry("accessToken", "new-token").containsEntry("refreshToken", "refresh-2")
                .containsEntry("expiresAt", NOW.plusSeconds(5184000).toString());
        linkedin.verify(postRequestedFor(urlEqualTo("/oauth/v2/accessToken"))
                .withRequestBody(containing("grant_type=refresh_token")).withRequestBody(containing("refresh_token=refresh-1"))
                .withRequestBody(containing("client_id=kogu-client")).withRequestBody(containing("client_secret=kogu-secret")));
    }

    @Test
    void aRefusedRefreshIsUnauthorized() {
        linkedin.stubFor(post("/oauth/v2/accessToken").willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"error":"invalid_request","error_description":"The provided authorization grant or refresh token is invalid, expired or revoked."}""")));

        PublishFailure failure = failure(() -> connector.refresh(linkedInAccount("old-token")));

        assertThat(failure.outcome()).isEqualTo(PublishFailure.Outcome.UNAUTHORIZED);
        assertThat(failure.reason()).contains("refresh token is invalid, expired or revoked");
    }

    @Test
    void aDailyLimitWaitsUntilMidnightUtcWhenLinkedInResetsIt() {
        postsAnswer(429, """
                {"message":"Resource level throttle APPLICATION DAY limit for calls to this resource is reached.","status":429}""");

        PublishFailure failure = failure(() -> connector.publish(aPost("Hello"), linkedInAccount("t")));

        assertThat(failure.outcome()).isEqualTo(PublishFailure.Outcome.NOT_PUBLISHED);
        assertThat(failure.retryAfter()).isEqualTo(Duration.ofMinutes(150));
    }

    @Test
    void aDuplicateIsRejectedWithLinkedInsMessage() {
        postsAnswer(422, """
                {"errorDetailType":"com.linkedin.common.error.BadRequest","message":"Content is a duplicate of urn:li:share:7102938475610293847","status":422}""");

        PublishFailure failure = failure(() -> connector.publish(aPost("Hello"), linkedInAccount("t")));

        assertThat(failure.outcome()).isEqualTo(PublishFailure.Outcome.REJECTED);
        assertThat(failure.reason()).contains("Content is a duplicate of urn:li:share:7102938475610293847");
    }

    @Test
    void aDroppedConnectionDuringTheImageUploadPublishedNothing() {
        linkedin.stubFor(get("/media/cat.png").willReturn(aResponse().withHeader("Content-Type", "image/png").withBody(PNG)));
        linkedin.stubFor(post("/rest/images?action=initializeUpload").willReturn(okJson("""
                {"value":{"uploadUrl":"%s/dms-uploads/x","image":"urn:li:image:x"}}""".formatted(linkedin.baseUrl()))));
        linkedin.stubFor(put("/dms-uploads/x").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        PublishFailure failure = failure(() -> connector.publish(aPost("Hello",
                List.of(image(linkedin.baseUrl() + "/media/cat.png", null)), null), linkedInAccount("t")));

        assertThat(failure.outcome()).isEqualTo(PublishFailure.Outcome.NOT_PUBLISHED);
        linkedin.verify(0, postRequestedFor(urlEqualTo("/rest/posts")));
    }

    @Test
    void aServerErrorIsUnknown() {
        postsAnswer(500, "{\"message\":\"Internal Server Error\",\"status\":500}");

        assertThat(failure(() -> connector.publish(aPost("Hello"), linkedInAccount("t"))).outcome())
                .isEqualTo(PublishFailure.Outcome.UNKNOWN);
    }

    @Test
    void anAuthorThatIsNoUrnIsRefusedBeforeAnyCall() {
        Account account = account("linkedin", Map.of("author", "kogu"), Map.of("accessToken", "t"));

        assertThat(failure(() -> connector.publish(aPost("Hello"), account)).outcome()).isEqualTo(PublishFailure.Outcome.REJECTED);
        linkedin.verify(0, postRequestedFor(urlEqualTo("/rest/posts")));
    }

    @Test
    void littleTextEscapesReservedCharactersAndKeepsHashtags() {
        assertThat(LinkedInConnector.littleText("a_b *c* @d [e] #f_1 # x#y"))
                .isEqualTo("a\\_b \\*c\\* \\@d \\[e\\] {hashtag|\\#|f\\_1} \\# x\\#y");
    }

    /**
     * Engagement read back (issue 12): the Social Actions batch get as LinkedIn documents it
     * (https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/network-update-social-actions),
     * a post it cannot show in {@code errors}, and a 429.
     */
    @Test
    void countersOfManyPostsComeFromOneSocialActionsBatchGet() throws Exception {
        linkedin.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(
                        com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/rest/socialActions"))
                .withQueryParam("ids", com.github.tomakehurst.wiremock.client.WireMock.equalTo(
                        "List(urn:li:share:6844785523593134080,urn:li:ugcPost:6844785523593134081)"))
                .withHeader("X-Restli-Protocol-Version", com.github.tomakehurst.wiremock.client.WireMock.equalTo("2.0.0"))
                .withHeader("Authorization", com.github.tomakehurst.wiremock.client.WireMock.equalTo("Bearer token-1"))
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.okJson("""
                        {"statuses":{},"results":{"urn:li:share:6844785523593134080":{
                           "commentsSummary":{"selectedComments":[],"totalFirstLevelComments":2,"aggregatedTotalComments":3},
                           "target":"urn:li:share:6844785523593134080",
                           "likesSummary":{"selectedLikes":[],"aggregatedTotalLikes":8,"likedByCurrentUser":false,"totalLikes":8}}},
                         "errors":{"urn:li:ugcPost:6844785523593134081":{"message":"Not enough permissions to access: socialActions.BATCH_GET","status":403}}}""")));

        Map<String, Map<String, Long>> counters = connector.counters(linkedInAccount("token-1"),
                List.of("urn:li:share:6844785523593134080", "urn:li:ugcPost:6844785523593134081"));

        assertThat(counters).containsOnlyKeys("urn:li:share:6844785523593134080");
        assertThat(counters.get("urn:li:share:6844785523593134080"))
                .containsExactlyInAnyOrderEntriesOf(Map.of("like", 8L, "comment", 3L));

        linkedin.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(
                        com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/rest/socialActions"))
                .withQueryParam("ids", com.github.tomakehurst.wiremock.client.WireMock.equalTo("List(urn:li:share:1)"))
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(429)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"status\":429,\"serviceErrorCode\":101,\"code\":\"TOO_MANY_REQUESTS\",\"message\":\"Resource level throttle APPLICATION DAY limit for calls to this resource is reached.\"}")));
        PublishFailure limited = failure(() -> connector.counters(linkedInAccount("token-1"), List.of("urn:li:share:1")));
        assertThat(limited.outcome()).isEqualTo(PublishFailure.Outcome.NOT_PUBLISHED);
        assertThat(limited.retryAfter()).isNotNull();
    }
}
