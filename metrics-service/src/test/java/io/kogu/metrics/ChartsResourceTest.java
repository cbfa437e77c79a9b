package io.kogu.metrics;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static io.kogu.metrics.Fixtures.event;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;

/** Charts through HTTP: SVG and PNG of time series and the heatmap, labelled in the caller's language. */
@QuarkusTest
class ChartsResourceTest {

    private final Fixtures fx = new Fixtures();

    @Test
    void timeSeriesAsPngWithThePreviousPeriod() throws IOException {
        UUID channel = UUID.randomUUID();
        Instant to = Instant.now().truncatedTo(ChronoUnit.DAYS).plus(1, ChronoUnit.DAYS);
        Instant from = to.minus(14, ChronoUnit.DAYS);
        UUID publication = fx.publication(channel, "x", from.minus(20, ChronoUnit.DAYS), null);
        fx.post("[" + event("p1", publication, "like", from.minus(3, ChronoUnit.DAYS), 7) + ","
                + event("c1", publication, "like", from.plus(2, ChronoUnit.DAYS), 12) + ","
                + event("c2", publication, "comment", Instant.now().minus(1, ChronoUnit.MINUTES), 4) + "]");

        fx.as("viewer").queryParam("interval", "day").queryParam("from", from.toString()).queryParam("to", to.toString())
                .queryParam("compare", true).get("/v1/time-series").then().statusCode(200)
                .body("previousBuckets.size()", org.hamcrest.Matchers.equalTo(14))
                .body("previousBuckets[11].engagements", org.hamcrest.Matchers.equalTo(7));
        fx.as("viewer").accept("image/svg+xml").header("Accept-Language", "et").queryParam("interval", "day")
                .queryParam("channelId", channel).queryParam("from", from.toString()).queryParam("to", to.toString())
                .queryParam("compare", true).queryParam("chart", "bar").get("/v1/time-series").then().statusCode(200)
                .contentType(startsWith("image/svg+xml"))
                .body(containsString("Kaasatus päevade kaupa"))
                .body(containsString("Kanal " + channel.toString().substring(0, 8)))
                .body(containsString("Eelmine periood"))
                .body(containsString("pooleli"));
        byte[] png = fx.as("viewer").accept("image/png").queryParam("interval", "day").queryParam("chart", "stacked")
                .queryParam("from", from.toString()).queryParam("to", to.toString()).get("/v1/time-series").then()
                .statusCode(200).contentType("image/png").extract().asByteArray();
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image.getWidth()).isEqualTo(1600);
        Files.createDirectories(Path.of("target/reports"));
        Files.write(Path.of("target/reports/time-series.png"), png);
    }

    @Test
    void heatmapAsPng() throws IOException {
        UUID channel = UUID.randomUUID();
        fx.publication(channel, "x", Instant.now().minus(3, ChronoUnit.DAYS), null);
        byte[] png = fx.as("viewer").accept("image/png").queryParam("channelId", channel)
                .queryParam("timeZone", "Europe/Tallinn").get("/v1/best-time").then().statusCode(200)
                .contentType("image/png").extract().asByteArray();
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image.getWidth()).isEqualTo(1616);
        Files.createDirectories(Path.of("target/reports"));
        Files.write(Path.of("target/reports/heatmap.png"), png);
    }

    /** A chart asked for with a bad parameter, without a token or by a role that may not read is a problem, not a picture. */
    @Test
    void chartRequestsThatFailAnswerProblemDetails() {
        Instant to = Instant.now().truncatedTo(ChronoUnit.DAYS);
        Instant from = to.minus(7, ChronoUnit.DAYS);
        for (String accept : new String[] {"image/png", "image/svg+xml"}) {
            fx.badRequestAs("viewer").accept(accept).queryParam("interval", "day").queryParam("from", from.toString())
                    .queryParam("to", to.toString()).queryParam("chart", "pie").get("/v1/time-series").then()
                    .statusCode(400).contentType(startsWith("application/problem+json"));
            fx.badRequestAs("viewer").accept(accept).queryParam("interval", "day").queryParam("from", to.toString())
                    .queryParam("to", from.toString()).get("/v1/time-series").then().statusCode(400)
                    .contentType(startsWith("application/problem+json"));
            fx.badRequestAs("viewer").accept(accept).queryParam("timeZone", "Mars/Olympus").get("/v1/best-time").then()
                    .statusCode(400).contentType(startsWith("application/problem+json"));
            given().filter(fx.contract.responsesOnly()).accept(accept).queryParam("interval", "day")
                    .queryParam("from", from.toString()).queryParam("to", to.toString()).get("/v1/time-series").then()
                    .statusCode(401).contentType(startsWith("application/problem+json"));
            given().filter(fx.contract.responsesOnly()).accept(accept).get("/v1/best-time").then().statusCode(401)
                    .contentType(startsWith("application/problem+json"));
            fx.badRequestAs("integration").accept(accept).queryParam("interval", "day").queryParam("from", from.toString())
                    .queryParam("to", to.toString()).get("/v1/time-series").then().statusCode(403)
                    .contentType(startsWith("application/problem+json"));
            fx.badRequestAs("integration").accept(accept).get("/v1/best-time").then().statusCode(403)
                    .contentType(startsWith("application/problem+json"));
        }
    }
}
