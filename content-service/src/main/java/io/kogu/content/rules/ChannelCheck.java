package io.kogu.content.rules;

import java.util.List;
import java.util.UUID;

/** A draft as one channel would publish it: its counted length and its problems. {@code network} null: gone. */
public record ChannelCheck(UUID channelId, String network, int countedLength, LengthUnit unit, Integer maxLength,
        List<RuleProblem> problems) {
}
