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
     * Train the classifier in the background as the service starts, so that the first item is not the one that
     * waits the few seconds of training. Tests that score train at first use instead.
     */
    @WithDefault("true")
    boolean trainAtStartup();
}
