package io.kogu.content.listen;

import java.time.Instant;

/**
 * One entry of a feed or a network search, as read: {@code key} identifies it within its source (guid, id, or its
 * URL), {@code url} is absolute, {@code summaryHtml} may carry markup.
 */
public record FeedItem(String key, String url, String title, String summaryHtml, String author, Instant publishedAt) {
}
