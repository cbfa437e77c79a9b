package io.kogu.content.publish.connector;

import io.kogu.platform.outbound.OutboundException;
import io.kogu.platform.outbound.OutboundResponse;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * How an HTTP exchange with a network ends, in the terms every connector shares; a connector refines it where
 * its network says more (an error body that names a refusal, a status a network uses its own way).
 */
public final class HttpOutcomes {

    private HttpOutcomes() {
    }

    /** A call that got no answer: nothing sent is retried later; otherwise the outcome is unknown. */
    public static PublishFailure transport(OutboundException e, String network) {
        return switch (e.failure()) {
            case REFUSED_TARGET -> PublishFailure.rejected(null, "refused_target",
                    "Kogu may not call this " + network + " address: " + e.getMessage());
            case NOT_CONNECTED -> PublishFailure.notPublished(null, "not_connected",
                    network + " could not be reached (" + e.getMessage() + "); nothing was sent, Kogu tries again", null);
            case NO_ANSWER, TOO_LARGE -> PublishFailure.unknown(null, "no_answer",
                    network + " did not answer in time after the post was sent (" + e.getMessage() + ")");
        };
    }

    /**
     * An answer that is not a success. 401 needs a refresh; 429 and 503-with-Retry-After certainly did nothing;
     * other 5xx and 408 may have published; other 4xx are refusals.
     */
    public static PublishFailure status(OutboundResponse response, String network, String errorCode, String networkMessage) {
        int status = response.status();
        String said = networkMessage != null && !networkMessage.isBlank() ? ": " + truncate(networkMessage) : "";
        if (status == 401) {
            return PublishFailure.unauthorized(status, errorCode, network + " refused the channel's access token" + said);
        }
        if (status == 429) {
            return PublishFailure.notPublished(status, errorCode, network + " rate limit reached" + said
                    + "; Kogu tries again when the network allows", retryAfter(response, Clock.systemUTC()).orElse(null));
        }
        if (status == 503 && response.header("Retry-After").isPresent()) {
            return PublishFailure.notPublished(status, errorCode, network + " is unavailable" + said,
                    retryAfter(response, Clock.systemUTC()).orElse(null));
        }
        if (status >= 500 || status == 408) {
            return PublishFailure.unknown(status, errorCode, network + " failed while handling the post (HTTP " + status + ")" + said);
        }
        if (status == 403) {
            return PublishFailure.rejected(status, errorCode, network + " does not allow this account to post this" + said);
        }
        return PublishFailure.rejected(status, errorCode, network + " refused the post (HTTP " + status + ")" + said);
    }

    /**
     * What the network asked to wait: {@code Retry-After} (seconds or an HTTP date), else a reset time in epoch
     * seconds ({@code x-rate-limit-reset} as X sends it, {@code x-ratelimit-reset} as Mastodon sends an ISO time).
     */
    public static Optional<Duration> retryAfter(OutboundResponse response, Clock clock) {
        Optional<String> retryAfter = response.header("Retry-After");
        if (retryAfter.isPresent()) {
            String value = retryAfter.get().trim();
            try {
                return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value))));
            } catch (NumberFormatException notSeconds) {
                try {
                    ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
                    return Optional.of(positive(Duration.between(clock.instant(), at.toInstant())));
                } catch (DateTimeParseException ignored) {
                    // fall through to the reset headers
                }
            }
        }
        for (String name : new String[] {"x-rate-limit-reset", "x-ratelimit-reset"}) {
            Optional<String> reset = response.header(name);
            if (reset.isPresent()) {
                String value = reset.get().trim();
                try {
                    return Optional.of(positive(Duration.between(clock.instant(), Instant.ofEpochSecond(Long.parseLong(value)))));
                } catch (NumberFormatException notEpoch) {
                    try {
                        return Optional.of(positive(Duration.between(clock.instant(), java.time.OffsetDateTime.parse(value).toInstant())));
                    } catch (DateTimeParseException ignored) {
                        // unreadable: the publisher's own backoff applies
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static Duration positive(Duration d) {
        return d.isNegative() ? Duration.ZERO : d;
    }

    private static String truncate(String text) {
        String oneLine = text.replaceAll("\\s+", " ").trim();
        return oneLine.length() > 300 ? oneLine.substring(0, 300) + "…" : oneLine;
    }
}
