package io.kogu.metrics;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static io.kogu.metrics.Fixtures.event;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
class AnalyticsResourceTest {

    private final Fixtures fx = new Fixtures();
    private final Instant to = Instant.now().truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS);
    private final Instant from = to.minus(1, ChronoUnit.DAYS);

    @Test
    void summariesPerChannelCompareWithThePreviousPeriod() {
        UUID channelA = UUID.randomUUID();
        UUID channelB = UUID.randomUUID();
        UUID a = fx.publication(channelA, "x", from.minus(2, ChronoUnit.DAYS), "\"campaign\":\"spring\",\"tags\":[\"launch\",\"eu\"]");
        UUID b = fx.publication(channelB, "linkedin", from.minus(2, ChronoUnit.DAYS), "\"tags\":[\"eu\"]");
        Instant now = from.plus(2, ChronoUnit.HOURS);
        Instant before = from.minus(3, ChronoUnit.HOURS);
        fx.post("[" + event("a1", a, "like", now, 10) + "," + event("a2", a, "impression", now, 200) + ","
                + event("a0", a, "like", before, 5) + "," + event("b1", b, "comment", now, 3) + "]");

        fx.as("viewer").queryParam("groupBy", "channel").queryParam("from", from.toString()).queryParam("to", to.toString())
                .get("/v1/summaries").then().statusCode(200)
                .body("rows", hasSize(2))
                .body("rows[0].key", equalTo(channelA.toString())).body("rows[0].engagements", equalTo(10))
                .body("rows[0].previousEngagements", equalTo(5)).body("rows[0].engagementsChange", equalTo(1.0f))
                .body("rows[0].engagementRate.basis", equalTo("impressions"))
                .body("rows[0].engagementRate.value", equalTo(0.05f)).body("rows[0].publications", equalTo(1))
                .body("rows[1].key", equalTo(channelB.toString())).body("rows[1].engagements", equalTo(3));
        fx.as("viewer").queryParam("groupBy", "tag").queryParam("from", from.toString()).queryParam("to", to.toString())
                .get("/v1/summaries").then().statusCode(200)
                .body("rows.find { it.key == 'eu' }.engagements", equalTo(13))
                .body("rows.find { it.key == 'launch' }.engagements", equalTo(10));
        fx.as("viewer").queryParam("groupBy", "campaign").queryParam("from", from.toString())
                .queryParam("to", to.toString()).get("/v1/summaries").then()
                .body("rows", hasSize(1)).body("rows[0].key", equalTo("spring"));
        fx.as("viewer").queryParam("groupBy", "network").queryParam("network", "linkedin")
                .queryParam("from", from.toString()).queryParam("to", to.toString()).get("/v1/summaries").then()
                .body("rows", hasSize(1)).body("rows[0].key", equalTo("linkedin"));
    }

    @Test
    void summariesOverDaysAddWholeDaysAndTheHoursAtTheEdges() {
        UUID channel = UUID.randomUUID();
        Instant today = Instant.now().truncatedTo(ChronoUnit.DAYS);
        Instant periodStart = today.minus(3, ChronoUnit.DAYS).plus(12, ChronoUnit.HOURS);
        UUID p = fx.publication(channel, "x", today.minus(10, ChronoUnit.DAYS), null);
        fx.post("[" + event("edge-start", p, "like", today.minus(3, ChronoUnit.DAYS).plus(18, ChronoUnit.HOURS), 1) + ","
                + event("before-start", p, "like", today.minus(3, ChronoUnit.DAYS).plus(6, ChronoUnit.HOURS), 1000) + ","
                + event("whole-day", p, "like", today.minus(2, ChronoUnit.DAYS).plus(10, ChronoUnit.HOURS), 10) + ","
                + event("edge-end", p, "like", Instant.now().minus(1, ChronoUnit.HOURS), 100) + ","
                + event("previous-day", p, "like", today.minus(5, ChronoUnit.DAYS).plus(10, ChronoUnit.HOURS), 7) + "]");
        fx.as("viewer").queryParam("groupBy", "channel").queryParam("from", periodStart.toString())
                .queryParam("to", to.toString()).get("/v1/summaries").then().statusCode(200)
                .body("rows[0].engagements", equalTo(111)).body("rows[0].previousEngagements", equalTo(1007));
    }

    @Test
    void summariesAreAlsoCsv() {
        UUID channel = UUID.randomUUID();
        UUID a = fx.publication(channel, "x", Instant.now().minusSeconds(86_400), "\"channelName\":\"Acme on X\"");
        fx.post(event("a1", a, "share", from.plus(1, ChronoUnit.HOURS), 7));
        String csv = fx.as("viewer").accept("text/csv").queryParam("groupBy", "channel")
                .queryParam("from", from.toString()).queryParam("to", to.toString()).get("/v1/summaries").then()
                .statusCode(200).contentType(startsWith("text/csv")).extract().asString();
        List<String> lines = csv.lines().toList();
        org.assertj.core.api.Assertions.assertThat(lines.get(0))
                .as("the JSON names, nested ones by their path").isEqualTo("key,channelName,publications,engagements,"
                        + "previousEngagements,engagementsChange,engagementRate.basis,engagementRate.value,totals.share");
        org.assertj.core.api.Assertions.assertThat(lines.get(1)).isEqualTo(channel + ",Acme on X,1,7,0,,impressions,,7");
    }

    @Test
    void daysInTallinnHave23And25HoursWhereDaylightSavingChanges() {
        fx.as("viewer").queryParam("interval", "day").queryParam("timeZone", "Europe/Tallinn")
                .queryParam("from", "2026-03-28T00:00:00+02:00").queryParam("to", "2026-03-31T00:00:00+03:00")
                .get("/v1/time-series").then().statusCode(200)
                .body("timeZone", equalTo("Europe/Tallinn"))
                .body("buckets.hours", equalTo(List.of(24, 23, 24)))
                .body("buckets[1].start", equalTo("2026-03-29T00:00:00+02:00"))
                .body("buckets[1].end", equalTo("2026-03-30T00:00:00+03:00"));
        fx.as("viewer").queryParam("interval", "day").queryParam("timeZone", "Europe/Tallinn")
                .queryParam("from", "2026-10-24T00:00:00+03:00").queryParam("to", "2026-10-27T00:00:00+02:00")
                .get("/v1/time-series").then().statusCode(200)
                .body("buckets.hours", equalTo(List.of(24, 25, 24)));
    }

    @Test
    void aTimeSeriesPutsEventsInTheLocalDay() {
        UUID p = fx.publication(UUID.randomUUID());
        Instant at = from.plus(3, ChronoUnit.HOURS);
        fx.post("[" + event("e1", p, "like", at, 2) + "," + event("e2", p, "like", at.plus(1, ChronoUnit.HOURS), 3) + "]");
        fx.as("viewer").queryParam("interval", "hour").queryParam("from", from.toString()).queryParam("to", to.toString())
                .queryParam("publicationId", p).get("/v1/time-series").then().statusCode(200)
                .body("buckets", hasSize(24)).body("buckets[3].engagements", equalTo(2))
                .body("buckets[4].totals.like", equalTo(3));
        fx.as("viewer").queryParam("interval", "week").queryParam("timeZone", "Europe/Tallinn")
                .queryParam("from", from.toString()).queryParam("to", to.toString()).get("/v1/time-series").then()
                .body("buckets.engagements.sum()", equalTo(5));
    }

    @Test
    void aTimeSeriesIsAlsoCsvAndSvg() {
        UUID p = fx.publication(UUID.randomUUID());
        fx.post(event("e1", p, "like", from.plus(1, ChronoUnit.HOURS), 2));
        fx.as("viewer").accept("text/csv").queryParam("interval", "hour").queryParam("from", from.toString())
                .queryParam("to", to.toString()).get("/v1/time-series").then().statusCode(200)
                .body(startsWith("start,end,hours,engagements,totals.like\r\n"));
        fx.as("viewer").accept("image/svg+xml").queryParam("interval", "hour").queryParam("from", from.toString())
                .queryParam("to", to.toString()).get("/v1/time-series").then().statusCode(200)
                .contentType(startsWith("image/svg+xml")).body(startsWith("<svg")).body(containsString("<rect"));
    }

    @Test
    void topPublicationsByEngagementsAndByRate() {
        UUID channel = UUID.randomUUID();
        UUID many = fx.publication(channel, "x", from.plus(1, ChronoUnit.HOURS), null);
        UUID efficient = fx.publication(channel, "x", from.plus(2, ChronoUnit.HOURS), null);
        Instant at = from.plus(3, ChronoUnit.HOURS);
        fx.post("[" + event("m1", many, "like", at, 50) + "," + event("m2", many, "impression", at, 10000) + ","
                + event("e1", efficient, "like", at, 20) + "," + event("e2", efficient, "impression", at, 100) + "]");
        fx.as("viewer").queryParam("from", from.toString()).queryParam("to", to.toString())
                .get("/v1/top-publications").then().statusCode(200).body("by", equalTo("engagements"))
                .body("items.publicationId", equalTo(List.of(many.toString(), efficient.toString())));
        fx.as("viewer").queryParam("from", from.toString()).queryParam("to", to.toString())
                .queryParam("by", "engagement_rate").queryParam("limit", 1).get("/v1/top-publications").then()
                .body("items", hasSize(1)).body("items[0].publicationId", equalTo(efficient.toString()))
                .body("items[0].engagementRate.value", equalTo(0.2f));
    }

    @Test
    void badZonesAndPeriodsAre400() {
        fx.as("viewer").queryParam("interval", "day").queryParam("timeZone", "Mars/Olympus").queryParam("from", from.toString())
                .queryParam("to", to.toString()).get("/v1/time-series").then().statusCode(400)
                .body("errors[0].field", equalTo("timeZone"));
        fx.as("viewer").queryParam("groupBy", "channel").queryParam("from", to.toString()).queryParam("to", from.toString())
                .get("/v1/summaries").then().statusCode(400).body("errors[0].field", equalTo("to"));
        fx.badRequestAs("viewer").queryParam("groupBy", "colour").queryParam("from", from.toString())
                .queryParam("to", to.toString()).get("/v1/summaries").then().statusCode(400);
        fx.badRequestAs("viewer").queryParam("from", from.toString()).get("/v1/top-publications").then().statusCode(400);
    }

    @Test
    void anIntegrationCannotReadAnalytics() {
        fx.as("integration").queryParam("groupBy", "channel").queryParam("from", from.toString())
                .queryParam("to", to.toString()).get("/v1/summaries").then().statusCode(403);
        fx.as("integration").queryParam("interval", "day").queryParam("from", from.toString())
                .queryParam("to", to.toString()).get("/v1/time-series").then().statusCode(403);
        fx.as("integration").queryParam("from", from.toString()).queryParam("to", to.toString())
                .get("/v1/top-publications").then().statusCode(403);
    }

    @Test
    void anotherWorkspacesPublicationSeriesIsA404AndItsDataIsNotSeen() {
        Fixtures other = new Fixtures();
        UUID theirs = other.publication(UUID.randomUUID());
        other.post(event("t1", theirs, "like", from.plus(1, ChronoUnit.HOURS), 9));
        fx.as("viewer").queryParam("interval", "day").queryParam("from", from.toString()).queryParam("to", to.toString())
                .queryParam("publicationId", theirs).get("/v1/time-series").then().statusCode(404);
        fx.as("viewer").queryParam("groupBy", "network").queryParam("from", from.toString())
                .queryParam("to", to.toString()).get("/v1/summaries").then().body("rows", hasSize(0));
    }
}
