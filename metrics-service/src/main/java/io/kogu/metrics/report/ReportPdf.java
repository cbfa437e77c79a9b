package io.kogu.metrics.report;

import com.openhtmltopdf.outputdevice.helper.ExternalResourceControlPriority;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.svgsupport.BatikSVGDrawer;
import io.kogu.metrics.chart.Png;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A report's HTML page as PDF (openhtmltopdf on Apache PDFBox): A4, the charts drawn as vectors by Batik, DejaVu
 * Sans embedded (Estonian letters and typographic signs), no resource loaded from outside the page.
 */
public final class ReportPdf {

    private ReportPdf() {
    }

    public static byte[] render(String html) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 * 1024);
        try {
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.useFastMode();
            builder.useSVGDrawer(new BatikSVGDrawer());
            builder.useFont(() -> font(Png.FONTS.get(0)), "DejaVu Sans", 400,
                    PdfRendererBuilder.FontStyle.NORMAL, true);
            builder.useFont(() -> font(Png.FONTS.get(1)), "DejaVu Sans", 700,
                    PdfRendererBuilder.FontStyle.NORMAL, true);
            // Nothing outside the page is fetched: every URI resolves to nothing.
            builder.useExternalResourceAccessControl((uri, type) -> false,
                    ExternalResourceControlPriority.RUN_BEFORE_RESOLVING_URI);
            builder.useExternalResourceAccessControl((uri, type) -> false,
                    ExternalResourceControlPriority.RUN_AFTER_RESOLVING_URI);
            builder.withHtmlContent(html, null);
            builder.toStream(out);
            builder.run();
        } catch (IOException e) {
            throw new IllegalStateException("the report could not be rendered as PDF", e);
        }
        return out.toByteArray();
    }

    private static InputStream font(String resource) {
        return ReportPdf.class.getClassLoader().getResourceAsStream(resource);
    }
}
