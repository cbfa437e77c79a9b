package io.kogu.platform.web;

import io.kogu.platform.problem.Expected;
import io.kogu.platform.problem.FieldError;
import io.kogu.platform.problem.ProblemException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import java.util.Arrays;
import java.util.List;

/**
 * The format of an export, chosen the same way on every export (contract/README.md, "Vocabulary"): by
 * {@code ?format=csv|ndjson} when given, else by {@code Accept}, else the export's default.
 */
public enum ExportFormat {

    CSV("csv", "text/csv"),
    NDJSON("ndjson", "application/x-ndjson");

    private final String name;
    private final MediaType mediaType;

    ExportFormat(String name, String mediaType) {
        this.name = name;
        this.mediaType = MediaType.valueOf(mediaType);
    }

    /** The media type an answer in this format has. */
    public String mediaType() {
        return mediaType.toString();
    }

    @Override
    public String toString() {
        return name;
    }

    /** {@code format} (a 400 naming it when it is neither), else the first Accept entry naming a format, else the default. */
    public static ExportFormat choose(String format, HttpHeaders headers, ExportFormat fallback) {
        if (format != null) {
            for (ExportFormat each : values()) {
                if (each.name.equals(format)) {
                    return each;
                }
            }
            List<String> names = Arrays.stream(values()).map(ExportFormat::toString).toList();
            throw ProblemException.invalid(List.of(new FieldError("format", Expected.oneOf(names, format))));
        }
        if (headers != null) {
            for (MediaType accepted : headers.getAcceptableMediaTypes()) {
                if (accepted.isWildcardType() || accepted.isWildcardSubtype()) {
                    continue;
                }
                for (ExportFormat each : values()) {
                    if (each.mediaType.isCompatible(accepted)) {
                        return each;
                    }
                }
            }
        }
        return fallback;
    }
}
