package io.kogu.platform.problem;

/** The kinds of problem Kogu answers, each with its status, stable type URI and title. */
public enum ProblemType {
    MALFORMED_REQUEST(400, "malformed-request", "The request cannot be read"),
    VALIDATION(400, "validation", "The request is not valid"),
    UNAUTHORIZED(401, "unauthorized", "A valid bearer token is required"),
    FORBIDDEN(403, "forbidden", "Your role does not allow this"),
    NOT_FOUND(404, "not-found", "Not found"),
    METHOD_NOT_ALLOWED(405, "method-not-allowed", "Method not allowed"),
    NOT_ACCEPTABLE(406, "not-acceptable", "No acceptable representation"),
    CONFLICT(409, "conflict", "The request conflicts with the current state"),
    PRECONDITION_FAILED(412, "precondition-failed", "The resource has changed since you read it"),
    PAYLOAD_TOO_LARGE(413, "payload-too-large", "The request body is too large"),
    URI_TOO_LONG(414, "uri-too-long", "The request URI is too long"),
    UNSUPPORTED_MEDIA_TYPE(415, "unsupported-media-type", "Unsupported content type"),
    UNPROCESSABLE(422, "unprocessable", "The request cannot be carried out"),
    PRECONDITION_REQUIRED(428, "precondition-required", "If-Match header required"),
    HEADERS_TOO_LARGE(431, "headers-too-large", "The request headers are too large"),
    INTERNAL(500, "internal", "Something went wrong on our side"),
    DEPENDENCY_UNAVAILABLE(503, "dependency-unavailable", "A service this call needs is not answering");

    private static final String BASE = "https://kogu.io/problems/";

    private final int status;
    private final String uri;
    private final String title;

    ProblemType(int status, String slug, String title) {
        this.status = status;
        this.uri = BASE + slug;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String uri() {
        return uri;
    }

    public String title() {
        return title;
    }

    /** The type that stands for a status no more specific type covers. */
    public static ProblemType forStatus(int status) {
        for (ProblemType type : values()) {
            if (type.status == status) {
                return type;
            }
        }
        return status >= 500 ? INTERNAL : MALFORMED_REQUEST;
    }
}
