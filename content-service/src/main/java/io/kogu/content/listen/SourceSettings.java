package io.kogu.content.listen;

/** What a person sets on a source (the API's SourceInput). */
public record SourceSettings(String kind, String url, String query, String instanceUrl, String tag, String title,
                             boolean competitor) {
}
