package io.kogu.audience.moderation;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Moderation's settings (kogu.moderation.*); the model card (docs/spam-model.md) says why these defaults. */
@ConfigMapping(prefix = "kogu.moderation")
public interface ModerationSettings {

    /** The spam threshold the model card chose: precision first, because a false positive hides a fan. */
    double DEFAULT_THRESHOLD = 0.6;

    /** An item is spam when its spam score is at least this. */
    @WithDefault("0.6")
    double spamThreshold();

    /** How far back the same text posted again counts as a copy (from the new item's occurredAt). */
    @WithDefault("PT24H")
    Duration duplicateWindow();

    /** At most this many of a workspace's most recent fingerprints are compared with a new item. */
    @WithDefault("5000")
    int duplicateCompareLast();

    /** Two fingerprints that differ in at most this many of their 64 bits are the same text. */
    @WithDefault("3")
    int duplicateDistance();

    /** From this many earlier copies on, repetition alone is evidence of spam (see SpamScore). */
    @WithDefault("4")
    int duplicateCopies();

    /**
     * Read the classifier's model (shipped by the build, SpamModelFile) in the background as the service starts,
     * so that the first item does not wait for it; where no model was shipped, this trains it (a few seconds).
     * Tests read it at first use instead. The name is older than the shipped model.
     */
    @WithDefault("true")
    boolean trainAtStartup();
}
