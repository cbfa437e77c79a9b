package io.kogu.platform.outbound;

import java.io.IOException;

/**
 * An outbound call that got no usable answer, with what is known about whether the request reached the
 * other side: publishing decides on it whether a repeat is safe.
 */
public class OutboundException extends IOException {

    private static final long serialVersionUID = 1L;

    public enum Failure {
        /** The guard refused the target (scheme, or an address it may not reach): nothing was sent. */
        REFUSED_TARGET(true),
        /** DNS, connection refused, connect timeout, TLS handshake: nothing was sent. */
        NOT_CONNECTED(true),
        /** The request may have been received: timeout while waiting, connection reset or closed. */
        NO_ANSWER(false),
        /** The answer was larger than allowed: the request was received. */
        TOO_LARGE(false);

        private final boolean nothingSent;

        Failure(boolean nothingSent) {
            this.nothingSent = nothingSent;
        }
    }

    private final Failure failure;

    public OutboundException(Failure failure, String message, Throwable cause) {
        super(message, cause);
        this.failure = failure;
    }

    public Failure failure() {
        return failure;
    }

    /** True when the other side certainly received nothing, so a repeat cannot double anything. */
    public boolean nothingSent() {
        return failure.nothingSent;
    }
}
