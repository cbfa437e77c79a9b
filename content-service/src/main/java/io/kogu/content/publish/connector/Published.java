package io.kogu.content.publish.connector;

/**
 * Where a post is now.
 *
 * @param externalId    the network's id of the post (a Bluesky at-uri, a Mastodon status id, a tweet id, …)
 * @param url           a link a person can open, when the network has one
 * @param followerCount the account's followers at publication time, when the connector read it (null otherwise)
 */
public record Published(String externalId, String url, Long followerCount) {
}
