package io.kogu.content.listen;

import crawlercommons.filters.basic.BasicURLNormalizer;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The canonical form of an item's URL, so that the same article reached through different links is one: crawler-commons'
 * {@link BasicURLNormalizer} (scheme and host lower case, default port, dot segments, percent-encoding, fragment
 * dropped, query parameters sorted) after tracking parameters are removed (any {@code utm_*}, {@code fbclid},
 * {@code gclid} and their kin). A URL that cannot be normalised is kept as it came.
 */
public final class CanonicalUrl {

    private static final Set<String> TRACKING = Set.of("fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid",
            "mc_cid", "mc_eid", "igshid", "yclid", "_hsenc", "_hsmi", "mkt_tok", "ref_src");
    private static final Pattern QUERY_SPLIT = Pattern.compile("&");

    private static final BasicURLNormalizer NORMALIZER = BasicURLNormalizer.newBuilder()
            .queryParamsToRemove(TRACKING).build();

    private CanonicalUrl() {
    }

    public static String of(String url) {
        if (url == null || url.isBlank()) {
            return url;
        }
        String withoutTracking = dropTracking(url.strip());
        String normalized = NORMALIZER.filter(withoutTracking);
        return normalized == null ? withoutTracking : normalized;
    }

    static String dropTracking(String url) {
        int hash = url.indexOf('#');
        String fragment = hash >= 0 ? url.substring(hash) : "";
        String rest = hash >= 0 ? url.substring(0, hash) : url;
        int question = rest.indexOf('?');
        if (question < 0) {
            return url;
        }
        StringBuilder kept = new StringBuilder();
        for (String parameter : QUERY_SPLIT.split(rest.substring(question + 1))) {
            if (parameter.isEmpty()) {
                continue;
            }
            int equals = parameter.indexOf('=');
            String name = (equals < 0 ? parameter : parameter.substring(0, equals)).toLowerCase(Locale.ROOT);
            if (name.startsWith("utm_") || TRACKING.contains(name)) {
                continue;
            }
            kept.append(kept.length() == 0 ? "?" : "&").append(parameter);
        }
        return rest.substring(0, question) + kept + fragment;
    }
}
