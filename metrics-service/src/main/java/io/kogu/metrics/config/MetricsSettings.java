package io.kogu.metrics.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** metrics-service settings ({@code kogu.metrics.*}); every one can be set by environment variable. */
@ConfigMapping(prefix = "kogu.metrics")
public interface MetricsSettings {

    Ingestion ingestion();

    Partitions partitions();

    BestTime bestTime();

    Rollups rollups();

    Reports reports();

    Alerts alerts();

    interface Alerts {
        /**
         * How often every replica evaluates the alert rules due (a Quarkus scheduler period such as {@code 60s}, or
         * {@code off}); read by {@code AlertEvaluation}'s scheduler. A rule is evaluated at most once a minute.
         */
        @WithDefault("60s")
        String evaluateEvery();
    }

    interface Ingestion {
        /** Events stored per transaction when an NDJSON stream is read. */
        @WithDefault("5000")
        int streamBatchSize();

        /**
         * Threads writing the batches of NDJSON streams (each stream writes up to two batches at once; more wait
         * for a writer).
         */
        @WithDefault("4")
        int streamWriters();

        /** The longest line of an NDJSON stream, in characters; a longer one ends the stream with a 413. */
        @WithDefault("65536")
        int maxLineChars();

        /** At most this many rejection reasons are listed in an answer (all are counted). */
        @WithDefault("1000")
        int maxListedRejections();

        /** How far in the future an event may claim to have happened (clock skew of the sender). */
        @WithDefault("PT1H")
        Duration futureTolerance();
    }

    interface Partitions {
        /** Raw events older than this are dropped with their weekly partition (rollups are kept). */
        @WithDefault("P400D")
        Duration retention();

        /** Weekly partitions are created this far ahead of now. */
        @WithDefault("P56D")
        Duration ahead();
    }

    interface BestTime {
        /**
         * Posts in the window below which the heatmap does not come from history; for a segment, posts in the
         * window that the segment's members engaged with.
         */
        @WithDefault("20")
        int minPosts();

        /** For a segment: the most engaged actors of the window that audience-service is asked about. */
        @WithDefault("50000")
        int maxSegmentActors();

        /** Engagement events (summed counts) below which audience activity is not used either. */
        @WithDefault("200")
        long minActivity();

        /** Bounds of the shrinkage constant k (posts), whatever the variance estimate says. */
        @WithDefault("1")
        double minShrinkage();

        @WithDefault("50")
        double maxShrinkage();
    }

    /** How often the backlog is applied is {@code kogu.metrics.rollups.apply-every} (read by its scheduler). */
    interface Rollups {
        /**
         * Rollup deltas taken into the rollups per transaction (whole backlog rows of up to 1,000 deltas, until
         * they hold this many).
         */
        @WithDefault("20000")
        int applyChunk();

        /**
         * Rollup deltas taken into the rollups per run of the applier while an NDJSON stream is being written on
         * this replica (one chunk a run, then it yields to the stream).
         */
        @WithDefault("2000")
        int applyChunkWhileStreaming();
    }

    /** Scheduled delivery of reports (report subscriptions, issue 16 item 3). */
    interface Reports {
        /**
         * How often a replica looks for subscriptions whose report is due (a Quarkus scheduler interval, or
         * {@code off}); read by {@code ReportSchedule}'s scheduler.
         */
        @WithDefault("30s")
        String pollEvery();

        /** Subscriptions claimed per transaction. */
        @WithDefault("20")
        int batch();

        /** Attempts of one delivery before it is {@code failed} in the delivery log. */
        @WithDefault("5")
        int maxAttempts();

        /** The wait after each failed attempt (the last one repeats). */
        @WithDefault("PT1M,PT5M,PT30M,PT2H")
        java.util.List<Duration> retrySchedule();

        /** How long a delivered report can be downloaded ({@code GET /v1/reports/{id}}); then it is deleted. */
        @WithDefault("P90D")
        Duration keepFor();

        /** This service's public address, the start of the report links in e-mails and webhooks. */
        @WithDefault("http://localhost:8083")
        String baseUrl();
    }
}
