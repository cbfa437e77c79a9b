package io.kogu.platform.web;

import io.kogu.platform.problem.Problem;
import io.kogu.platform.problem.ProblemResponses;
import io.kogu.platform.problem.ProblemType;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.MDC;

import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Gives every request an id, taken from the caller's {@code X-Request-Id} when it is sane, answered in the
 * response header, put into the log context and into problem details. Also answers unknown paths with a
 * problem instead of the default page.
 */
@ApplicationScoped
public class RequestIds {

    public static final String HEADER = "X-Request-Id";
    private static final String KEY = "kogu.requestId";
    /** The log context key of the request id (in every log line, and forwarded on calls to other services). */
    public static final String MDC_KEY = "requestId";
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,100}");

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(context -> {
            String requestId = fromCaller(context.request().getHeader(HEADER));
            context.put(KEY, requestId);
            context.response().putHeader(HEADER, requestId);
            MDC.put(MDC_KEY, requestId);
            context.next();
        });
        router.route().last().handler(context -> {
            Problem problem = ProblemResponses.of(context, ProblemType.NOT_FOUND, "Nothing lives at this path", List.of());
            context.response().setStatusCode(404).putHeader("Content-Type", Problem.MEDIA_TYPE).end(Json.encode(problem));
        });
    }

    /** The id of the request the context belongs to. */
    public static String of(RoutingContext context) {
        String id = context.get(KEY);
        return id != null ? id : context.response().headers().get(HEADER);
    }

    private static String fromCaller(String header) {
        return header != null && SANE.matcher(header).matches() ? header : UUID.randomUUID().toString();
    }
}
