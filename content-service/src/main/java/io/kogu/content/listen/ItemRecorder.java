package io.kogu.content.listen;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.UUID;

/**
 * Records a feed's new items (those its source has not brought before): canonical URL, plain-text summary, the
 * story each belongs to ({@link StoryClusters}) or a new one, which the monitors then see ({@link MonitorMatcher}).
 * A story counts its distinct sources and knows whether a competitor's source carries it.
 */
@ApplicationScoped
public class ItemRecorder {

    @Inject
    EntityManager entityManager;

    @Inject
    StoryClusters clusters;

    @Inject
    MonitorMatcher monitors;

    @Inject
    ListeningSettings settings;

    @Transactional(Transactional.TxType.MANDATORY)
    public int record(ListeningWork.Claim claim, FeedDocument.Feed feed, Instant now) {
        int added = 0;
        for (FeedItem item : feed.items()) {
            String key = ListeningWork.trim(item.key(), 2000);
            boolean known = !entityManager.createNativeQuery(
                            "select 1 from listening_item where source_id = :s and item_key = :k")
                    .setParameter("s", claim.sourceId()).setParameter("k", key).getResultList().isEmpty();
            if (known) {
                continue;
            }
            String url = ListeningWork.trim(CanonicalUrl.of(item.url()), 2000);
            String title = ListeningWork.trim(PlainText.of(item.title(), 500), 500);
            String summary = PlainText.of(item.summaryHtml(), settings.summaryChars());
            if (title.isEmpty()) {
                title = ListeningWork.trim(summary, 120);
            }
            String author = ListeningWork.trim(item.author(), 300);
            String text = title + " " + summary;
            long fingerprint = SimHash.of(text);
            UUID storyId = clusters.find(claim.workspaceId(), url, fingerprint, now);
            boolean newStory = storyId == null;
            if (newStory) {
                storyId = UUID.randomUUID();
                entityManager.createNativeQuery("""
                                insert into story (id, workspace_id, title, url, summary, published_at, first_seen_at,
                                                   simhash, bands, source_count, competitor)
                                values (:id, :w, :title, :url, :summary, :published, :now, :hash,
                                        cast(:bands as integer[]), 0, false)""")
                        .setParameter("id", storyId).setParameter("w", claim.workspaceId()).setParameter("title", title)
                        .setParameter("url", url).setParameter("summary", summary)
                        .setParameter("published", item.publishedAt()).setParameter("now", now)
                        .setParameter("hash", fingerprint).setParameter("bands", StoryClusters.bandsLiteral(fingerprint))
                        .executeUpdate();
            }
            entityManager.createNativeQuery("""
                            insert into listening_item (id, workspace_id, source_id, story_id, item_key, url, title, summary,
                                                        author, published_at, seen_at)
                            values (:id, :w, :s, :story, :k, :url, :title, :summary, :author, :published, :now)""")
                    .setParameter("id", UUID.randomUUID()).setParameter("w", claim.workspaceId())
                    .setParameter("s", claim.sourceId()).setParameter("story", storyId).setParameter("k", key)
                    .setParameter("url", url).setParameter("title", title).setParameter("summary", summary)
                    .setParameter("author", author).setParameter("published", item.publishedAt())
                    .setParameter("now", now).executeUpdate();
            entityManager.createNativeQuery("""
                            update story set source_count = (select count(distinct source_id) from listening_item
                                                             where story_id = :story),
                                competitor = competitor or :competitor
                            where id = :story""")
                    .setParameter("story", storyId).setParameter("competitor", claim.competitor()).executeUpdate();
            if (newStory) {
                monitors.matchNewStory(claim.workspaceId(), storyId, title, url, text, now);
            }
            added++;
        }
        return added;
    }
}
