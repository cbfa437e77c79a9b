package io.kogu.content.listen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndLink;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;
import com.rometools.rome.io.impl.Atom10Parser;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads a fetched document: RSS 0.9x/1.0/2.0 and Atom with Rome (namespaces, CDATA, {@code xml:base} resolved,
 * DOCTYPEs refused, so no external entities), JSON Feed 1.0/1.1 with Jackson, and a web page with jsoup for the
 * feed it names. Relative links are resolved against the document's own URL. Entries beyond {@link #MAX_ITEMS}
 * are left out (a feed of thousands of entries is an archive, not news).
 */
public final class FeedParser {

    static final int MAX_ITEMS = 200;

    static {
        // Atom's xml:base: relative links of entries resolved against the base the document declares.
        Atom10Parser.setResolveURIs(true);
    }

    private final ObjectMapper json;

    public FeedParser(ObjectMapper json) {
        this.json = json;
    }

    public FeedDocument parse(byte[] body, String contentType, URI documentUri) {
        String start = start(body);
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        if (start.startsWith("{") || type.contains("json")) {
            return jsonFeed(body, documentUri);
        }
        if (type.contains("html") || start.startsWith("<!doctype html") || start.startsWith("<html")) {
            return discover(body, documentUri);
        }
        return xmlFeed(body, documentUri);
    }

    private FeedDocument xmlFeed(byte[] body, URI documentUri) {
        SyndFeed feed;
        try {
            SyndFeedInput input = new SyndFeedInput();
            input.setAllowDoctypes(false);
            feed = input.build(new XmlReader(new ByteArrayInputStream(body)));
        } catch (FeedException | IOException | IllegalArgumentException e) {
            // Not XML we can read as a feed; it may still be an HTML page served as XML.
            FeedDocument discovered = discover(body, documentUri);
            if (discovered instanceof FeedDocument.Discovered) {
                return discovered;
            }
            return new FeedDocument.NotAFeed("the document at " + documentUri + " is not an RSS, Atom or JSON feed ("
                    + e.getClass().getSimpleName() + ")");
        }
        List<FeedItem> items = new ArrayList<>();
        for (SyndEntry entry : feed.getEntries()) {
            if (items.size() == MAX_ITEMS) {
                break;
            }
            String link = absolute(documentUri, firstLink(entry));
            String key = entry.getUri() != null && !entry.getUri().isBlank() ? entry.getUri() : link;
            if (key == null || link == null) {
                continue;
            }
            String summary = entry.getDescription() != null ? entry.getDescription().getValue() : null;
            if ((summary == null || summary.isBlank()) && !entry.getContents().isEmpty()) {
                SyndContent content = entry.getContents().get(0);
                summary = content.getValue();
            }
            Instant published = entry.getPublishedDate() != null ? entry.getPublishedDate().toInstant()
                    : entry.getUpdatedDate() != null ? entry.getUpdatedDate().toInstant() : null;
            String author = entry.getAuthor() != null && !entry.getAuthor().isBlank() ? entry.getAuthor()
                    : entry.getAuthors().isEmpty() ? null : entry.getAuthors().get(0).getName();
            items.add(new FeedItem(key, link, entry.getTitle() == null ? "" : entry.getTitle(), summary, author, published));
        }
        return new FeedDocument.Feed(feed.getTitle(), items);
    }

    private static String firstLink(SyndEntry entry) {
        if (entry.getLink() != null && !entry.getLink().isBlank()) {
            return entry.getLink().strip();
        }
        for (SyndLink link : entry.getLinks()) {
            if (link.getRel() == null || "alternate".equals(link.getRel())) {
                return link.getHref();
            }
        }
        return null;
    }

    private FeedDocument jsonFeed(byte[] body, URI documentUri) {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (IOException e) {
            return new FeedDocument.NotAFeed("the document at " + documentUri + " is not valid JSON");
        }
        if (root == null || !root.path("version").asText("").startsWith("https://jsonfeed.org/version/")) {
            return new FeedDocument.NotAFeed("the JSON at " + documentUri + " is not a JSON Feed (no jsonfeed.org version)");
        }
        List<FeedItem> items = new ArrayList<>();
        for (JsonNode item : root.path("items")) {
            if (items.size() == MAX_ITEMS) {
                break;
            }
            String url = absolute(documentUri, text(item, "url") != null ? text(item, "url") : text(item, "external_url"));
            String id = text(item, "id");
            if (url == null && id == null) {
                continue;
            }
            String summary = text(item, "summary");
            if (summary == null) {
                summary = text(item, "content_html") != null ? text(item, "content_html") : text(item, "content_text");
            }
            String author = item.path("authors").path(0).path("name").asText(null);
            if (author == null) {
                author = item.path("author").path("name").asText(null); // JSON Feed 1.0
            }
            items.add(new FeedItem(id != null ? id : url, url != null ? url : id, text(item, "title") == null ? ""
                    : text(item, "title"), summary, author, instant(text(item, "date_published"))));
        }
        return new FeedDocument.Feed(text(root, "title"), items);
    }

    private static FeedDocument discover(byte[] body, URI documentUri) {
        Document page = Jsoup.parse(new String(body, StandardCharsets.UTF_8), documentUri.toString());
        for (Element link : page.select("link[rel~=(?i)\\balternate\\b][href]")) {
            String type = link.attr("type").toLowerCase(Locale.ROOT);
            if (type.contains("rss") || type.contains("atom") || type.contains("feed+json")) {
                String href = link.absUrl("href");
                if (!href.isBlank()) {
                    return new FeedDocument.Discovered(href);
                }
            }
        }
        return new FeedDocument.NotAFeed("the page at " + documentUri
                + " is HTML without a feed: it names none in <link rel=\"alternate\">");
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || !value.isTextual() || value.asText().isBlank() ? null : value.asText();
    }

    private static Instant instant(String text) {
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String absolute(URI base, String link) {
        if (link == null || link.isBlank()) {
            return null;
        }
        try {
            URI resolved = base.resolve(link.strip());
            String scheme = resolved.getScheme();
            return "http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme) ? resolved.toString() : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The first characters of the body, BOM and blanks skipped, lower case: enough to tell JSON, HTML and XML apart. */
    private static String start(byte[] body) {
        String head = new String(body, 0, Math.min(body.length, 512), StandardCharsets.UTF_8);
        if (head.startsWith("\uFEFF")) {
            head = head.substring(1);
        }
        return head.stripLeading().toLowerCase(Locale.ROOT);
    }
}
