package io.kogu.content.publish.connector;

/**
 * A connector that can hide an item (a comment, a reply) on its network, and show it again (issue 13): Facebook
 * and Instagram comments ({@code hide} / {@code is_hidden}), X replies to the channel's posts
 * ({@code PUT /2/tweets/:id/hidden}). Hiding is idempotent on every one of them, so a repeat is always safe.
 */
public interface Hiding {

    /** Hides ({@code hidden} true) or shows the item; answers whether it is hidden now. */
    boolean hide(Account account, String externalId, boolean hidden) throws PublishFailure;
}
