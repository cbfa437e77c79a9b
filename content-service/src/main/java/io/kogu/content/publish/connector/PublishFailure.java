package io.kogu.content.publish.connector;

import java.time.Duration;

/**
 * A publication attempt that did not end with the post out, with what is known about its outcome. The reason
 * is written for a person who can act on it ("the access token was revoked: reconnect the channel"), never a
 * stack trace.
 */
public class PublishFailure extends Exception {

    private static final long serialVersionUID = 1L;

    public enum Outcome {
        /** Certainly nothing was published (DNS, connection refused, 429, a refusal that says so): retry later. */
        NOT_PUBLISHED,
        /** The network refused the post for good (bad media, text refused, forbidden): retrying changes nothing. */
        REJECTED,
        /** The request may have gone out (timeout after sending, reset, 5xx): repeat only where it is safe. */
        UNKNOWN,
        /** The access token is expired or revoked (401): refresh once, else the channel needs reconnecting. */
        UNAUTHORIZED
    }

    private final Outcome outcome;
    private final Integer httpStatus;
    private final String errorCode;
    private final Duration retryAfter;

    public PublishFailure(Outcome outcome, Integer httpStatus, String errorCode, String reason, Duration retryAfter) {
        super(reason, null, false, false);
        this.outcome = outcome;
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
        this.retryAfter = retryAfter;
    }

    public static PublishFailure notPublished(Integer httpStatus, String errorCode, String reason, Duration retryAfter) {
        return new PublishFailure(Outcome.NOT_PUBLISHED, httpStatus, errorCode, reason, retryAfter);
    }

    public static PublishFailure rejected(Integer httpStatus, String errorCode, String reason) {
        return new PublishFailure(Outcome.REJECTED, httpStatus, errorCode, reason, null);
    }

    public static PublishFailure unknown(Integer httpStatus, String errorCode, String reason) {
        return new PublishFailure(Outcome.UNKNOWN, httpStatus, errorCode, reason, null);
    }

    public static PublishFailure unauthorized(Integer httpStatus, String errorCode, String reason) {
        return new PublishFailure(Outcome.UNAUTHORIZED, httpStatus, errorCode, reason, null);
    }

    public Outcome outcome() {
        return outcome;
    }

    /** The network's HTTP status, when it answered. */
    public Integer httpStatus() {
        return httpStatus;
    }

    /** The network's own error code or name ({@code RateLimitExceeded}, {@code 190}, …), when it gave one. */
    public String errorCode() {
        return errorCode;
    }

    /** What the network asked for (Retry-After, a rate-limit reset), when it did. */
    public Duration retryAfter() {
        return retryAfter;
    }

    /** The reason a person can act on. */
    public String reason() {
        return getMessage();
    }
}
