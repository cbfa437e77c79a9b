package io.kogu.content.rules;

import io.kogu.content.channel.Channel;
import io.kogu.content.draft.DraftContent;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Checks a draft's content against the rules of each network it targets. */
public final class DraftChecker {

    private DraftChecker() {
    }

    /** One check per target channel, in the draft's order; {@code channels} holds those that exist. */
    public static List<ChannelCheck> check(DraftContent content, Map<UUID, Channel> channels) {
        List<ChannelCheck> checks = new ArrayList<>();
        for (UUID channelId : content.channelIds()) {
            Channel channel = channels.get(channelId);
            checks.add(channel == null ? missing(content, channelId) : check(content, channel));
        }
        return checks;
    }

    private static ChannelCheck missing(DraftContent content, UUID channelId) {
        return new ChannelCheck(channelId, null, textFor(content, channelId).length(), LengthUnit.UTF16, null,
                List.of(RuleProblem.error("channel.missing", null, null,
                        "This channel was disconnected; remove it from the draft or connect it again.")));
    }

    static ChannelCheck check(DraftContent content, Channel channel) {
        NetworkRule rule = NetworkRules.of(channel.network);
        String text = textFor(content, channel.id);
        List<DraftContent.Media> media = mediaFor(content, channel.id);
        int length = TextCounter.length(text, rule.unit(), rule.urlLength());
        Integer maxText = channel.maxCharacters != null ? channel.maxCharacters : rule.maxText();
        List<RuleProblem> problems = new ArrayList<>();
        String where = rule.displayName();
        if (maxText != null && length > maxText) {
            problems.add(RuleProblem.error("text.length", maxText, length, "%s allows %d %s; this text has %d. Shorten it by %d."
                    .formatted(where, maxText, unitName(rule.unit()), length, length - maxText)));
        }
        if (rule.maxBytes() != null) {
            int bytes = TextCounter.utf8Bytes(text);
            if (bytes > rule.maxBytes()) {
                problems.add(RuleProblem.error("text.bytes", rule.maxBytes(), bytes,
                        "%s allows a text of %d bytes (UTF-8); this one has %d. Shorten it by %d bytes."
                                .formatted(where, rule.maxBytes(), bytes, bytes - rule.maxBytes())));
            }
        }
        if (rule.checksCharacters()) {
            if (text.trim().isEmpty() && media.isEmpty()) {
                problems.add(RuleProblem.error("text.empty", null, null,
                        "%s needs a text or media; this post has neither.".formatted(where)));
            }
            if (TextCounter.hasInvalidCharactersForX(text)) {
                problems.add(RuleProblem.error("text.invalid_characters", null, null,
                        "%s refuses texts with the characters U+FFFE, U+FEFF or U+FFFF; remove them.".formatted(where)));
            }
        }
        if (rule.maxTitle() != null) {
            int titleLength = TextCounter.length(content.title(), LengthUnit.CHARACTERS, null);
            if (titleLength > rule.maxTitle()) {
                problems.add(RuleProblem.error("title.length", rule.maxTitle(), titleLength,
                        "%s allows a title of %d characters; this one has %d. Shorten it by %d."
                                .formatted(where, rule.maxTitle(), titleLength, titleLength - rule.maxTitle())));
            }
        }
        if (rule.maxHashtags() != null) {
            int hashtags = TextCounter.hashtags(text).size();
            if (hashtags > rule.maxHashtags()) {
                problems.add(RuleProblem.error("hashtags.count", rule.maxHashtags(), hashtags,
                        "%s allows at most %d hashtags; this text has %d. Remove %d."
                                .formatted(where, rule.maxHashtags(), hashtags, hashtags - rule.maxHashtags())));
            }
        }
        if (rule.maxMentions() != null) {
            int mentions = TextCounter.mentions(text).size();
            if (mentions > rule.maxMentions()) {
                problems.add(RuleProblem.error("mentions.count", rule.maxMentions(), mentions,
                        "%s allows at most %d mentions; this text has %d. Remove %d."
                                .formatted(where, rule.maxMentions(), mentions, mentions - rule.maxMentions())));
            }
        }
        if (!hasNeededMedia(rule.media(), media)) {
            problems.add(RuleProblem.error("media.required", 1, 0, "%s needs %s; add one to the draft%s."
                    .formatted(where, mediaName(rule.media()),
                            content.variantFor(channel.id) != null && content.variantFor(channel.id).mediaSelection() != null
                                    ? " and select it in this channel's variant" : "")));
        }
        checkMedia(rule, media, problems);
        return new ChannelCheck(channel.id, channel.network, length, rule.unit(), maxText, List.copyOf(problems));
    }

    private static void checkMedia(NetworkRule rule, List<DraftContent.Media> media, List<RuleProblem> problems) {
        NetworkRule.MediaRule limits = rule.mediaRule();
        String where = rule.displayName();
        long moving = media.stream().filter(m -> !m.kind().equals("image")).count();
        if (limits.videoAlone() && moving > 0 && media.size() > 1) {
            problems.add(RuleProblem.error("media.mixed", 1, media.size(),
                    "%s takes up to %d images, or one video or GIF alone; this post has %d items with %d videos or GIFs."
                            .formatted(where, limits.maxItems(), media.size(), moving)));
        } else if (limits.maxItems() != null && media.size() > limits.maxItems()) {
            problems.add(RuleProblem.error("media.count", limits.maxItems(), media.size(),
                    "%s takes at most %d media items; this post has %d. Remove %d."
                            .formatted(where, limits.maxItems(), media.size(), media.size() - limits.maxItems())));
        }
        for (int i = 0; i < media.size(); i++) {
            DraftContent.Media item = media.get(i);
            if (limits.maxVideoSeconds() != null && item.kind().equals("video") && item.durationSeconds() != null
                    && item.durationSeconds() > limits.maxVideoSeconds()) {
                int seconds = (int) Math.ceil(item.durationSeconds());
                problems.add(RuleProblem.error("media.duration", limits.maxVideoSeconds(), seconds,
                        "%s takes videos of at most %d seconds; the video %s lasts %d. Shorten it by %d seconds."
                                .formatted(where, limits.maxVideoSeconds(), item.url(), seconds,
                                        seconds - limits.maxVideoSeconds())));
            }
            if (limits.altText() && (item.altText() == null || item.altText().isBlank())) {
                problems.add(RuleProblem.warning("media.alt_text",
                        "The %s %s has no alt text; people who use a screen reader on %s will not know what it shows."
                                .formatted(item.kind(), item.url(), where)));
            }
        }
    }

    /** The text a channel publishes: its variant's, else the body. */
    static String textFor(DraftContent content, UUID channelId) {
        DraftContent.Variant variant = content.variantFor(channelId);
        return variant != null && variant.text() != null ? variant.text() : content.body();
    }

    /** The media a channel publishes: its variant's selection, else all of the draft's. */
    static List<DraftContent.Media> mediaFor(DraftContent content, UUID channelId) {
        DraftContent.Variant variant = content.variantFor(channelId);
        if (variant == null || variant.mediaSelection() == null) {
            return content.media();
        }
        return variant.mediaSelection().stream().filter(i -> i < content.media().size()).map(content.media()::get).toList();
    }

    private static boolean hasNeededMedia(MediaNeed need, List<DraftContent.Media> media) {
        return switch (need) {
            case NONE -> true;
            case IMAGE_OR_VIDEO -> !media.isEmpty();
            case IMAGE -> media.stream().anyMatch(m -> m.kind().equals("image"));
            case VIDEO -> media.stream().anyMatch(m -> m.kind().equals("video"));
        };
    }

    private static String mediaName(MediaNeed need) {
        return switch (need) {
            case NONE -> "nothing";
            case IMAGE_OR_VIDEO -> "an image or a video";
            case IMAGE -> "an image";
            case VIDEO -> "a video";
        };
    }

    private static String unitName(LengthUnit unit) {
        return switch (unit) {
            case WEIGHTED -> "weighted characters (URLs 23, emoji and CJK 2)";
            case GRAPHEMES -> "characters (graphemes)";
            case CHARACTERS -> "characters";
            case UTF16 -> "UTF-16 characters";
            case EMOJI_BYTES -> "characters (an emoji counts its UTF-8 bytes, most 4)";
        };
    }
}
