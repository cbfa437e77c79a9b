package io.kogu.platform.problem;

import java.util.List;

/**
 * A failure the client can act on. Thrown by services and resources, turned into problem details by
 * {@link ProblemMappers}.
 */
public class ProblemException extends RuntimeException {

    private final ProblemType type;
    private final List<FieldError> errors;

    public ProblemException(ProblemType type, String detail) {
        this(type, detail, List.of());
    }

    public ProblemException(ProblemType type, String detail, List<FieldError> errors) {
        super(detail, null, false, false);
        this.type = type;
        this.errors = List.copyOf(errors);
    }

    public ProblemType type() {
        return type;
    }

    public List<FieldError> errors() {
        return errors;
    }

    public static ProblemException notFound(String what, Object id) {
        return new ProblemException(ProblemType.NOT_FOUND, "No " + what + " with id " + id + " in this workspace");
    }

    public static ProblemException invalid(String field, String message) {
        return new ProblemException(ProblemType.VALIDATION, field + ": " + message,
                List.of(new FieldError(field, message)));
    }

    /** A 400 for several fields at once; the detail lists them as "field message; …". */
    public static ProblemException invalid(List<FieldError> errors) {
        return new ProblemException(ProblemType.VALIDATION, detailOf(errors), errors);
    }

    /** The detail text of a list of field errors, as every validation problem words it. */
    public static String detailOf(List<FieldError> errors) {
        return errors.stream().map(e -> e.field() + " " + e.message()).collect(java.util.stream.Collectors.joining("; "));
    }

    public static ProblemException unprocessable(String detail, List<FieldError> errors) {
        return new ProblemException(ProblemType.UNPROCESSABLE, detail, errors);
    }

    public static ProblemException unavailable(String detail) {
        return new ProblemException(ProblemType.DEPENDENCY_UNAVAILABLE, detail);
    }
}
