package io.kogu.platform.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.kogu.platform.problem.Problem;
import io.kogu.platform.problem.ProblemResponses;
import io.kogu.platform.problem.ProblemType;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Serves the service's contract at {@code /q/openapi}: the document the build bundled from {@code contract/}
 * ({@link #RESOURCE}), byte for byte as YAML, or as JSON for {@code ?format=json}, {@code Accept: application/json}
 * or {@code /q/openapi.json} (the negotiation of the SmallRye OpenAPI extension, whose Swagger UI reads it).
 * <p>
 * Why not through the extension: it would parse the document into its model and write it out again as JSON and
 * YAML at every start (0.5–0.7 s of a service's start for documents of 200–450 KB), only to serve what the contract
 * already is. The bundled document is therefore not at {@code META-INF/openapi.yaml}, where the extension looks;
 * the extension keeps an empty document of its own, which this route, ordered first, hides. The JSON is made from
 * the YAML on the first request that asks for it.
 */
@ApplicationScoped
public class ContractDocument {

    /** Where the build puts the bundled document (parent pom, execution {@code served-document}). */
    public static final String RESOURCE = "META-INF/contract/openapi.yaml";

    static final String PATH = "/q/openapi";

    private volatile byte[] yaml;
    private volatile byte[] json;

    void install(@Observes Router router) {
        // After RequestIds, HttpEdges and Quarkus's CORS filter, before the extension's own route at the same path.
        router.routeWithRegex("\\Q" + PATH + "\\E(\\.json|\\.yaml|\\.yml)?").order(-1).blockingHandler(this::serve);
    }

    private void serve(RoutingContext context) {
        HttpMethod method = context.request().method();
        if (method == HttpMethod.OPTIONS) {
            context.response().putHeader("Allow", "GET, HEAD, OPTIONS").setStatusCode(204).end();
            return;
        }
        if (method != HttpMethod.GET && method != HttpMethod.HEAD) {
            Problem problem = ProblemResponses.of(context, ProblemType.METHOD_NOT_ALLOWED,
                    method.name() + " is not allowed on the contract document; use GET", List.of());
            context.response().setStatusCode(405).putHeader("Allow", "GET, HEAD, OPTIONS")
                    .putHeader("Content-Type", Problem.MEDIA_TYPE).end(Json.encode(problem));
            return;
        }
        boolean asJson = wantsJson(context);
        byte[] document = asJson ? json() : yaml();
        context.response()
                .putHeader("Content-Type", (asJson ? "application/json" : "application/yaml") + ";charset=UTF-8")
                .putHeader("Cache-Control", "no-cache")
                .end(Buffer.buffer(document));
    }

    static boolean wantsJson(RoutingContext context) {
        String path = context.normalizedPath();
        if (path.endsWith(".json")) {
            return true;
        }
        if (path.endsWith(".yaml") || path.endsWith(".yml")) {
            return false;
        }
        String accept = context.request().getHeader("Accept");
        String format = context.request().getParam("format");
        return (accept != null && accept.contains("application/json")) || "json".equalsIgnoreCase(format);
    }

    byte[] yaml() {
        byte[] document = yaml;
        if (document == null) {
            try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException(RESOURCE + " is not on the classpath: the build bundles it "
                            + "(parent pom, execution served-document)");
                }
                document = in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            yaml = document;
        }
        return document;
    }

    byte[] json() {
        byte[] document = json;
        if (document == null) {
            try {
                document = new ObjectMapper().writeValueAsBytes(new YAMLMapper().readTree(yaml()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            json = document;
        }
        return document;
    }
}
