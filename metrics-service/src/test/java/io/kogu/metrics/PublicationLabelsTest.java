package io.kogu.metrics;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static io.kogu.metrics.Fixtures.event;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/**
 * Issue 11, item 4: analytics answers carry what a screen shows next to a publication id — draft, channel name and
 * network, title, URL — as content-service registered them, updated when content-service sends them again.
 */
@QuarkusTest
class PublicationLabelsTest {

    private final Fixtures fx = new Fixtures();
    private final Instant publishedAt = Instant.now().minus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);

    private String registration(UUID id, UUID draft, UUID channel, Instant at, String shown) {
        return """
                {"id":"%s","draftId":"%s","channelId":"%s","network":"mastodon","publishedAt":"%s","campaign":"spring"%s}"""
                .formatted(id, draft, channel, at, shown);
    }

    @Test
    void everyAnswerAboutAPublicationShowsItsDraftChannelNameTitleAndUrl() {
        UUID id = UUID.randomUUID();
        UUID draft = UUID.randomUUID();
        UUID channel = UUID.randomUUID();
        fx.asService().body(registration(id, draft, channel, publishedAt,
                        ",\"channelName\":\"Acme on Mastodon\",\"title\":\"Spring launch\",\"url\":\"https://mastodon.example/@acme/1\""))
                .post("/v1/publications").then().statusCode(201)
                .body("channelName", equalTo("Acme on Mastodon")).body("title", equalTo("Spring launch"));
        fx.post(event("l1", id, "like", publishedAt.plus(1, ChronoUnit.HOURS), 4));

        fx.as("viewer").get("/v1/publications/{id}/summary", id).then().statusCode(200)
                .body("draftId", equalTo(draft.toString())).body("channelId", equalTo(channel.toString()))
                .body("channelName", equalTo("Acme on Mastodon")).body("network", equalTo("mastodon"))
                .body("title", equalTo("Spring launch")).body("url", equalTo("https://mastodon.example/@acme/1"))
                .body("engagements", equalTo(4));
        fx.as("viewer").queryParam("from", publishedAt.minus(1, ChronoUnit.HOURS).toString())
                .queryParam("to", Instant.now().toString()).get("/v1/top-publications").then().statusCode(200)
                .body("items[0].publicationId", equalTo(id.toString())).body("items[0].draftId", equalTo(draft.toString()))
                .body("items[0].channelName", equalTo("Acme on Mastodon")).body("items[0].title", equalTo("Spring launch"))
                .body("items[0].url", equalTo("https://mastodon.example/@acme/1"));
        fx.as("viewer").queryParam("interval", "day").queryParam("publicationId", id)
                .queryParam("from", publishedAt.minus(1, ChronoUnit.DAYS).toString()).queryParam("to", Instant.now().toString())
                .get("/v1/time-series").then().statusCode(200)
                .body("publication.publicationId", equalTo(id.toString())).body("publication.title", equalTo("Spring launch"))
                .body("publication.channelName", equalTo("Acme on Mastodon")).body("publication.network", equalTo("mastodon"));
        fx.as("viewer").queryParam("groupBy", "channel").queryParam("from", publishedAt.toString())
                .queryParam("to", Instant.now().toString()).get("/v1/summaries").then().statusCode(200)
                .body("rows[0].key", equalTo(channel.toString())).body("rows[0].channelName", equalTo("Acme on Mastodon"));
        fx.as("viewer").body("""
                        {"from":"%s","to":"%s"}""".formatted(publishedAt.minus(1, ChronoUnit.DAYS), Instant.now()))
                .post("/v1/reports").then().statusCode(200)
                .body("top[0].publicationId", equalTo(id.toString())).body("top[0].title", equalTo("Spring launch"))
                .body("top[0].channelName", equalTo("Acme on Mastodon")).body("top[0].draftId", equalTo(draft.toString()));
        fx.as("viewer").get("/v1/publications/{id}", id).then().statusCode(200)
                .body("channelName", equalTo("Acme on Mastodon")).body("title", equalTo("Spring launch"));
    }

    @Test
    void aUrlKnownLaterAndANewTitleUpdateThePublication() {
        UUID id = UUID.randomUUID();
        UUID draft = UUID.randomUUID();
        UUID channel = UUID.randomUUID();
        fx.asService().body(registration(id, draft, channel, publishedAt, ",\"title\":\"Draft title\""))
                .post("/v1/publications").then().statusCode(201).body("url", nullValue());
        fx.asService().body(registration(id, draft, channel, publishedAt,
                        ",\"title\":\"Spring launch\",\"url\":\"https://mastodon.example/@acme/2\""))
                .post("/v1/publications").then().statusCode(200).header("ETag", "\"1\"")
                .body("url", equalTo("https://mastodon.example/@acme/2")).body("title", equalTo("Spring launch"));
        fx.as("viewer").get("/v1/publications/{id}/summary", id).then().statusCode(200)
                .body("url", equalTo("https://mastodon.example/@acme/2")).body("title", equalTo("Spring launch"));
        // What identifies the post still cannot change.
        fx.asService().body(registration(id, UUID.randomUUID(), channel, publishedAt, ""))
                .post("/v1/publications").then().statusCode(422);
    }

    @Test
    void aRenamedChannelShowsItsNewNameOnEveryPublicationFromItsNextOne() {
        UUID channel = UUID.randomUUID();
        UUID older = UUID.randomUUID();
        UUID newer = UUID.randomUUID();
        UUID late = UUID.randomUUID();
        fx.asService().body(registration(older, UUID.randomUUID(), channel, publishedAt, ",\"channelName\":\"Acme\""))
                .post("/v1/publications").then().statusCode(201);
        fx.asService().body(registration(newer, UUID.randomUUID(), channel, publishedAt.plus(1, ChronoUnit.HOURS),
                ",\"channelName\":\"Acme Estonia\"")).post("/v1/publications").then().statusCode(201);
        // A publication made before the rename, delivered late, does not undo it.
        fx.asService().body(registration(late, UUID.randomUUID(), channel, publishedAt.minus(1, ChronoUnit.HOURS),
                ",\"channelName\":\"Acme\"")).post("/v1/publications").then().statusCode(201);
        for (UUID id : new UUID[]{older, newer, late}) {
            fx.as("viewer").get("/v1/publications/{id}/summary", id).then().statusCode(200)
                    .body("channelName", equalTo("Acme Estonia"));
        }
        fx.as("viewer").queryParam("channelId", channel).get("/v1/publications").then().statusCode(200)
                .body("items.channelName", equalTo(java.util.List.of("Acme Estonia", "Acme Estonia", "Acme Estonia")));
    }
}
