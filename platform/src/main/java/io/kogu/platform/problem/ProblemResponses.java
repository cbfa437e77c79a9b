package io.kogu.platform.problem;

import io.kogu.platform.web.RequestIds;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;

import java.util.List;

/** Builds problem-details responses carrying the request's path and id. */
@ApplicationScoped
public class ProblemResponses {

    @Inject
    CurrentVertxRequest currentRequest;

    public Response of(ProblemType type, String detail) {
        return of(type, detail, List.of());
    }

    public Response of(ProblemType type, String detail, List<FieldError> errors) {
        RoutingContext context = currentRequest.getCurrent();
        Problem problem = of(context, type, detail, errors);
        Response.ResponseBuilder response = Response.status(type.status()).type(Problem.MEDIA_TYPE).entity(problem);
        if (type == ProblemType.UNAUTHORIZED) {
            response.header("WWW-Authenticate", "Bearer");
        }
        return response.build();
    }

    /** The problem for a request, also for routes outside JAX-RS (unknown paths). */
    public static Problem of(RoutingContext context, ProblemType type, String detail, List<FieldError> errors) {
        String path = context == null ? null : context.request().path();
        String requestId = context == null ? null : RequestIds.of(context);
        return new Problem(type.uri(), type.title(), type.status(), detail, path, requestId, errors);
    }
}
