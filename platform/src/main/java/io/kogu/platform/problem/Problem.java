package io.kogu.platform.problem;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * RFC 9457 problem details, as the shared contract (common.yaml#/components/schemas/Problem) defines them.
 * Every failure of every service answers one of these, with media type {@code application/problem+json}.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String instance, String requestId,
        List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
}
