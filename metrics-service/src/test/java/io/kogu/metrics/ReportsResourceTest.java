package io.kogu.metrics;

import io.kogu.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static io.kogu.metrics.Fixtures.event;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/**
 * Period reports over a generated quarter (and the quarter before it) in a workspace of three channels: every
 * figure checked against the analytics endpoints it must agree with, the PDF read back with PDFBox.
 */
@QuarkusTest
class ReportsResourceTest {

    static final ZoneId TALLINN = ZoneId.of("Europe/Tallinn");
    static final String[] TYPES = {"like", "comment", "share", "reaction", "click", "save", "impression"};

    // One generated workspace for the class (made by the first test that runs, whichever it is); the tests only read.
    private static final Fixtures fx = new Fixtures();
    private static final UUID channelA = UUID.randomUUID();
    private static final UUID channelB = UUID.randomUUID();
    private static final UUID channelC = UUID.randomUUID();
    /** The quarter: 91 days in Tallinn ending at the start of yesterday, so that every day of it is over. */
    private static Instant to;
    private static Instant from;

    @BeforeEach
    void generateTwoQuartersOnce() {
        if (to == null) {
            generateTwoQuarters();
        }
    }

    private static void generateTwoQuarters() {
        LocalDate lastDay = LocalDate.now(TALLINN).minusDays(1);
        Instant quarterEnd = lastDay.atStartOfDay(TALLINN).toInstant();
        Instant quarterStart = lastDay.minusDays(91).atStartOfDay(TALLINN).toInstant();
        Instant to = quarterEnd;
        Instant from = quarterStart;
        Instant start = from.minus(91, ChronoUnit.DAYS);
        Random random = new Random(16);
        List<String> events = new ArrayList<>();
        int n = 0;
        UUID[] channels = {channelA, channelB, channelC};
        String[] networks = {"instagram", "x", "linkedin"};
        for (Instant at = start.plus(9, ChronoUnit.HOURS); at.isBefore(to); at = at.plus(38, ChronoUnit.HOURS)) {
            int c = n % 3;
            UUID publication = fx.publication(channels[c], networks[c], at,
                    "\"url\":\"https://social.example/" + networks[c] + "/post-" + n + "\",\"externalPostId\":\"post-" + n
                            + "\",\"campaign\":\"" + (n % 2 == 0 ? "autumn" : "evergreen") + "\",\"tags\":[\"t" + (n % 4) + "\"]");
            for (int k = 0; k < 6; k++) {
                Instant occurred = at.plus(1 + random.nextInt(96), ChronoUnit.HOURS);
                if (occurred.isAfter(Instant.now().minus(1, ChronoUnit.HOURS))) {
                    continue;
                }
                String type = TYPES[random.nextInt(TYPES.length)];
                int count = type.equals("impression") ? 200 + random.nextInt(2000) : 1 + random.nextInt(40);
                events.add(event("e-" + n + "-" + k, publication, type, occurred, count));
            }
            n++;
        }
        fx.post("[" + String.join(",", events) + "]");
        ReportsResourceTest.from = quarterStart;
        ReportsResourceTest.to = quarterEnd;
    }

    private String request(String extra) {
        return """
                {"from":"%s","to":"%s","timeZone":"Europe/Tallinn"%s}""".formatted(from, to, extra == null ? "" : "," + extra);
    }

    @Test
    void aQuarterAgreesFigureByFigureWithTheAnalyticsEndpoints() {
        JsonPath report = fx.as("viewer").header("Accept-Language", "en")
                .body(request("\"channelIds\":[\"" + channelA + "\",\"" + channelB + "\"]"))
                .post("/v1/reports").then().statusCode(200).header("Content-Language", "en").extract().jsonPath();

        long engagements = 0;
        long previousEngagements = 0;
        long impressions = 0;
        List<Map<String, Object>> published = new ArrayList<>();
        List<Long> buckets = null;
        for (UUID channel : List.of(channelA, channelB)) {
            JsonPath summaries = fx.as("viewer").queryParam("groupBy", "network").queryParam("channelId", channel)
                    .queryParam("from", from.toString()).queryParam("to", to.toString()).get("/v1/summaries").then()
                    .statusCode(200).extract().jsonPath();
            for (Map<String, Object> row : summaries.<Map<String, Object>>getList("rows")) {
                engagements += ((Number) row.get("engagements")).longValue();
                previousEngagements += ((Number) row.get("previousEngagements")).longValue();
                @SuppressWarnings("unchecked")
                Map<String, Number> totals = (Map<String, Number>) row.get("totals");
                impressions += totals.getOrDefault("impression", 0).longValue();
            }
            List<Map<String, Object>> top = fx.as("viewer").queryParam("channelId", channel).queryParam("limit", 100)
                    .queryParam("from", from.toString()).queryParam("to", to.toString()).get("/v1/top-publications")
                    .then().statusCode(200).extract().jsonPath().getList("items");
            assertThat(top).hasSizeLessThan(100);
            published.addAll(top);
            List<Long> series = fx.as("viewer").queryParam("interval", "day").queryParam("timeZone", "Europe/Tallinn")
                    .queryParam("channelId", channel).queryParam("from", from.toString()).queryParam("to", to.toString())
                    .get("/v1/time-series").then().statusCode(200).extract().jsonPath()
                    .getList("buckets.engagements", Long.class);
            if (buckets == null) {
                buckets = new ArrayList<>(series);
            } else {
                for (int i = 0; i < series.size(); i++) {
                    buckets.set(i, buckets.get(i) + series.get(i));
                }
            }
        }
        assertThat(engagements).isPositive();
        assertThat(report.getString("headline.find { it.key == 'engagements' }.label")).isEqualTo("Engagements");
        assertThat(report.getDouble("headline.find { it.key == 'engagements' }.value")).isEqualTo((double) engagements);
        assertThat(report.getDouble("headline.find { it.key == 'engagements' }.previous"))
                .isEqualTo((double) previousEngagements);
        assertThat(report.getDouble("headline.find { it.key == 'engagements' }.change")).isCloseTo(
                (engagements - previousEngagements) / (double) previousEngagements, withinPercentage(0.0001));
        assertThat(report.getDouble("headline.find { it.key == 'impressions' }.value")).isEqualTo((double) impressions);
        assertThat(report.getDouble("headline.find { it.key == 'published' }.value")).isEqualTo((double) published.size());
        assertThat(report.getDouble("headline.find { it.key == 'engagement_rate' }.value"))
                .isCloseTo(engagements / (double) impressions, withinPercentage(0.0001));
        assertThat(report.getDouble("headline.find { it.key == 'engagements_per_post' }.value"))
                .isCloseTo(engagements / (double) published.size(), withinPercentage(0.0001));
        assertThat(report.getString("headline.find { it.key == 'engagements' }.display"))
                .isEqualTo(NumberFormat.getIntegerInstance(Locale.ENGLISH).format(engagements));
        assertThat(report.getString("headline.find { it.key == 'engagement_rate' }.formula")).contains("impressions");

        // Top and bottom: the period's publications by engagements, as /v1/top-publications ranks them.
        published.sort(Comparator.comparing((Map<String, Object> p) -> ((Number) p.get("engagements")).longValue())
                .reversed().thenComparing(p -> (String) p.get("publicationId")));
        List<String> expectedTop = published.subList(0, 5).stream().map(p -> (String) p.get("publicationId")).toList();
        assertThat(report.getList("top.publicationId", String.class)).isEqualTo(expectedTop);
        List<String> expectedBottom = new ArrayList<>();
        for (int i = published.size() - 1; i >= published.size() - 5; i--) {
            expectedBottom.add((String) published.get(i).get("publicationId"));
        }
        assertThat(report.getList("bottom.publicationId", String.class)).isEqualTo(expectedBottom);
        assertThat(report.getString("top[0].url")).startsWith("https://social.example/");

        // Engagement over time: the sum of the channels' series, day by day in Tallinn.
        assertThat(report.getString("series.interval")).isEqualTo("day");
        assertThat(report.getList("series.buckets.engagements", Long.class)).isEqualTo(buckets);
        assertThat(report.getList("series.buckets")).hasSize(91);
        assertThat(report.getList("series.previousBuckets")).hasSize(91);
        assertThat(report.getList("series.previousBuckets.engagements", Long.class).stream().mapToLong(Long::longValue)
                .sum()).isEqualTo(previousEngagements);
        assertThat(report.getMap("engagementByType", String.class, Long.class).values().stream().mapToLong(Long::longValue)
                .sum()).isEqualTo(engagements);

        // Best time: for the channel with most engagement, as GET /v1/best-time has it.
        assertThat(report.getString("scope.description")).isEqualTo("2 channels");
        String bestChannel = report.getString("bestTime.scope").substring("Channel ".length(), "Channel ".length() + 8);
        UUID heatmapChannel = channelA.toString().startsWith(bestChannel) ? channelA : channelB;
        List<Double> slots = fx.as("viewer").queryParam("channelId", heatmapChannel).queryParam("timeZone", "Europe/Tallinn")
                .get("/v1/best-time").then().statusCode(200).extract().jsonPath()
                .getList("slots.expectedEngagements", Double.class);
        assertThat(report.getList("bestTime.heatmap.slots.expectedEngagements", Double.class)).isEqualTo(slots);
        assertThat(report.getList("bestTime.recommendations")).hasSize(5);
    }

    @Test
    void estonianLabelsAndNumbers() {
        JsonPath report = fx.as("viewer").header("Accept-Language", "et-EE,et;q=0.9,en;q=0.5")
                .body(request("\"campaign\":\"autumn\"")).post("/v1/reports").then().statusCode(200)
                .header("Content-Language", "et").extract().jsonPath();
        assertThat(report.getString("title")).isEqualTo("Kaasatuse aruanne");
        assertThat(report.getString("scope.description")).isEqualTo("Kõik kanalid · Kampaania: autumn");
        double rate = report.getDouble("headline.find { it.key == 'engagement_rate' }.value");
        assertThat(report.getString("headline.find { it.key == 'engagement_rate' }.display"))
                .isEqualTo(NumberFormat.getNumberInstance(Locale.forLanguageTag("et")).format(
                        Math.round(rate * 10000) / 100.0).replace('.', ',') + " %")
                .contains(",");
    }

    @Test
    void estonianPdf() throws IOException {
        JsonPath json = fx.as("viewer").header("Accept-Language", "et").body(request(null)).post("/v1/reports").then()
                .statusCode(200).extract().jsonPath();
        byte[] pdf = fx.as("viewer").accept("application/pdf").header("Accept-Language", "et").body(request(null))
                .post("/v1/reports").then().statusCode(200).header("Content-Language", "et").extract().asByteArray();
        try (PDDocument document = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(document);
            // (Chart labels are drawn as shapes by Batik, so only the page's own text is extracted.)
            assertThat(text).contains("Kaasatuse aruanne").contains("Põhinäitajad").contains("Parimad postitused")
                    .contains("Järgmised soovitatud ajad");
            for (String display : json.getList("headline.display", String.class)) {
                // PDFBox extracts the no-break space of Estonian thousands as a plain space.
                assertThat(text.replace('\u00a0', ' ')).contains(display.replace('\u00a0', ' '));
            }
            Path out = Path.of("target/reports");
            Files.createDirectories(out);
            ImageIO.write(new PDFRenderer(document).renderImageWithDPI(0, 100), "png",
                    out.resolve("report-et-page-1.png").toFile());
        }
    }

    @Test
    void htmlIsOneSelfContainedPage() {
        String html = fx.as("viewer").accept("text/html").body(request(null)).post("/v1/reports").then()
                .statusCode(200).contentType(startsWith("text/html")).extract().asString();
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<h1>Engagement report</h1>")
                .doesNotContain("<script").doesNotContain("<link").doesNotContain("src=");
        assertThat(html.split("<svg ", -1)).hasSize(1 + 3);
        assertThat(html).contains("<title id=\"series-title\">").contains("<desc id=\"besttime-desc\">")
                .contains("href=\"https://social.example/");
    }

    @Test
    void pdfOpensAndHoldsTheHeadlineFigures() throws IOException {
        JsonPath json = fx.as("viewer").body(request(null)).post("/v1/reports").then().statusCode(200).extract()
                .jsonPath();
        byte[] pdf = fx.as("viewer").accept("application/pdf").body(request(null)).post("/v1/reports").then()
                .statusCode(200).contentType("application/pdf").extract().asByteArray();
        assertThat(new String(pdf, 0, 5)).isEqualTo("%PDF-");
        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertThat(document.getNumberOfPages()).isBetween(2, 6);
            String text = new PDFTextStripper().getText(document);
            assertThat(text).contains("Engagement report").contains("Headline figures").contains("Top posts");
            for (String display : json.getList("headline.display", String.class)) {
                assertThat(text).contains(display);
            }
            // A picture of each page, to look at (target/reports/…png).
            Path out = Path.of("target/reports");
            Files.createDirectories(out);
            PDFRenderer renderer = new PDFRenderer(document);
            for (int page = 0; page < document.getNumberOfPages(); page++) {
                BufferedImage image = renderer.renderImageWithDPI(page, 100);
                ImageIO.write(image, "png", out.resolve("report-page-" + (page + 1) + ".png").toFile());
            }
        }
        Files.write(Path.of("target/reports/report.pdf"), pdf);
    }

    @Test
    void badRequestsAre400() {
        fx.badRequestAs("viewer").body("""
                {"from":"%s","to":"%s"}""".formatted(to, from)).post("/v1/reports").then().statusCode(400)
                .body("errors[0].field", equalTo("to"));
        fx.badRequestAs("viewer").body(request(null).replace("Europe/Tallinn", "Mars/Olympus")).post("/v1/reports")
                .then().statusCode(400).body("errors[0].field", equalTo("timeZone"));
        fx.badRequestAs("viewer").body(request("\"topCount\":0")).post("/v1/reports").then().statusCode(400);
        fx.badRequestAs("viewer").body("{\"from\":\"yesterday\"}").post("/v1/reports").then().statusCode(400);
    }

    @Test
    void withoutATokenIs401AndAnIntegrationMayNot() {
        given().filter(fx.contract.responsesOnly()).contentType(ContentType.JSON).body(request(null))
                .post("/v1/reports").then().statusCode(401);
        fx.as("integration").body(request(null)).post("/v1/reports").then().statusCode(403);
    }

    @Test
    void anotherWorkspacesChannelIs404() {
        Fixtures other = new Fixtures();
        UUID theirs = UUID.randomUUID();
        other.publication(theirs, "x", from.plus(1, ChronoUnit.DAYS), null);
        other.as("viewer").body(request("\"channelIds\":[\"" + theirs + "\"]")).post("/v1/reports").then()
                .statusCode(200);
        fx.as("viewer").body(request("\"channelIds\":[\"" + theirs + "\"]")).post("/v1/reports").then()
                .statusCode(404);
        assertThat(TestTokens.newWorkspace()).isNotEqualTo(fx.workspace);
    }

    @Test
    void aSegmentReportNeedsAudienceService() {
        // The tests run no audience-service: the segment breakdown cannot be computed, which is a 503.
        fx.as("viewer").body(request("\"segmentId\":\"" + UUID.randomUUID() + "\"")).post("/v1/reports").then()
                .statusCode(503);
    }

    static Instant utc(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
