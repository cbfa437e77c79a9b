package io.kogu.content.listen;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** {@code kogu.listening.*}: how sources are polled and stories clustered (docs/content.md "Listening and curation"). */
@ConfigMapping(prefix = "kogu.listening")
public interface ListeningSettings {

    /** How often each replica looks for due sources ({@code off} in tests, which poll themselves). */
    @WithDefault("10s")
    String pollEvery();

    /** How often a source is fetched when it answers well. */
    @WithDefault("PT15M")
    Duration interval();

    /** The longest wait after failures (each failure doubles the interval, up to this). */
    @WithDefault("PT24H")
    Duration maxBackoff();

    /** Sources one replica claims at a time. */
    @WithDefault("50")
    int batch();

    /** Fetches one replica runs at the same time. */
    @WithDefault("8")
    int concurrency();

    /** How long a claim is this replica's before another may take the source over. */
    @WithDefault("PT2M")
    Duration lease();

    /** The least time between two requests to one host (and only one at a time). */
    @WithDefault("PT2S")
    Duration hostInterval();

    /** The largest feed read, decompressed. */
    @WithDefault("10485760")
    long maxBytes();

    /** The longest one fetch may take, answer read included. */
    @WithDefault("PT30S")
    Duration deadline();

    /**
     * Two texts whose fingerprints differ in at most this many bits are one story (0–12; candidates come through SimHash#bands). 12: rewritten copies of
     * one article measured 0–9 bits apart, different news sharing words 26–34 (ClusteringAndMonitorsTest).
     */
    @WithDefault("12")
    int clusterDistance();

    /** How far back a new item looks for the story it belongs to. */
    @WithDefault("P3D")
    Duration clusterWindow();

    /** The longest summary kept (characters of plain text). */
    @WithDefault("1000")
    int summaryChars();
}
