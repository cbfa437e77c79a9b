package io.kogu.content.listen;

import java.util.List;

/** What a fetched document turned out to be. */
public sealed interface FeedDocument {

    /** A feed: its title and entries. */
    record Feed(String title, List<FeedItem> items) implements FeedDocument {
    }

    /** A web page that names its feed ({@code <link rel="alternate">}): the feed's absolute URL. */
    record Discovered(String feedUrl) implements FeedDocument {
    }

    /** Neither: why, in words for the person who added the source. */
    record NotAFeed(String reason) implements FeedDocument {
    }
}
