package io.kogu.content.rules;

/**
 * What one network accepts. A null limit means the network sets none that matters here.
 *
 * @param maxBytes  a limit of the text in UTF-8 bytes besides {@code maxText} (Bluesky)
 * @param urlLength when not null, every link in the text counts as this many units whatever its length, and a
 *                  remote mention {@code @user@domain} as {@code @user} (Mastodon)
 * @param maxTitle  the separate title some networks have (Pinterest, YouTube): the draft's title
 * @param checksCharacters the text must not be empty (without media) nor hold characters twitter-text refuses (X)
 */
public record NetworkRule(String network, String displayName, LengthUnit unit, Integer maxText, Integer maxBytes,
        Integer urlLength, boolean checksCharacters, Integer maxTitle, Integer maxHashtags, Integer maxMentions,
        MediaNeed media, MediaRule mediaRule) {

    /**
     * What a post's media may be.
     *
     * @param maxItems        at most this many items (images, videos and GIFs together)
     * @param videoAlone      a video or a GIF must be the only item (X, Bluesky: four images, or one video)
     * @param maxVideoSeconds the longest video the network takes
     * @param altText         the network shows alt text: an image without it is a warning
     */
    public record MediaRule(Integer maxItems, boolean videoAlone, Integer maxVideoSeconds, boolean altText) {
    }
}
