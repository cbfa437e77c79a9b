package io.kogu.content.rules;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The one table of what each network accepts, with where each figure comes from. When a network changes a
 * limit, change it here (and the source beside it); a channel can override the text limit
 * ({@code limits.maxCharacters}, e.g. a Mastodon server's own).
 */
public final class NetworkRules {

    private static final Map<String, NetworkRule> RULES = Stream.of(
            // X: 280 weighted characters, counted by twitter-text v3 (URLs 23, emoji and CJK 2).
            // https://docs.x.com/fundamentals/counting-characters ; https://github.com/twitter/twitter-text
            new NetworkRule("x", "X", LengthUnit.WEIGHTED, 280, null, null, null, null, MediaNeed.NONE),
            // Bluesky: app.bsky.feed.post text, maxGraphemes 300 (maxLength 3000 bytes).
            // https://github.com/bluesky-social/atproto/blob/main/lexicons/app/bsky/feed/post.json
            new NetworkRule("bluesky", "Bluesky", LengthUnit.GRAPHEMES, 300, null, null, null, null, MediaNeed.NONE),
            // Threads: a text post is at most 500 characters.
            // https://developers.facebook.com/docs/threads/posts
            new NetworkRule("threads", "Threads", LengthUnit.CHARACTERS, 500, null, null, null, null, MediaNeed.NONE),
            // Mastodon: 500 characters by default, a server may set its own (instance configuration
            // statuses.max_characters); every URL counts as 23 characters.
            // https://docs.joinmastodon.org/entities/Instance/#max_characters ;
            // https://docs.joinmastodon.org/entities/Instance/#characters_reserved_per_url
            new NetworkRule("mastodon", "Mastodon", LengthUnit.CHARACTERS, 500, 23, null, null, null, MediaNeed.NONE),
            // LinkedIn: the commentary of a post is at most 3,000 characters.
            // https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/posts-api
            new NetworkRule("linkedin", "LinkedIn", LengthUnit.CHARACTERS, 3000, null, null, null, null, MediaNeed.NONE),
            // Facebook: a post's text is at most 63,206 characters.
            // https://www.facebook.com/help/community/question/?id=10155014588646832 (the long-standing figure)
            new NetworkRule("facebook", "Facebook", LengthUnit.CHARACTERS, 63206, null, null, null, null, MediaNeed.NONE),
            // Instagram: caption at most 2,200 characters and 20 @-mentions, a post needs an image or a video
            // (https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-user/media);
            // at most 5 hashtags, Instagram's limit since December 2025 (the API documents 30 from before).
            new NetworkRule("instagram", "Instagram", LengthUnit.CHARACTERS, 2200, null, null, 5, 20,
                    MediaNeed.IMAGE_OR_VIDEO),
            // TikTok: the post's text (title) is at most 2,200 UTF-16 code units; TikTok posts are videos.
            // https://developers.tiktok.com/doc/content-posting-api-reference-direct-post
            new NetworkRule("tiktok", "TikTok", LengthUnit.UTF16, 2200, null, null, null, null, MediaNeed.VIDEO),
            // Pinterest: description at most 500 characters, title at most 100, a Pin needs an image.
            // https://developers.pinterest.com/docs/api/v5/pins-create
            new NetworkRule("pinterest", "Pinterest", LengthUnit.CHARACTERS, 500, null, 100, null, null, MediaNeed.IMAGE),
            // YouTube: title at most 100 characters, description at most 5,000, an upload is a video.
            // https://developers.google.com/youtube/v3/docs/videos#snippet.title
            new NetworkRule("youtube", "YouTube", LengthUnit.CHARACTERS, 5000, null, 100, null, null, MediaNeed.VIDEO),
            // Our own blog and generic webhooks take whatever the draft holds.
            new NetworkRule("blog", "the blog", LengthUnit.CHARACTERS, null, null, null, null, null, MediaNeed.NONE),
            new NetworkRule("webhook", "the webhook", LengthUnit.CHARACTERS, null, null, null, null, null, MediaNeed.NONE))
            .collect(Collectors.toUnmodifiableMap(NetworkRule::network, Function.identity()));

    private NetworkRules() {
    }

    public static NetworkRule of(String network) {
        NetworkRule rule = RULES.get(network);
        if (rule == null) {
            throw new IllegalArgumentException("No rules for network " + network);
        }
        return rule;
    }
}
