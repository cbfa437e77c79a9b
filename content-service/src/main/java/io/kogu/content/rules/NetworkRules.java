package io.kogu.content.rules;

import io.kogu.content.rules.NetworkRule.MediaRule;

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
            // X: 280 weighted characters, counted by twitter-text v3 (URLs 23, emoji and CJK 2); twitter-text
            // also refuses an empty text and one with U+FFFE, U+FEFF or U+FFFF (its INVALID_CHARACTERS; the
            // directional controls it lists are not refused); a post with media needs no text. https://docs.x.com/fundamentals/counting-characters ;
            // https://github.com/twitter/twitter-text (TwitterTextParser.parseTweet: isValid)
            // Media: up to 4 images, or 1 video or 1 GIF; a video lasts at most 140 s.
            // https://developer.x.com/en/docs/x-api/v1/media/upload-media/uploading-media/media-best-practices
            new NetworkRule("x", "X", LengthUnit.WEIGHTED, 280, null, null, true, null, null, null, MediaNeed.NONE,
                    new MediaRule(4, true, 140, true)),
            // Bluesky: app.bsky.feed.post text, maxGraphemes 300 and maxLength 3000 (UTF-8 bytes).
            // https://github.com/bluesky-social/atproto/blob/main/lexicons/app/bsky/feed/post.json
            // Media: app.bsky.embed.images takes up to 4 images, app.bsky.embed.video one video, up to 3 minutes.
            // https://github.com/bluesky-social/atproto/blob/main/lexicons/app/bsky/embed/images.json ;
            // https://bsky.social/about/blog/09-11-2024-video (3 minutes since March 2025)
            new NetworkRule("bluesky", "Bluesky", LengthUnit.GRAPHEMES, 300, 3000, null, false, null, null, null,
                    MediaNeed.NONE, new MediaRule(4, true, 180, true)),
            // Threads: a text post is at most 500 characters, and "Emojis are counted as the number of UTF-8
            // bytes"; a carousel has at most 20 items; a video lasts at most 5 minutes.
            // https://developers.facebook.com/docs/threads/posts ;
            // https://developers.facebook.com/docs/threads/overview#video-specifications
            new NetworkRule("threads", "Threads", LengthUnit.EMOJI_BYTES, 500, null, null, false, null, null, null,
                    MediaNeed.NONE, new MediaRule(20, false, 300, true)),
            // Mastodon: 500 characters by default, a server may set its own (instance configuration
            // statuses.max_characters); counted in grapheme clusters, every URL as 23 characters, a remote
            // mention @user@domain as @user (StatusLengthValidator). Up to 4 attachments.
            // https://docs.joinmastodon.org/user/posting/#text ;
            // https://docs.joinmastodon.org/entities/Instance/#max_characters ;
            // https://docs.joinmastodon.org/entities/Instance/#characters_reserved_per_url ;
            // https://docs.joinmastodon.org/entities/Instance/#max_media_attachments
            new NetworkRule("mastodon", "Mastodon", LengthUnit.GRAPHEMES, 500, null, MastodonText.URL_LENGTH, false,
                    null, null, null, MediaNeed.NONE, new MediaRule(4, false, null, true)),
            // LinkedIn: the commentary of a post is at most 3,000 characters; a video lasts at most 30 minutes.
            // https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/posts-api ;
            // https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/videos-api
            new NetworkRule("linkedin", "LinkedIn", LengthUnit.CHARACTERS, 3000, null, null, false, null, null, null,
                    MediaNeed.NONE, new MediaRule(20, true, 1800, true)),
            // Facebook: a post's text is at most 63,206 characters; a video at most 240 minutes.
            // https://www.facebook.com/help/community/question/?id=10155014588646832 (the long-standing figure) ;
            // https://www.facebook.com/business/help/1764702897175138 (video specifications)
            new NetworkRule("facebook", "Facebook", LengthUnit.CHARACTERS, 63206, null, null, false, null, null, null,
                    MediaNeed.NONE, new MediaRule(null, false, 14400, true)),
            // Instagram: caption at most 2,200 characters and 20 @-mentions, a post needs an image or a video,
            // a carousel at most 10 items, a reel 3 s to 15 minutes
            // (https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-user/media);
            // at most 5 hashtags, Instagram's limit since December 2025 (the API documents 30 from before).
            new NetworkRule("instagram", "Instagram", LengthUnit.CHARACTERS, 2200, null, null, false, null, 5, 20,
                    MediaNeed.IMAGE_OR_VIDEO, new MediaRule(10, false, 900, true)),
            // TikTok: the post's text (title) is at most 2,200 UTF-16 code units; TikTok posts are videos of at
            // most 10 minutes through the API (a creator's max_video_post_duration_sec may be less).
            // https://developers.tiktok.com/doc/content-posting-api-reference-direct-post ;
            // https://developers.tiktok.com/doc/content-posting-api-reference-query-creator-info
            new NetworkRule("tiktok", "TikTok", LengthUnit.UTF16, 2200, null, null, false, null, null, null,
                    MediaNeed.VIDEO, new MediaRule(null, false, 600, false)),
            // Pinterest: description at most 500 characters, title at most 100, a Pin needs an image; a video Pin
            // lasts 4 s to 15 minutes; alt_text is a Pin field.
            // https://developers.pinterest.com/docs/api/v5/pins-create ;
            // https://help.pinterest.com/en/business/article/pinterest-product-specs
            new NetworkRule("pinterest", "Pinterest", LengthUnit.CHARACTERS, 500, null, null, false, 100, null, null,
                    MediaNeed.IMAGE, new MediaRule(null, false, 900, true)),
            // YouTube: title at most 100 characters, description at most 5,000, an upload is a video; an account
            // that is not verified uploads at most 15 minutes.
            // https://developers.google.com/youtube/v3/docs/videos#snippet.title ;
            // https://support.google.com/youtube/answer/71673
            new NetworkRule("youtube", "YouTube", LengthUnit.CHARACTERS, 5000, null, null, false, 100, null, null,
                    MediaNeed.VIDEO, new MediaRule(null, false, 900, false)),
            // Our own blog and generic webhooks take whatever the draft holds; the blog shows alt text.
            new NetworkRule("blog", "the blog", LengthUnit.CHARACTERS, null, null, null, false, null, null, null,
                    MediaNeed.NONE, new MediaRule(null, false, null, true)),
            new NetworkRule("webhook", "the webhook", LengthUnit.CHARACTERS, null, null, null, false, null, null, null,
                    MediaNeed.NONE, new MediaRule(null, false, null, false)))
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
