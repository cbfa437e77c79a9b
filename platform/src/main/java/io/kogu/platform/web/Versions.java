package io.kogu.platform.web;

import io.kogu.platform.problem.ProblemException;
import io.kogu.platform.problem.ProblemType;
import jakarta.ws.rs.core.EntityTag;

/**
 * Optimistic concurrency over HTTP: a resource's {@code version} travels as a strong ETag, and every change
 * must send it back in {@code If-Match}. Nobody silently overwrites a colleague.
 */
public final class Versions {

    private Versions() {
    }

    public static EntityTag etag(long version) {
        return new EntityTag(Long.toString(version));
    }

    /**
     * Checks an {@code If-Match} header against the current version: missing or {@code *} → 428 (a wildcard
     * names no version, so it cannot tell that the client saw the current one), anything but the current strong
     * tag → 412.
     */
    public static void requireMatch(String ifMatch, long currentVersion) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new ProblemException(ProblemType.PRECONDITION_REQUIRED,
                    "Send If-Match with the ETag you read, so that concurrent changes are not lost");
        }
        String expected = "\"" + currentVersion + "\"";
        boolean wildcard = false;
        for (String candidate : ifMatch.split(",")) {
            String tag = candidate.trim();
            if (tag.equals(expected)) {
                return;
            }
            wildcard |= tag.equals("*");
        }
        if (wildcard) {
            throw new ProblemException(ProblemType.PRECONDITION_REQUIRED,
                    "If-Match: * names no version; send the ETag you read, so that concurrent changes are not lost");
        }
        throw new ProblemException(ProblemType.PRECONDITION_FAILED,
                "The resource is now at version " + currentVersion + "; reload it and apply your change again");
    }
}
