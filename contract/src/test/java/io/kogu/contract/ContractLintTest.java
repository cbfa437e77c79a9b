package io.kogu.contract;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spectral with {@code contract/.spectral.yaml}: the three documents have no error, and every rule of Kogu's
 * vocabulary finds the mistake it is there for (so a rule that silently stopped matching fails this test).
 */
class ContractLintTest {

    private static final Path RULESET = Path.of(".spectral.yaml");

    @Test
    void theThreeDocumentsHaveNoErrors() {
        Spectral.Run run = Spectral.lint(RULESET, List.of(Path.of("openapi/content-service.yaml"),
                Path.of("openapi/audience-service.yaml"), Path.of("openapi/metrics-service.yaml")));
        System.out.println(run.output());
        assertThat(run.exitCode()).as("spectral lint found errors:%n%s", run.output()).isZero();
    }

    @Test
    void everyVocabularyRuleFindsItsMistake() {
        Spectral.Run run = Spectral.lint(RULESET, List.of(Path.of("src/test/resources/lint/off-vocabulary.yaml")));
        assertThat(run.exitCode()).as(run.output()).isNotZero();
        assertThat(run.output()).contains("kogu-query-parameter-camel-case", "kogu-property-camel-case",
                "kogu-time-zone-name", "kogu-time-zone-property", "kogu-id-query-parameter", "kogu-time-range-format",
                "kogu-instant-fields", "kogu-export-format-parameter");
    }
}
