package io.kogu.platform.problem;

import jakarta.ws.rs.WebApplicationException;

/**
 * A query, path or header parameter that does not convert to its type; {@link ProblemMappers} answers it as a
 * 400 naming the parameter (found from the matched resource method when the converter could not know it). A
 * WebApplicationException, so that JAX-RS passes it on as it is instead of turning it into a 404.
 */
public class InvalidParameterException extends WebApplicationException {

    private final transient Class<?> type;
    private final String value;
    private final String name;

    /** {@code name} may be null: the converter of an implemented interface's method does not see its annotations. */
    public InvalidParameterException(Class<?> type, String value, String name) {
        super(Expected.message(type, value), 400);
        this.type = type;
        this.value = value;
        this.name = name;
    }

    public Class<?> type() {
        return type;
    }

    public String value() {
        return value;
    }

    /** The parameter's name, when the converter knew it. */
    public String name() {
        return name;
    }

    /** The field error, under {@code name} or, when that is unknown, {@code fallback}. */
    public FieldError error(String fallback) {
        return new FieldError(name != null ? name : fallback, Expected.message(type, value));
    }
}
