package io.kogu.metrics.chart;

import org.apache.batik.transcoder.SVGAbstractTranscoder;
import org.apache.batik.transcoder.TranscoderException;
import org.apache.batik.transcoder.TranscoderInput;
import org.apache.batik.transcoder.TranscoderOutput;
import org.apache.batik.transcoder.image.PNGTranscoder;

import java.awt.Font;
import java.awt.FontFormatException;
import java.awt.GraphicsEnvironment;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.util.List;

/**
 * PNG of a chart: the chart's SVG rasterised by Apache Batik at twice its size (sharp on high-density screens and
 * in documents). The fonts the charts name (DejaVu Sans, shipped with the service) are registered with AWT first,
 * so the picture does not depend on the fonts of the machine. External resources are never loaded.
 */
public final class Png {

    public static final float SCALE = 2f;

    /** The font files shipped in reports/fonts, for AWT (charts) and for the PDF renderer. */
    public static final List<String> FONTS = List.of("reports/fonts/DejaVuSans.ttf", "reports/fonts/DejaVuSans-Bold.ttf");

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        registerFonts();
    }

    private Png() {
    }

    public static byte[] of(String svg) {
        PNGTranscoder transcoder = new PNGTranscoder();
        transcoder.addTranscodingHint(SVGAbstractTranscoder.KEY_ALLOW_EXTERNAL_RESOURCES, Boolean.FALSE);
        transcoder.addTranscodingHint(SVGAbstractTranscoder.KEY_WIDTH, width(svg) * SCALE);
        TranscoderInput input = new TranscoderInput(new StringReader(svg));
        // A document URI of our own: Batik resolves nothing against it (external resources are off).
        input.setURI("file:/kogu/chart.svg");
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        try {
            transcoder.transcode(input, new TranscoderOutput(out));
        } catch (TranscoderException e) {
            throw new IllegalStateException("chart could not be rasterised", e);
        }
        return out.toByteArray();
    }

    /** The width attribute of the root element (the charts always write one). */
    static float width(String svg) {
        int at = svg.indexOf("width=\"");
        int end = svg.indexOf('"', at + 7);
        return Float.parseFloat(svg.substring(at + 7, end));
    }

    private static void registerFonts() {
        GraphicsEnvironment environment = GraphicsEnvironment.getLocalGraphicsEnvironment();
        for (String font : FONTS) {
            try (InputStream in = Png.class.getClassLoader().getResourceAsStream(font)) {
                if (in != null) {
                    environment.registerFont(Font.createFont(Font.TRUETYPE_FONT, in));
                }
            } catch (IOException | FontFormatException e) {
                throw new IllegalStateException("font " + font + " could not be loaded", e);
            }
        }
    }
}
