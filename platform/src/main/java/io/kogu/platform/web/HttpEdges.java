package io.kogu.platform.web;

import io.kogu.platform.problem.FieldError;
import io.kogu.platform.problem.LoggedFailure;
import io.kogu.platform.problem.Problem;
import io.kogu.platform.problem.ProblemResponses;
import io.kogu.platform.problem.ProblemType;
import io.kogu.platform.text.TextInputs;
import io.kogu.platform.text.Utf8Validator;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What every request must be before a resource sees it, answered as problem details when it is not:
 * <ul>
 * <li>a request target of at most {@code kogu.http.max-uri-length} characters (414) and headers of at most
 * {@code kogu.http.max-header-size} (431); Netty's own, larger limits
 * ({@code quarkus.http.limits.max-initial-line-length}, {@code max-header-size}) only stop what is far beyond;</li>
 * <li>a body of at most {@code kogu.http.max-body-size} (413), except on the routes listed in
 * {@code kogu.http.large-bodies}; the bound holds for a declared {@code Content-Length} and for chunked bodies,
 * which are counted as they arrive;</li>
 * <li>query parameters and path segments that decode to well-formed UTF-8 without U+0000 or lone surrogates, and
 * header values without U+0000 (400 naming the parameter or header).</li>
 * </ul>
 * Failures the HTTP layer raises itself (a body over the limit while it streams) are answered as problems too.
 */
@ApplicationScoped
public class HttpEdges {

    private static final Logger LOG = Logger.getLogger(HttpEdges.class);

    /** A route that takes a large body. */
    record LargeRoute(String method, Pattern path, String mediaType, long limit) {

        static LargeRoute parse(String spec, long serviceLimit) {
            String[] parts = spec.trim().split("\\s+");
            if (parts.length < 2) {
                throw new IllegalArgumentException("kogu.http.large-bodies: '" + spec + "' is not METHOD /path [type] [size]");
            }
            String mediaType = null;
            long limit = serviceLimit;
            for (int i = 2; i < parts.length; i++) {
                if (parts[i].contains("/")) {
                    mediaType = parts[i].toLowerCase(Locale.ROOT);
                } else {
                    limit = Math.min(serviceLimit, new MemorySizeConverter().convert(parts[i]).asLongValue());
                }
            }
            String regex = Pattern.quote(parts[1]).replaceAll("\\{[^/}]+}", "\\\\E[^/]+\\\\Q");
            return new LargeRoute(parts[0].toUpperCase(Locale.ROOT), Pattern.compile(regex), mediaType, limit);
        }

        boolean matches(HttpServerRequest request) {
            if (!request.method().name().equals(method) || !path.matcher(request.path()).matches()) {
                return false;
            }
            if (mediaType == null) {
                return true;
            }
            String contentType = request.getHeader(HttpHeaders.CONTENT_TYPE);
            return contentType != null && contentType.toLowerCase(Locale.ROOT).split(";", 2)[0].trim().equals(mediaType);
        }
    }

    @Inject
    HttpLimits limits;

    @ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K")
    MemorySize serviceMaxBody;

    private List<LargeRoute> largeRoutes;

    void install(@Observes Router router) {
        long serviceLimit = serviceMaxBody.asLongValue();
        List<LargeRoute> routes = new ArrayList<>();
        for (String spec : limits.largeBodies().orElse(List.of())) {
            routes.add(LargeRoute.parse(spec, serviceLimit));
        }
        largeRoutes = List.copyOf(routes);
        // Right after RequestIds (Integer.MIN_VALUE), before anything else reads the request.
        router.route().order(Integer.MIN_VALUE + 1).handler(this::check).failureHandler(this::failed);
    }

    /** The body bound of this request: a large route's, or the small default. */
    long bodyLimitOf(HttpServerRequest request) {
        for (LargeRoute route : largeRoutes) {
            if (route.matches(request)) {
                return route.limit();
            }
        }
        return Math.min(limits.maxBodySize().asLongValue(), serviceMaxBody.asLongValue());
    }

    private void check(RoutingContext context) {
        HttpServerRequest request = context.request();
        if (request.uri().length() > limits.maxUriLength()) {
            send(context, ProblemType.URI_TOO_LONG, "The request target is longer than " + limits.maxUriLength()
                    + " characters; send large inputs in a body", List.of(), true);
            return;
        }
        long headerBytes = 0;
        for (Map.Entry<String, String> header : request.headers()) {
            headerBytes += header.getKey().length() + header.getValue().length() + 4;
            if (header.getValue().indexOf('\u0000') >= 0) {
                send(context, ProblemType.VALIDATION, "Header " + header.getKey() + " must not contain U+0000 (NUL)",
                        List.of(new FieldError(header.getKey(), "must not contain the character U+0000 (NUL)")), false);
                return;
            }
        }
        if (headerBytes > limits.maxHeaderSize().asLongValue()) {
            send(context, ProblemType.HEADERS_TOO_LARGE, "The request headers are larger than "
                    + limits.maxHeaderSize().asLongValue() + " bytes", List.of(), true);
            return;
        }
        FieldError badText = badText(request);
        if (badText != null) {
            send(context, ProblemType.VALIDATION, badText.field() + " " + badText.message(), List.of(badText), false);
            return;
        }
        long limit = bodyLimitOf(request);
        String declared = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        long length = -1;
        if (declared != null) {
            try {
                length = Long.parseLong(declared.trim());
            } catch (NumberFormatException e) {
                send(context, ProblemType.MALFORMED_REQUEST, "Content-Length is not a number", List.of(), true);
                return;
            }
        }
        if (length > limit) {
            tooLarge(context, limit);
            return;
        }
        boolean chunked = request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
        if (limit < serviceMaxBody.asLongValue() && chunked) {
            // Read a chunked body here, counting: over the bound it stops at the bound. The REST layer then takes
            // the body from the routing context. A declared Content-Length was checked above and frames the body
            // (HTTP/1.1 and HTTP/2 alike), so it is left to the REST layer: reading it here breaks HTTP/2, whose
            // ended request the REST layer may not pause (quarkusio/quarkus#56595). An HTTP/2 body without a
            // Content-Length is bounded by quarkus.http.limits.max-body-size only.
            BodyHandler.create(false).setBodyLimit(limit).setHandleFileUploads(false).handle(context);
            return;
        }
        context.next();
    }

    private void failed(RoutingContext context) {
        if (context.response().ended() || context.response().closed()) {
            context.next();
            return;
        }
        int status = context.statusCode() < 0 ? 500 : context.statusCode();
        if (status == 401 || status == 403) {
            // Authentication answers its own challenge.
            context.next();
            return;
        }
        if (status == 413) {
            tooLarge(context, bodyLimitOf(context.request()));
        } else if (status >= 500) {
            LOG.error("Unexpected failure in the HTTP layer", LoggedFailure.of(context.failure()));
            send(context, ProblemType.INTERNAL, "The failure is logged with this request's id", List.of(), false);
        } else {
            send(context, ProblemType.forStatus(status), "The request cannot be read (HTTP " + status + ")", List.of(), false);
        }
    }

    private void tooLarge(RoutingContext context, long limit) {
        send(context, ProblemType.PAYLOAD_TOO_LARGE, "The body is larger than " + limit + " bytes, the most this route "
                + "takes", List.of(), true);
    }

    private static void send(RoutingContext context, ProblemType type, String detail, List<FieldError> errors, boolean close) {
        Problem problem = ProblemResponses.of(context, type, detail, errors);
        var response = context.response().setStatusCode(type.status()).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE);
        if (close) {
            // The rest of what the client sends is not read: the connection ends with this answer.
            response.putHeader(HttpHeaders.CONNECTION, "close");
        }
        response.end(Json.encode(problem));
    }

    /** A query parameter or path segment that is not text a service may store, or null. */
    static FieldError badText(HttpServerRequest request) {
        String query = request.query();
        if (query != null && !query.isEmpty()) {
            for (String pair : query.split("&")) {
                int equals = pair.indexOf('=');
                String name = decode(equals < 0 ? pair : pair.substring(0, equals), true).text();
                Decoded value = decode(equals < 0 ? "" : pair.substring(equals + 1), true);
                String problem = value.problem() != null ? value.problem() : TextInputs.problem(value.text());
                if (problem != null) {
                    return new FieldError(name == null ? "query" : name, problem);
                }
            }
        }
        String path = request.path();
        if (path != null && path.indexOf('%') >= 0) {
            String[] segments = path.split("/");
            for (int i = 0; i < segments.length; i++) {
                Decoded segment = decode(segments[i], false);
                String problem = segment.problem() != null ? segment.problem() : TextInputs.problem(segment.text());
                if (problem != null) {
                    return new FieldError("path segment " + i, problem);
                }
            }
        }
        return null;
    }

    record Decoded(String text, String problem) {
    }

    /** Percent-decodes strictly: the bytes must be well-formed UTF-8. A stray '%' is kept as it is. */
    static Decoded decode(String raw, boolean plusIsSpace) {
        if (raw.indexOf('%') < 0) {
            return new Decoded(plusIsSpace ? raw.replace('+', ' ') : raw, null);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%' && i + 2 < raw.length() && hex(raw.charAt(i + 1)) >= 0 && hex(raw.charAt(i + 2)) >= 0) {
                bytes.write(hex(raw.charAt(i + 1)) * 16 + hex(raw.charAt(i + 2)));
                i += 2;
            } else if (c == '+' && plusIsSpace) {
                bytes.write(' ');
            } else {
                byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(encoded, 0, encoded.length);
            }
        }
        byte[] all = bytes.toByteArray();
        String problem = Utf8Validator.problemIn(all, 0, all.length);
        if (problem != null) {
            return new Decoded(null, "is not valid UTF-8 once percent-decoded: " + problem);
        }
        return new Decoded(new String(all, StandardCharsets.UTF_8), null);
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }
}
