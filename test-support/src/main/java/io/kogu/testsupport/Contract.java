package io.kogu.testsupport;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.restassured.OpenApiValidationFilter;

import java.net.URL;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Validates RestAssured calls against a service's OpenAPI document, so that code and contract cannot
 * drift. {@link #full()} checks request and response; {@link #responsesOnly()} is for tests that send a bad
 * request on purpose (no token, a malformed body) and check that the answer is still as documented.
 */
public final class Contract {

    /**
     * One per document for the whole run: JUnit makes a test instance per method, and parsing a document each
     * time would cost more than the calls it checks.
     */
    private static final Map<String, Contract> BY_LOCATION = new ConcurrentHashMap<>();

    private final String location;
    private OpenApiValidationFilter full;
    private OpenApiValidationFilter responsesOnly;

    private Contract(String location) {
        this.location = location;
    }

    /** The document this service serves, from its classpath (META-INF/contract/openapi.yaml). */
    public static Contract ofThisService() {
        URL document = Thread.currentThread().getContextClassLoader().getResource("META-INF/contract/openapi.yaml");
        if (document == null) {
            throw new IllegalStateException("META-INF/contract/openapi.yaml is not on the classpath: is this a Kogu service?");
        }
        return at(document.toString());
    }

    /** A document in contract/openapi, for tests that call another service. */
    public static Contract ofDocument(Path document) {
        return at(document.toUri().toString());
    }

    private static Contract at(String location) {
        return BY_LOCATION.computeIfAbsent(location, Contract::new);
    }

    public synchronized OpenApiValidationFilter full() {
        if (full == null) {
            full = new OpenApiValidationFilter(OpenApiInteractionValidator.createForSpecificationUrl(location).build());
        }
        return full;
    }

    public synchronized OpenApiValidationFilter responsesOnly() {
        if (responsesOnly == null) {
            responsesOnly = new OpenApiValidationFilter(OpenApiInteractionValidator.createForSpecificationUrl(location)
                    .withLevelResolver(LevelResolver.create()
                            .withLevel("validation.request", ValidationReport.Level.IGNORE)
                            .build())
                    .build());
        }
        return responsesOnly;
    }
}
