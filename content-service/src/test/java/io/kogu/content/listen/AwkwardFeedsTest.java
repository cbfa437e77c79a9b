package io.kogu.content.listen;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kogu.platform.outbound.AddressPolicy;
import io.kogu.platform.outbound.OutboundHttp;
import io.kogu.testsupport.LogCapture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The awkward answers real feeds give, served by a local server, through the real outbound guard: the server lives
 * at 127.0.0.2, the one loopback address this guard is configured to allow (as an installation names an intranet
 * blog), so redirects to 127.0.0.1, to cloud metadata (169.254.169.254) and to a name that resolves to a private
 * address are refused as in production. DNS is stood in for by a resolver that answers {@code intranet.example}
 * with 10.0.0.7, as a split-horizon DNS would.
 */
class AwkwardFeedsTest {

    private static final long LIMIT = 2 * 1024 * 1024;

    private FeedServer server;
    private FeedServer loopback;
    private OutboundHttp http;
    private FeedFetcher fetcher;
    private LogCapture logs;

    @BeforeEach
    void start() throws IOException {
        server = new FeedServer("127.0.0.2");
        loopback = new FeedServer("127.0.0.1");
        loopback.feed("/secret", "application/rss+xml", ListeningTest.RSS);
        OutboundHttp.Resolver dns = host -> "intranet.example".equals(host)
                ? new InetAddress[] {InetAddress.getByAddress(host, new byte[] {10, 0, 0, 7})}
                : OutboundHttp.Resolver.SYSTEM.resolve(host);
        http = new OutboundHttp(new AddressPolicy(false, false, Set.of(InetAddress.getByName("127.0.0.2"))), dns,
                Duration.ofSeconds(2), Duration.ofSeconds(2), LIMIT, 5, 10, "Kogu test");
        fetcher = new FeedFetcher(http, new ObjectMapper(), LIMIT, Duration.ofSeconds(3));
        logs = LogCapture.start();
    }

    @AfterEach
    void stop() throws IOException {
        logs.close();
        http.close();
        server.close();
        loopback.close();
    }

    private FetchResult fetch(String path) {
        return fetcher.fetch(new FetchTarget(FetchTarget.FEED, server.url(path), null, null, null, null, null));
    }

    private static FeedDocument.Feed feedOf(FetchResult result) {
        assertThat(result).isInstanceOf(FetchResult.Fetched.class);
        FeedDocument document = ((FetchResult.Fetched) result).document();
        assertThat(document).isInstanceOf(FeedDocument.Feed.class);
        return (FeedDocument.Feed) document;
    }

    private static FetchResult.Failed failure(FetchResult result) {
        assertThat(result).isInstanceOf(FetchResult.Failed.class);
        return (FetchResult.Failed) result;
    }

    @Test
    void rssWithNamespacesAndCdataIsRead() {
        server.feed("/rss", "application/rss+xml", ListeningTest.RSS);
        FeedItem item = feedOf(fetch("/rss")).items().get(0);
        assertThat(item.title()).isEqualTo("Eesti Pank tõstab <b>intressimäära</b>");
        assertThat(PlainText.of(item.title(), 100)).isEqualTo("Eesti Pank tõstab intressimäära");
        assertThat(item.author()).isEqualTo("Mari Maasikas");
        assertThat(item.key()).isEqualTo("uudised-1");
    }

    @Test
    void atomRelativeLinksResolveAgainstXmlBase() {
        server.feed("/atom", "application/atom+xml", ListeningTest.ATOM);
        assertThat(feedOf(fetch("/atom")).items().get(1).url()).isEqualTo("https://teine.example/uudised/ilm/kulm");
    }

    @Test
    void datesInOddFormatsAreReadOrLeftEmpty() {
        server.feed("/odd", "application/rss+xml", """
                <rss version="2.0"><channel><title>t</title>
                <item><title>a</title><link>https://o.example/a</link><pubDate>30 Nov 2026 08:00:00 GMT</pubDate></item>
                <item><title>b</title><link>https://o.example/b</link><pubDate>Mon, 30 Nov 2026 08:00:00 EET</pubDate></item>
                <item><title>c</title><link>https://o.example/c</link><pubDate>2026-11-30T08:00:00+02:00</pubDate></item>
                <item><title>d</title><link>https://o.example/d</link><pubDate>eile õhtul</pubDate></item>
                </channel></rss>""");
        List<FeedItem> items = feedOf(fetch("/odd")).items();
        assertThat(items.get(0).publishedAt()).isEqualTo(Instant.parse("2026-11-30T08:00:00Z"));
        assertThat(items.get(1).publishedAt()).isEqualTo(Instant.parse("2026-11-30T06:00:00Z"));
        assertThat(items.get(2).publishedAt()).isEqualTo(Instant.parse("2026-11-30T06:00:00Z"));
        assertThat(items.get(3).publishedAt()).isNull(); // kept; the stream then shows when Kogu saw it
    }

    @Test
    void aConditionalGetIsAnswered304() {
        server.feed("/rss", "application/rss+xml", ListeningTest.RSS);
        FetchResult.Fetched first = (FetchResult.Fetched) fetch("/rss");
        FetchResult second = fetcher.fetch(new FetchTarget(FetchTarget.FEED, server.url("/rss"), null, null, null,
                first.etag(), null));
        assertThat(second).isInstanceOf(FetchResult.NotModified.class);
    }

    @Test
    void aChainOf301sIsFollowedWithinTheLimit() {
        server.feed("/rss", "application/rss+xml", ListeningTest.RSS);
        server.redirect("/a", 301, server.url("/b"));
        server.redirect("/b", 301, server.url("/c"));
        server.redirect("/c", 308, "/rss");
        assertThat(feedOf(fetch("/a")).items()).hasSize(1);
        for (int i = 0; i < 7; i++) {
            server.redirect("/loop" + i, 301, server.url("/loop" + (i + 1)));
        }
        assertThat(failure(fetch("/loop0")).reason()).contains("redirect");
    }

    @Test
    void anHtmlPageIsNotAFeed() {
        server.feed("/page", "text/html", "<html><body>hello</body></html>");
        FetchResult result = fetch("/page");
        assertThat(((FetchResult.Fetched) result).document()).isInstanceOf(FeedDocument.NotAFeed.class);
    }

    @Test
    void aGzipBombStopsAtTheSizeLimit() {
        server.on("/bomb", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/rss+xml");
            exchange.getResponseHeaders().add("Content-Encoding", "gzip");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = new GZIPOutputStream(exchange.getResponseBody())) {
                out.write("<rss version=\"2.0\"><channel><title>".getBytes(StandardCharsets.UTF_8));
                byte[] zeros = new byte[1 << 20];
                Arrays.fill(zeros, (byte) 'a');
                for (int i = 0; i < 1024; i++) { // 1 GB decompressed, about 1 MB on the wire
                    out.write(zeros);
                }
            }
        });
        FetchResult.Failed failed = failure(fetch("/bomb"));
        assertThat(failed.reason()).contains("larger than " + LIMIT);
        assertThat(failed.refused()).isFalse();
    }

    @Test
    void aFiftyMegabyteFeedIsTooLarge() {
        server.on("/big", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/rss+xml");
            exchange.sendResponseHeaders(200, 50L * 1024 * 1024);
            byte[] chunk = new byte[1 << 20];
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 50; i++) {
                    out.write(chunk);
                }
            }
        });
        assertThat(failure(fetch("/big")).reason()).contains("larger than");
    }

    @Test
    void anEndlessTricklingAnswerRunsIntoTheDeadline() {
        server.on("/endless", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/rss+xml");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            try {
                for (int i = 0; i < 600; i++) {
                    out.write("<rss>".getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    Thread.sleep(100);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        long started = System.nanoTime();
        assertThat(failure(fetch("/endless")).reason()).contains("did not end within the time allowed");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void redirectsToLoopbackCloudMetadataAndAPrivateNameAreRefusedSayingWhyAndLogged() {
        server.redirect("/to-loopback", 302, loopback.url("/secret"));
        server.redirect("/to-metadata", 301, "http://169.254.169.254/latest/meta-data/iam/security-credentials/");
        server.redirect("/to-private-name", 302, "http://intranet.example:" + server.port() + "/rss");

        FetchResult.Failed toLoopback = failure(fetch("/to-loopback"));
        assertThat(toLoopback.refused()).isTrue();
        assertThat(toLoopback.reason()).contains("127.0.0.1").contains("loopback").contains("may not be called");
        assertThat(loopback.hits("/secret")).isZero();

        FetchResult.Failed toMetadata = failure(fetch("/to-metadata"));
        assertThat(toMetadata.refused()).isTrue();
        assertThat(toMetadata.reason()).contains("169.254.169.254").contains("forbidden");

        FetchResult.Failed toPrivate = failure(fetch("/to-private-name"));
        assertThat(toPrivate.refused()).isTrue();
        assertThat(toPrivate.reason()).contains("intranet.example").contains("10.0.0.7").contains("private");

        assertThat(logs.lines()).anySatisfy(line -> assertThat(line).contains("refused").contains("169.254.169.254"));
        assertThat(logs.lines()).anySatisfy(line -> assertThat(line).contains("refused").contains("10.0.0.7"));
    }
}
