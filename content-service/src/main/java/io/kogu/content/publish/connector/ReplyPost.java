package io.kogu.content.publish.connector;

import java.util.UUID;

/**
 * One reply to an item on a network (issue 13).
 *
 * @param replyId        stable across attempts: the idempotency key and record key where a network takes one
 * @param text           the reply's text
 * @param inReplyTo      the network's id of the item answered (a Bluesky at-uri, a Mastodon status id, a tweet id,
 *                       a Facebook or Instagram comment id)
 * @param rootExternalId the thread's root where the network needs it (Bluesky's {@code reply.root}); null: the
 *                       item answered is the root
 */
public record ReplyPost(UUID replyId, String text, String inReplyTo, String rootExternalId) {
}
