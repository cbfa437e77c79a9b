package io.kogu.content.publish.connector;

/**
 * One network's way to publish: a CDI bean per network, each in a package of its own
 * ({@code io.kogu.content.publish.connector.bluesky}, …), each citing the API documentation it follows.
 * Connectors make every HTTP call through {@link io.kogu.platform.outbound.OutboundHttp} (the outbound guard)
 * and hold no state between calls: what must survive between attempts lives in {@link Post#progress()},
 * refreshed credentials in {@link Account#replaceCredentials}.
 */
public interface Connector {

    /** The contract's {@code Network} value this connector publishes to, e.g. {@code "bluesky"}. */
    String network();

    /**
     * Whether a repeat after an {@link PublishFailure.Outcome#UNKNOWN} outcome is safe because the network makes
     * it so (Mastodon's {@code Idempotency-Key}, Bluesky's record key derived from the publication, Instagram's
     * container status read before publishing again). Where false, an unknown outcome ends {@code unconfirmed}.
     */
    boolean repeatIsSafe();

    /**
     * Publishes one post and answers where it is. Never returns without the post being out: every failure is a
     * {@link PublishFailure} that says what is known about the outcome.
     */
    Published publish(Post post, Account account) throws PublishFailure;

    /**
     * Renews the account's access (OAuth2 refresh token, Bluesky {@code refreshSession}) and stores the new
     * credentials with {@link Account#replaceCredentials}. Called once after an
     * {@link PublishFailure.Outcome#UNAUTHORIZED} answer; a failure here marks the channel {@code needs_reconnect}.
     */
    default void refresh(Account account) throws PublishFailure {
        throw PublishFailure.unauthorized(null, null, "this network's access cannot be renewed: reconnect the channel");
    }
}
