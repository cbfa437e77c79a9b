package io.kogu.metrics.chart;

import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Every chart kind on fixed data against its golden files in src/test/resources/golden/charts: the SVG byte for
 * byte, the PNG pixel by pixel with a tolerance (anti-aliasing may differ slightly between JDK builds).
 * A missing golden file is written and the test fails, so that a person looks at it before it is committed; run
 * with {@code -Dkogu.golden.update=true} to rewrite them all after a deliberate change.
 */
class ChartsGoldenTest {

    static final Path GOLDEN = Path.of("src/test/resources/golden/charts");
    static final Texts EN = Texts.of(Texts.ENGLISH);
    static final Texts ET = Texts.of(Texts.ESTONIAN);
    static final String FILTER = "Channel 6f1c…e2 · Network: instagram · Campaign: autumn-sale";

    @Test
    void lineWithPreviousPeriodAndPartialDay() throws IOException {
        golden("series-line", TimeCharts.series(EN, "c1", TimeCharts.Kind.LINE, FILTER, ChartData.october()));
    }

    @Test
    void barsWithPreviousPeriodAndPartialDay() throws IOException {
        golden("series-bar", TimeCharts.series(EN, "c2", TimeCharts.Kind.BAR, FILTER, ChartData.october()));
    }

    @Test
    void hourlyLineInEstonian() throws IOException {
        golden("series-hour-et", TimeCharts.series(ET, "c3", TimeCharts.Kind.LINE, "Kõik kanalid", ChartData.hours()));
    }

    @Test
    void stackedByType() throws IOException {
        golden("stacked", TimeCharts.stacked(EN, "c4", FILTER, ChartData.october()));
    }

    @Test
    void heatmapWithLegendNoDataAndRecommendations() throws IOException {
        golden("heatmap", HeatmapChart.render(EN, "c5", FILTER, ChartData.heatmap(), ChartData.recommended()));
    }

    @Test
    void heatmapInEstonian() throws IOException {
        golden("heatmap-et", HeatmapChart.render(ET, "c6", "Võrgustik: instagram", ChartData.heatmap(),
                ChartData.recommended()));
    }

    @Test
    void segmentBreakdown() throws IOException {
        golden("segment", SegmentChart.render(EN, "c7", "Segment Newsletter readers", 1840, 960, 2210));
    }

    @Test
    void ticksAreOneTwoFiveSteps() {
        assertThat(Ticks.of(437, 5, true)).isEqualTo(new Ticks(500, 100));
        assertThat(Ticks.of(12, 5, true)).isEqualTo(new Ticks(12, 2));
        assertThat(Ticks.of(3, 5, true)).isEqualTo(new Ticks(3, 1));
        assertThat(Ticks.of(0.37, 5, false)).isEqualTo(new Ticks(0.4, 0.1));
        assertThat(Ticks.of(26_000, 5, true)).isEqualTo(new Ticks(30_000, 5_000));
        assertThat(Ticks.of(0, 5, true)).isEqualTo(new Ticks(5, 1));
    }

    static void golden(String name, String svg) throws IOException {
        assertThat(svg).startsWith("<svg").contains("<title id=").contains("<desc id=").endsWith("</svg>\n");
        byte[] png = Png.of(svg);
        Path svgFile = GOLDEN.resolve(name + ".svg");
        Path pngFile = GOLDEN.resolve(name + ".png");
        boolean update = Boolean.getBoolean("kogu.golden.update");
        if (update || !Files.exists(svgFile) || !Files.exists(pngFile)) {
            Files.createDirectories(GOLDEN);
            Files.writeString(svgFile, svg);
            Files.write(pngFile, png);
            if (!update) {
                fail("golden files for " + name + " were missing and have been written: look at them, then commit");
            }
            return;
        }
        assertThat(svg).as(name + ".svg").isEqualTo(Files.readString(svgFile, StandardCharsets.UTF_8));
        assertSimilar(name, ImageIO.read(new ByteArrayInputStream(png)), ImageIO.read(pngFile.toFile()));
    }

    /** Same size; at most 0.5% of the pixels differ by more than 64 in a channel. */
    static void assertSimilar(String name, BufferedImage actual, BufferedImage expected) {
        assertThat(actual.getWidth()).as(name + " width").isEqualTo(expected.getWidth());
        assertThat(actual.getHeight()).as(name + " height").isEqualTo(expected.getHeight());
        long different = 0;
        for (int y = 0; y < actual.getHeight(); y++) {
            for (int x = 0; x < actual.getWidth(); x++) {
                int a = actual.getRGB(x, y);
                int e = expected.getRGB(x, y);
                int diff = 0;
                for (int shift = 0; shift <= 24; shift += 8) {
                    diff = Math.max(diff, Math.abs(((a >> shift) & 0xff) - ((e >> shift) & 0xff)));
                }
                if (diff > 64) {
                    different++;
                }
            }
        }
        double share = different / (double) (actual.getWidth() * actual.getHeight());
        assertThat(share).as(name + ".png: share of pixels that differ").isLessThanOrEqualTo(0.005);
    }
}
