package io.kogu.content.listen;

/** What one fetch asks for: the source's kind and address, and the validators of its last answer. */
public record FetchTarget(String kind, String url, String query, String instanceUrl, String tag, String etag,
                          String lastModified) {

    public static final String FEED = "feed";
    public static final String BLUESKY_SEARCH = "bluesky_search";
    public static final String MASTODON_TAG = "mastodon_tag";

    /** Bluesky's public AppView, which answers app.bsky.feed.searchPosts without a session. */
    public static final String BLUESKY_APPVIEW = "https://public.api.bsky.app";
}
