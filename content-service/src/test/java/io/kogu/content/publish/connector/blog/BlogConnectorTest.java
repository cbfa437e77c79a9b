package io.kogu.content.publish.connector.blog;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.kogu.content.publish.connector.Account;
import io.kogu.content.publish.connector.Post;
import io.kogu.content.publish.connector.Published;
import io.kogu.content.publish.connector.PublishFailure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.binaryEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.kogu.content.publish.connector.ConnectorTests.HTTP;
import static io.kogu.content.publish.connector.ConnectorTests.PNG;
import static io.kogu.content.publish.connector.ConnectorTests.aPost;
import static io.kogu.content.publish.connector.ConnectorTests.account;
import static io.kogu.content.publish.connector.ConnectorTests.failure;
import static io.kogu.content.publish.connector.ConnectorTests.fetcher;
import static io.kogu.content.publish.connector.ConnectorTests.image;
import static org.assertj.core.api.Assertions.assertThat;

/** A WordPress blog (installed under /blog) answered by WireMock as the REST API handbook documents it. */
class BlogConnectorTest {

    @RegisterExtension
    static WireMockExtension wordpress = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final String BASIC = "Basic " + Base64.getEncoder()
            .encodeToString("editor:abcd EFGH ijkl MNOP qrst UVWX".getBytes(StandardCharsets.UTF_8));

    private final BlogConnector connector = new BlogConnector(HTTP, fetcher());

    private static Account blog() {
        return account("blog", Map.of("siteUrl", wordpress.baseUrl() + "/blog"),
                Map.of("username", "editor", "applicationPassword", "abcd EFGH ijkl MNOP qrst UVWX"));
    }

    private static void postsAnswer(int status, String body, String... headers) {
        var response = aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
        for (int i = 0; i < headers.length; i += 2) {
            response = response.withHeader(headers[i], headers[i + 1]);
        }
        wordpress.stubFor(post("/blog/wp-json/wp/v2/posts").willReturn(response));
    }

    @Test
    void publishesWithAFeaturedImageAndTagsAsTermIds() throws Exception {
        wordpress.stubFor(get("/media/cover.png").willReturn(aResponse().withHeader("Content-Type", "image/png").withBody(PNG)));
        wordpress.stubFor(post(urlPathEqualTo("/blog/wp-json/wp/v2/media")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"id\":77,\"media_type\":\"image\",\"source_url\":\"https://blog.example/wp-content/uploads/image.png\"}")));
        wordpress.stubFor(get("/blog/wp-json/wp/v2/tags?search=Launch&per_page=100").willReturn(okJson("""
                [{"id":5,"count":3,"name":"launch","slug":"launch","taxonomy":"post_tag"}]""")));
        wordpress.stubFor(get("/blog/wp-json/wp/v2/tags?search=news&per_page=100").willReturn(okJson("[]")));
        wordpress.stubFor(post("/blog/wp-json/wp/v2/tags").willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody("{\"id\":9,\"name\":\"news\",\"slug\":\"news\"}")));
        postsAnswer(201, "{\"id\":123,\"link\":\"https://blog.example/2026/03/hello/\",\"status\":\"publish\"}");
        Post post = new Post(UUID.randomUUID(), UUID.randomUUID(), 1, "<p>We launched.</p>", "Hello", null,
                List.of(image(wordpress.baseUrl() + "/media/cover.png", "The launch party")), null, "en",
                List.of("Launch", "news"), new HashMap<>());

        Published published = connector.publish(post, blog());

        assertThat(published.externalId()).isEqualTo("123");
        assertThat(published.url()).isEqualTo("https://blog.example/2026/03/hello/");
        wordpress.verify(postRequestedFor(urlEqualTo("/blog/wp-json/wp/v2/media?alt_text=The+launch+party"))
                .withHeader("Authorization", equalTo(BASIC))
                .withHeader("Content-Type", equalTo("image/png"))
                .withHeader("Content-Disposition", equalTo("attachment; filename=\"image.png\""))
                .withRequestBody(binaryEqualTo(PNG)));
        wordpress.verify(postRequestedFor(urlEqualTo("/blog/wp-json/wp/v2/tags")).withRequestBody(equalToJson("{\"name\":\"news\"}")));
        wordpress.verify(postRequestedFor(urlEqualTo("/blog/wp-json/wp/v2/posts"))
                .withHeader("Authorization", equalTo(BASIC))
                .withRequestBody(equalToJson("""
                        {"title":"Hello","content":"<p>We launched.</p>","status":"publish","featured_media":77,"tags":[5,9]}""")));
        assertThat(connector.repeatIsSafe()).isFalse();
    }

    @Test
    void aWrongApplicationPasswordIsUnauthorizedAndCannotBeRenewed() {
        postsAnswer(401, """
                {"code":"incorrect_password","message":"The provided password is an invalid application password.","data":{"status":401}}""");

        PublishFailure failure = failure(() -> connector.publish(aPost("Hello"), blog()));

        assertThat(failure.outcome()).isEqualTo(PublishFailure.Outcome.UNAUTHORIZED);
        assertThat(failure.errorCode()).isEqualTo("incorrect_password");
        assertThat(failure(() -> connector.refresh(blog())).outcome()).isEqualTo(PublishFailure.Outcome.UNAUTHORIZED);
    }

    @Test
    void aUserWhoMayNotPublishIsRejectedWithWordPressMessage() {
        postsAnswer(403, """
                {"code":"rest_cannot_create","message":"Sorry, you are not allowed to create posts as this user.","data":{"status":403}}""");

        PublishFailure failure = failure(() -> connector.publish(aPost("Hello"), blog()));

        assertThat(failure.outcome()).isEqualTo(PublishFailure.Outcome.REJECTED);
        assertThat(failure.errorCode()).isEqualTo("rest_cannot_create");
        assertThat(failure.reason()).contains("Sorry, you are not allowed to create posts as this user.");
    }

    @Test
    void aRateLimitedHostIsNotPublishedForItsRetryAfter() {
        postsAnswer(429, "{\"code\":\"too_many_requests\",\"message\":\"Too many requests\",\"data\":{\"status\":429}}",
                "Retry-After", "120");

        PublishFailure failure = failure(() -> connector.publish(aPost("Hello"), blog()));

        assertThat(failure.outcome()).isEqualTo(PublishFailure.Outcome.NOT_PUBLISHED);
        assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(120));
    }

    @Test
    void aServerErrorIsUnknown() {
        postsAnswer(500, """
                {"code":"internal_server_error","message":"There has been a critical error on this website.","data":{"status":500}}""");

        assertThat(failure(() -> connector.publish(aPost("Hello"), blog())).outcome()).isEqualTo(PublishFailure.Outcome.UNKNOWN);
    }

    @Test
    void aSiteUrlThatIsNoAddressIsRejected() {
        Account account = account("blog", Map.of("siteUrl", "blog.example"), Map.of("username", "u", "applicationPassword", "p"));

        PublishFailure failure = failure(() -> connector.publish(aPost("Hello"), account));

        assertThat(failure.outcome()).isEqualTo(PublishFailure.Outcome.REJECTED);
        assertThat(failure.errorCode()).isEqualTo("bad_site_url");
    }
}
