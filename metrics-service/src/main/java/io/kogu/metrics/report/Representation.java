package io.kogu.metrics.report;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/** Which of the representations an endpoint offers the caller asked for (JSON unless it asked otherwise). */
public enum Representation {
    JSON(MediaType.APPLICATION_JSON_TYPE),
    CSV(MediaType.valueOf("text/csv")),
    SVG(MediaType.valueOf("image/svg+xml")),
    PNG(MediaType.valueOf("image/png")),
    HTML(MediaType.valueOf("text/html;charset=UTF-8")),
    PDF(MediaType.valueOf("application/pdf"));

    public final MediaType mediaType;

    Representation(MediaType mediaType) {
        this.mediaType = mediaType;
    }

    public static Representation chosen(HttpHeaders headers, List<Representation> offered) {
        for (MediaType acceptable : headers.getAcceptableMediaTypes()) {
            if (acceptable.isWildcardType()) {
                return JSON;
            }
            for (Representation representation : offered) {
                if (acceptable.isCompatible(representation.mediaType)) {
                    return representation;
                }
            }
        }
        return JSON;
    }
}
