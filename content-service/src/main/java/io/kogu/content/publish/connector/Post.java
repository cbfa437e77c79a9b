package io.kogu.content.publish.connector;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What one publication says, as it was approved: the channel's variant (or the draft's base content).
 *
 * @param publicationId stable across attempts: the idempotency key and record key where a network takes one
 * @param attempt       1 for the first try
 * @param text          the text to publish (variant text, else the body)
 * @param title         the draft's title (blogs use it; networks ignore it)
 * @param link          the draft's link, when it has one (already in the text where the text names it)
 * @param media         in the order they appear
 * @param firstComment  posted as a reply right after the post, when set
 * @param language      BCP-47, when known
 * @param tags          the draft's tags (blogs may use them; they are not hashtags)
 * @param progress      what this publication's earlier attempts recorded (e.g. an Instagram container id);
 *                      a connector may put entries in it, and the publisher stores them whatever the outcome
 */
public record Post(UUID publicationId, UUID draftId, int attempt, String text, String title, String link,
                   List<PostMedia> media, String firstComment, String language, List<String> tags,
                   Map<String, String> progress) {
}
