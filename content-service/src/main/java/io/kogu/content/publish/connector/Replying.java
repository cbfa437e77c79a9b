package io.kogu.content.publish.connector;

/**
 * A connector that can post a reply to an item on its network (issue 13): Bluesky (a post record with
 * {@code reply.root} and {@code reply.parent}), Mastodon ({@code in_reply_to_id}), X
 * ({@code reply.in_reply_to_tweet_id}), Facebook and Instagram (a reply to a comment). Called by the replier
 * ({@code io.kogu.content.reply}) outside any transaction, with the same rules as publishing: failures are
 * {@link PublishFailure}s; an unknown outcome is repeated only where {@link Connector#repeatIsSafe()} (the
 * network's idempotency for replies is the same as for posts: Bluesky's record key and Mastodon's
 * {@code Idempotency-Key} are derived from the reply's id).
 */
public interface Replying {

    /** Posts the reply and answers where it is; every failure is a {@link PublishFailure}. */
    Published reply(ReplyPost reply, Account account) throws PublishFailure;
}
