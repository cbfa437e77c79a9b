package io.kogu.metrics.alert;

/**
 * What a count belongs to: the whole workspace ({@code workspace}, key ""), a channel, a tag or a keyword (folded),
 * or a listening monitor. Rules name one; intake counts every item in each scope it belongs to.
 */
public record ScopeKey(String kind, String key) implements Comparable<ScopeKey> {

    public static final String WORKSPACE = "workspace";
    public static final String CHANNEL = "channel";
    public static final String TAG = "tag";
    public static final String KEYWORD = "keyword";
    public static final String MONITOR = "monitor";

    public static ScopeKey workspace() {
        return new ScopeKey(WORKSPACE, "");
    }

    @Override
    public int compareTo(ScopeKey other) {
        int byKind = kind.compareTo(other.kind);
        return byKind != 0 ? byKind : key.compareTo(other.key);
    }
}
