package io.kogu.platform.problem;

/** One bad field of a request: where it is and what a person should change. */
public record FieldError(String field, String message) {
}
