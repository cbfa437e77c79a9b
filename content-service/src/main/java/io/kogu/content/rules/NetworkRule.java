package io.kogu.content.rules;

/**
 * What one network accepts. A null limit means the network sets none that matters here.
 *
 * @param urlLength when not null, every URL in the text counts as this many units whatever its length
 * @param maxTitle  the separate title some networks have (Pinterest, YouTube): the draft's title
 */
public record NetworkRule(String network, String displayName, LengthUnit unit, Integer maxText, Integer urlLength,
        Integer maxTitle, Integer maxHashtags, Integer maxMentions, MediaNeed media) {
}
