package io.kogu.platform.problem;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.kogu.platform.json.InvalidTextException;
import io.kogu.platform.json.JsonErrors;
import io.kogu.platform.json.MalformedBodyException;
import io.kogu.platform.text.LineLimitedReader;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.inject.Inject;
import jakarta.persistence.OptimisticLockException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.Comparator;
import java.util.List;

/**
 * Turns every failure into RFC 9457 problem details. A 4xx says what to change; a 5xx never shows a stack
 * trace, a class name or SQL, and is logged with the request id.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    /** Jackson names the token it found: "(token `JsonToken.START_OBJECT`)". */
    private static final java.util.regex.Pattern JSON_TOKEN = java.util.regex.Pattern.compile("JsonToken\\.([A-Z_]+)");

    @Inject
    ProblemResponses problems;

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return problems.of(e.type(), e.getMessage(), e.errors());
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e) {
        List<FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new FieldError(fieldOf(v), v.getMessage()))
                .sorted(Comparator.comparing(FieldError::field).thenComparing(FieldError::message))
                .toList();
        return problems.of(ProblemType.VALIDATION, ProblemException.detailOf(errors), errors);
    }

    @ServerExceptionMapper
    public Response invalidParameter(InvalidParameterException e, ResourceInfo resource, UriInfo uri, HttpHeaders headers) {
        FieldError error = e.error(e.name() != null ? e.name() : Parameters.nameOf(e, resource, uri, headers));
        return problems.of(ProblemType.VALIDATION, error.field() + " " + error.message(), List.of(error));
    }

    @ServerExceptionMapper
    public Response invalidFormat(InvalidFormatException e) {
        String field = fieldOrBody(pathOf(e));
        String message = Expected.message(e.getTargetType(), e.getValue());
        return problems.of(ProblemType.VALIDATION, field + " " + message, List.of(new FieldError(field, message)));
    }

    @ServerExceptionMapper
    public Response unrecognizedProperty(UnrecognizedPropertyException e) {
        String field = pathOf(e);
        return problems.of(ProblemType.VALIDATION, "Unknown field " + field,
                List.of(new FieldError(field, "is not a known field")));
    }

    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e) {
        String field = pathOf(e);
        if (field.isEmpty()) {
            return problems.of(ProblemType.MALFORMED_REQUEST, e.getTargetType() == null
                    ? "The body does not have the JSON shape this request expects"
                    : "The body must be " + Expected.description(e.getTargetType()) + " in JSON");
        }
        String message = "must be " + Expected.description(e.getTargetType()) + givenToken(e);
        return problems.of(ProblemType.VALIDATION, field + " " + message, List.of(new FieldError(field, message)));
    }

    @ServerExceptionMapper
    public Response valueInstantiation(ValueInstantiationException e) {
        // Generated enums reject unknown values in their @JsonCreator, which Jackson reports this way.
        String field = pathOf(e);
        Class<?> target = e.getType() == null ? null : e.getType().getRawClass();
        String message = target != null && target.isEnum()
                ? "must be " + Expected.description(target)
                : "is not valid";
        field = fieldOrBody(field);
        return problems.of(ProblemType.VALIDATION, field + " " + message, List.of(new FieldError(field, message)));
    }

    @ServerExceptionMapper
    public Response jsonParse(JsonParseException e) {
        if (e instanceof MalformedBodyException) {
            return problems.of(ProblemType.MALFORMED_REQUEST, e.getOriginalMessage());
        }
        return problems.of(ProblemType.MALFORMED_REQUEST, JsonErrors.describe(e));
    }

    @ServerExceptionMapper
    public Response invalidText(InvalidTextException e) {
        String field = pathOf(e);
        if (field.isEmpty()) {
            field = "body";
        }
        return problems.of(ProblemType.VALIDATION, field + " " + e.problem(), List.of(new FieldError(field, e.problem())));
    }

    @ServerExceptionMapper
    public Response lineTooLong(LineLimitedReader.LineTooLongException e) {
        return problems.of(ProblemType.PAYLOAD_TOO_LARGE, "Line " + e.line() + " is longer than " + e.limit()
                + " characters; every line of a stream is bounded", List.of(new FieldError("line " + e.line(),
                "is longer than " + e.limit() + " characters")));
    }

    @ServerExceptionMapper
    public Response json(JacksonException e) {
        if (e instanceof InvalidTextException invalidText) {
            return invalidText(invalidText);
        } else if (e instanceof InvalidFormatException invalidFormat) {
            return invalidFormat(invalidFormat);
        } else if (e instanceof UnrecognizedPropertyException unrecognized) {
            return unrecognizedProperty(unrecognized);
        } else if (e instanceof ValueInstantiationException instantiation) {
            return valueInstantiation(instantiation);
        } else if (e instanceof MismatchedInputException mismatched) {
            return mismatchedInput(mismatched);
        } else if (e instanceof JsonParseException parse) {
            return jsonParse(parse);
        }
        if (e instanceof com.fasterxml.jackson.core.exc.StreamConstraintsException) {
            return problems.of(ProblemType.MALFORMED_REQUEST, "The body is beyond what a JSON request may hold "
                    + "(nesting depth, or the length of a number, string or field name)");
        }
        return problems.of(ProblemType.MALFORMED_REQUEST, "The body is not valid JSON for this request");
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e) {
        return problems.of(ProblemType.UNAUTHORIZED, "The bearer token is missing, expired or not trusted");
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e) {
        return problems.of(ProblemType.UNAUTHORIZED, "A bearer token is required");
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return problems.of(ProblemType.FORBIDDEN, "Your role does not allow this operation");
    }

    @ServerExceptionMapper
    public Response optimisticLock(OptimisticLockException e) {
        return problems.of(ProblemType.PRECONDITION_FAILED,
                "Someone else changed this resource at the same moment; reload it and apply your change again");
    }

    @ServerExceptionMapper
    public Response uniqueViolation(org.hibernate.exception.ConstraintViolationException e) {
        // A concurrent request won the race for a unique value the service had checked as free.
        return problems.of(ProblemType.CONFLICT, "Another request just took a value that must be unique; retry");
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        if (e.getCause() instanceof IllegalArgumentException || e.getCause() instanceof java.time.DateTimeException) {
            Throwable cause = e.getCause();
            // JAX-RS answers 404 when a path or query parameter cannot be converted (an id that is not a
            // UUID, an unknown enum value); the client can fix that, so it is a 400.
            String message = JsonErrors.withoutClassNames(cause.getMessage());
            return problems.of(ProblemType.VALIDATION, "A path or query parameter is not valid: " + message,
                    List.of(new FieldError("parameter", message)));
        }
        return problems.of(ProblemType.NOT_FOUND, "Nothing lives at this path");
    }

    @ServerExceptionMapper
    public Response notAllowed(NotAllowedException e) {
        Response problem = problems.of(ProblemType.METHOD_NOT_ALLOWED, "This method is not allowed on this path");
        return Response.fromResponse(problem).allow(e.getResponse().getAllowedMethods()).build();
    }

    @ServerExceptionMapper
    public Response notSupported(NotSupportedException e) {
        return problems.of(ProblemType.UNSUPPORTED_MEDIA_TYPE, "Send the body as application/json");
    }

    @ServerExceptionMapper
    public Response notAcceptable(NotAcceptableException e) {
        return problems.of(ProblemType.NOT_ACCEPTABLE, "This resource answers application/json");
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        Throwable cause = e.getCause();
        if (cause instanceof JacksonException jackson) {
            // The JSON reader wraps what Jackson threw; answer as for the unwrapped exception.
            return json(jackson);
        }
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e);
        }
        return problems.of(ProblemType.forStatus(status), JsonErrors.withoutClassNames(e.getMessage()));
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        LOG.error("Unexpected failure", LoggedFailure.of(e));
        return problems.of(ProblemType.INTERNAL, "The failure is logged with this request's id");
    }

    private static String fieldOf(ConstraintViolation<?> violation) {
        // Path of a violation on a resource method: method, parameter, then the bean properties and elements
        // (handles[0].network). Set elements have no position, so the set itself is named.
        StringBuilder field = new StringBuilder();
        String parameter = null;
        for (Path.Node node : violation.getPropertyPath()) {
            ElementKind kind = node.getKind();
            if (kind == ElementKind.PARAMETER) {
                parameter = node.getName();
                continue;
            }
            if (kind != ElementKind.PROPERTY && kind != ElementKind.CONTAINER_ELEMENT && kind != ElementKind.BEAN) {
                continue;
            }
            if (node.isInIterable() && node.getIndex() != null) {
                field.append('[').append(node.getIndex()).append(']');
            }
            String name = node.getName();
            if (name != null && !name.startsWith("<")) {
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(name);
            }
        }
        if (!field.isEmpty()) {
            return field.toString();
        }
        return parameter == null ? "request" : parameter;
    }

    private static String pathOf(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String fieldOrBody(String field) {
        return field.isEmpty() ? "body" : field;
    }

    /** "; got a string": the JSON type the caller sent where another was expected, when the parser knows it. */
    private static String givenToken(MismatchedInputException e) {
        com.fasterxml.jackson.core.JsonToken token = null;
        java.util.regex.Matcher named = JSON_TOKEN.matcher(String.valueOf(e.getOriginalMessage()));
        if (named.find()) {
            try {
                token = com.fasterxml.jackson.core.JsonToken.valueOf(named.group(1));
            } catch (IllegalArgumentException unknown) {
                token = null;
            }
        }
        if (token == null && e.getProcessor() instanceof com.fasterxml.jackson.core.JsonParser parser) {
            token = parser.currentToken();
        }
        if (token == null) {
            return "";
        }
        return switch (token) {
            case VALUE_STRING -> "; got a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "; got a number";
            case VALUE_TRUE, VALUE_FALSE -> "; got true or false";
            case START_OBJECT, END_OBJECT, FIELD_NAME -> "; got an object";
            case START_ARRAY, END_ARRAY -> "; got an array";
            case VALUE_NULL -> "; got null";
            default -> "";
        };
    }

}
