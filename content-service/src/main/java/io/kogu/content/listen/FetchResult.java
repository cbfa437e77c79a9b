package io.kogu.content.listen;

/** How one fetch ended. */
public sealed interface FetchResult {

    /** 304: nothing changed since the validators were given. */
    record NotModified() implements FetchResult {
    }

    /** An answer read and understood; the validators to send next time. */
    record Fetched(int status, FeedDocument document, String etag, String lastModified) implements FetchResult {
    }

    /**
     * No usable answer: {@code refused} when the guard refused the address (SSRF), which retrying will not change.
     */
    record Failed(Integer status, String reason, boolean refused) implements FetchResult {
    }
}
