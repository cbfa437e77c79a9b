package io.kogu.metrics;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static io.kogu.metrics.Fixtures.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.startsWith;

/** A CSV answer never hands a spreadsheet a formula (platform CsvCells): a campaign named "-2+3" stays text. */
@QuarkusTest
class CsvInjectionTest {

    private final Fixtures fx = new Fixtures();

    @Test
    void aCampaignThatLooksLikeAFormulaStaysTextInTheCsvSummary() {
        Instant from = Instant.now().minus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
        UUID publication = fx.publication(UUID.randomUUID(), "x", from, "\"campaign\":\"-2+3\"");
        fx.post(event("csv-1", publication, "like", from.plus(1, ChronoUnit.HOURS), 5));
        String csv = fx.as("viewer").accept("text/csv").queryParam("groupBy", "campaign")
                .queryParam("from", from.toString()).queryParam("to", Instant.now().toString()).get("/v1/summaries")
                .then().statusCode(200).contentType(startsWith("text/csv")).extract().asString();
        List<String> lines = csv.lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(1)).startsWith("\"'-2+3\",1,5,");
    }
}
