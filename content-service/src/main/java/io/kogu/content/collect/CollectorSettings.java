package io.kogu.content.collect;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;

/** {@code kogu.collector.*}: when published posts are read back, and how much at a time (docs/content.md). */
@ConfigMapping(prefix = "kogu.collector")
public interface CollectorSettings {

    /** Whether the scheduled run reads anything (tests call {@link EngagementCollector#collectDue} themselves). */
    @WithDefault("true")
    boolean enabled();

    /** How often each replica looks for due readings ({@code off} in tests). */
    @WithDefault("30s")
    String pollEvery();

    /** The readings after publication, in order; after the last of them one a day until {@link #until()}. */
    @WithDefault("PT5M,PT15M,PT1H,PT3H,PT6H,PT12H,PT24H")
    List<Duration> schedule();

    /** How long after publication a post is still read (then once a day after the schedule). */
    @WithDefault("P30D")
    Duration until();

    /** How many due publications one claim takes. */
    @WithDefault("200")
    int batch();

    /** How long a claim holds before another replica may take the readings over. */
    @WithDefault("PT5M")
    Duration lease();

    /** When a reading failed for another reason than a refused token or a rate limit, how long until it is tried again. */
    @WithDefault("PT5M")
    Duration retryAfter();

    /** Whether the people who engaged are read too (Bluesky likes and reposts, Mastodon favourites and boosts). */
    @WithDefault("true")
    boolean engagers();

    /** How many people per post and type one reading asks for. */
    @WithDefault("100")
    int engagersLimit();

    /** How often each channel's conversations (comments, replies, mentions) are read ({@code off} in tests). */
    @WithDefault("60s")
    String conversationsEvery();

    /** How far back a channel's first reading goes, and how old a post may be for its thread to be read. */
    @WithDefault("P7D")
    Duration conversationsWindow();

    /** How many of the channel's most recent posts (within the window) have their threads read at each reading. */
    @WithDefault("20")
    int conversationsOwnPosts();

    /** How many items one reading hands over at most, and how many go in one message to audience-service. */
    @WithDefault("500")
    int conversationsBatch();
}
