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
                List.of(new RuleProblem("channel.missing", null, null,
                        "This channel was disconnected; remove it from the draft or connect it again.")));
    }

    static ChannelCheck check(DraftContent content, Channel channel) {
        NetworkRule rule = NetworkRules.of(channel.network);
        String text = textFor(content, channel.id);
        int length = TextCounter.length(text, rule.unit(), rule.urlLength());
        Integer maxText = channel.maxCharacters != null ? channel.maxCharacters : rule.maxText();
        List<RuleProblem> problems = new ArrayList<>();
        String where = rule.displayName();
        if (maxText != null && length > maxText) {
            problems.add(new RuleProblem("text.length", maxText, length, "%s allows %d %s; this text has %d. Shorten it by %d."
                    .formatted(where, maxText, unitName(rule.unit()), length, length - maxText)));
        }
        if (rule.maxTitle() != null) {
            int titleLength = TextCounter.length(content.title(), LengthUnit.CHARACTERS, null);
            if (titleLength > rule.maxTitle()) {
                problems.add(new RuleProblem("title.length", rule.maxTitle(), titleLength,
                        "%s allows a title of %d characters; this one has %d. Shorten it by %d."
                                .formatted(where, rule.maxTitle(), titleLength, titleLength - rule.maxTitle())));
            }
        }
        if (rule.maxHashtags() != null) {
            int hashtags = TextCounter.hashtags(text).size();
            if (hashtags > rule.maxHashtags()) {
                problems.add(new RuleProblem("hashtags.count", rule.maxHashtags(), hashtags,
                        "%s allows at most %d hashtags; this text has %d. Remove %d."
                                .formatted(where, rule.maxHashtags(), hashtags, hashtags - rule.maxHashtags())));
            }
        }
        if (rule.maxMentions() != null) {
            int mentions = TextCounter.mentions(text).size();
            if (mentions > rule.maxMentions()) {
                problems.add(new RuleProblem("mentions.count", rule.maxMentions(), mentions,
                        "%s allows at most %d mentions; this text has %d. Remove %d."
                                .formatted(where, rule.maxMentions(), mentions, mentions - rule.maxMentions())));
            }
        }
        List<DraftContent.Media> media = mediaFor(content, channel.id);
        if (!hasNeededMedia(rule.media(), media)) {
            problems.add(new RuleProblem("media.required", 1, 0, "%s needs %s; add one to the draft%s."
                    .formatted(where, mediaName(rule.media()),
                            content.variantFor(channel.id) != null && content.variantFor(channel.id).mediaSelection() != null
                                    ? " and select it in this channel's variant" : "")));
        }
        return new ChannelCheck(channel.id, channel.network, length, rule.unit(), maxText, List.copyOf(problems));
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
        };
    }
}
