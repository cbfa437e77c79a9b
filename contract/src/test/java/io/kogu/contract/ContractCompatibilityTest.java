package io.kogu.contract;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openapitools.openapidiff.core.OpenApiCompare;
import org.openapitools.openapidiff.core.model.ChangedOpenApi;
import org.openapitools.openapidiff.core.output.MarkdownRender;

import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No breaking change against the released documents in {@code contract/released/} (openapi-diff): a removed
 * endpoint, parameter or response field, a new required request field, a narrowed enum… fail the build. A
 * deliberate break means a new major version (see contract/README.md, "Releases").
 */
class ContractCompatibilityTest {

    private static final Path RELEASED = Path.of("released");
    private static final Path CURRENT = Path.of("openapi");

    @ParameterizedTest
    @ValueSource(strings = {"content-service.yaml", "audience-service.yaml", "metrics-service.yaml"})
    void noBreakingChangeSinceTheReleasedDocument(String document) {
        assertThat(RELEASED.resolve(document)).as("the released baseline").exists();
        ChangedOpenApi diff = OpenApiCompare.fromLocations(location(RELEASED.resolve(document)),
                location(CURRENT.resolve(document)));
        assertThat(diff.isIncompatible()).as("breaking changes in %s since the released document:%n%s", document,
                markdown(diff)).isFalse();
    }

    @Test
    void aRemovedResponseFieldIsCaught() {
        OpenAPI released = parse(RELEASED.resolve("content-service.yaml"));
        OpenAPI changed = parse(RELEASED.resolve("content-service.yaml"));
        Schema<?> channel = changed.getComponents().getSchemas().get("Channel");
        assertThat(channel.getProperties()).containsKey("handle");
        channel.getProperties().remove("handle");
        if (channel.getRequired() != null) {
            channel.setRequired(new ArrayList<>(channel.getRequired().stream().filter(name -> !name.equals("handle")).toList()));
        }
        ChangedOpenApi diff = OpenApiCompare.fromSpecifications(released, changed);
        assertThat(diff.isIncompatible()).as(markdown(diff)).isTrue();
        assertThat(markdown(diff)).contains("handle");
    }

    @Test
    void aRenamedQueryParameterIsCaught() {
        OpenAPI released = parse(RELEASED.resolve("content-service.yaml"));
        OpenAPI changed = parse(RELEASED.resolve("content-service.yaml"));
        changed.getPaths().get("/v1/drafts").getGet().getParameters().stream()
                .filter(parameter -> "channelId".equals(parameter.getName())).findFirst().orElseThrow()
                .setName("channelIdentifier");
        assertThat(OpenApiCompare.fromSpecifications(released, changed).isIncompatible()).isTrue();
    }

    @Test
    void anAddedOptionalResponseFieldIsCompatible() {
        OpenAPI released = parse(RELEASED.resolve("content-service.yaml"));
        OpenAPI changed = parse(RELEASED.resolve("content-service.yaml"));
        @SuppressWarnings("unchecked")
        Schema<Object> channel = (Schema<Object>) changed.getComponents().getSchemas().get("Channel");
        channel.addProperty("nickname", new io.swagger.v3.oas.models.media.StringSchema());
        assertThat(OpenApiCompare.fromSpecifications(released, changed).isIncompatible()).isFalse();
    }

    private static String location(Path document) {
        return document.toAbsolutePath().toUri().toString();
    }

    private static OpenAPI parse(Path document) {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        OpenAPI api = new OpenAPIV3Parser().read(location(document), null, options);
        assertThat(api).as("%s parses", document).isNotNull();
        return api;
    }

    private static String markdown(ChangedOpenApi diff) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStreamWriter writer = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
            new MarkdownRender().render(diff, writer);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

}
