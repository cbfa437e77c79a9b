import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.kogu.content.listen.FeedDocument;
import io.kogu.content.listen.FeedFetcher;
import io.kogu.content.listen.FetchResult;
import io.kogu.content.listen.FetchTarget;
import io.kogu.content.listen.SimHash;
import io.kogu.platform.outbound.AddressPolicy;
import io.kogu.platform.outbound.OutboundHttp;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Listening benchmark (issue 14). 1) One polling cycle over 1,000 feeds of 50 items each on a local server, through
 * the service's own fetch path (FeedFetcher: the outbound guard, conditional GET, Rome parsing), 8 at a time as a
 * replica does, then a second cycle with the validators of the first (nothing changed: every answer should be 304).
 * The database part of a cycle (claims, items, clustering queries) is not in this figure. 2) Clustering throughput:
 * SimHash of 100,000 item texts (20,000 stories, 5 rewrites each) and assignment to stories through a band index,
 * the same rule StoryClusters applies in SQL.
 */
public class ListeningBench {

    public static void main(String[] args) throws Exception {
        int sources = 1000, items = 50, concurrency = 8;
        Map<String, String> etags = new HashMap<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(16));
        AtomicInteger notModified = new AtomicInteger();
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            String etag = "\"" + path.hashCode() + "\"";
            exchange.getResponseHeaders().add("ETag", etag);
            if (etag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
                notModified.incrementAndGet();
                exchange.sendResponseHeaders(304, -1);
                exchange.close();
                return;
            }
            byte[] body = feed(path, items).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/rss+xml");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        OutboundHttp http = new OutboundHttp(new AddressPolicy(true, false), Duration.ofSeconds(5), Duration.ofSeconds(30),
                10 << 20, 5, 64, "Kogu bench");
        FeedFetcher fetcher = new FeedFetcher(http, new ObjectMapper(), 10 << 20, Duration.ofSeconds(30));
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);

        for (int cycle = 1; cycle <= 3; cycle++) {
            notModified.set(0);
            long started = System.nanoTime();
            List<Future<FetchResult>> results = new ArrayList<>();
            for (int i = 0; i < sources; i++) {
                String url = base + "/feed/" + i;
                String etag = etags.get(url);
                results.add(pool.submit(() -> fetcher.fetch(new FetchTarget(FetchTarget.FEED, url, null, null, null, etag, null))));
            }
            int parsedItems = 0, fetched = 0, unchanged = 0, failed = 0;
            for (int i = 0; i < sources; i++) {
                FetchResult result = results.get(i).get();
                if (result instanceof FetchResult.Fetched f) {
                    fetched++;
                    parsedItems += ((FeedDocument.Feed) f.document()).items().size();
                    etags.put(base + "/feed/" + i, f.etag());
                } else if (result instanceof FetchResult.NotModified) {
                    unchanged++;
                } else {
                    failed++;
                }
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("polling cycle %d (%s): %d sources in %.2f s (%.0f fetches/s); %d fetched and parsed (%d items), %d answered 304 (%.0f%%), %d failed%n",
                    cycle, cycle == 1 ? "first, everything new" : "nothing changed", sources, seconds, sources / seconds,
                    fetched, parsedItems, unchanged, 100.0 * unchanged / sources, failed);
        }
        pool.shutdownNow();
        server.stop(0);
        http.close();

        clustering(100_000, 20_000);
    }

    static String feed(String path, int items) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>")
                .append(path).append("</title>");
        Random random = new Random(path.hashCode());
        for (int i = 0; i < items; i++) {
            xml.append("<item><title>").append(sentence(random, 8)).append("</title><link>https://news.example")
                    .append(path).append('/').append(i).append("</link><guid>").append(path).append('/').append(i)
                    .append("</guid><pubDate>Mon, 30 Nov 2026 08:00:00 GMT</pubDate><description><![CDATA[<p>")
                    .append(sentence(random, 40)).append("</p>]]></description></item>");
        }
        return xml.append("</channel></rss>").toString();
    }

    static final String[] WORDS = ("eesti pank intress laen valitsus riigikogu eelarve maks tallinn tartu sadam "
            + "tramm lennujaam ettevõte töötus palk hind inflatsioon energia elekter tuul päike metsa haridus kool "
            + "ülikool tervis haigla arst teadus uuring sport jalgpall korvpall kultuur teater kontsert festival ilm "
            + "torm lumi külm valimised erakond minister linnapea politsei kohus otsus aruanne kasum müük eksport").split(" ");

    static String sentence(Random random, int words) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < words; i++) {
            text.append(i == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]).append(random.nextInt(500));
        }
        return text.toString();
    }

    /** 100,000 texts: each story's text and 4 rewrites (a few words changed, dropped or added). */
    static void clustering(int total, int stories) {
        Random random = new Random(14);
        List<String> texts = new ArrayList<>(total);
        List<Integer> truth = new ArrayList<>(total);
        String[] originals = new String[stories];
        for (int s = 0; s < stories; s++) {
            originals[s] = sentence(random, 45);
        }
        for (int i = 0; i < total; i++) {
            int story = i % stories;
            String[] words = originals[story].split(" ");
            if (i >= stories) {
                for (int change = 0; change < 2; change++) {
                    words[random.nextInt(words.length)] = WORDS[random.nextInt(WORDS.length)] + random.nextInt(500);
                }
            }
            texts.add(String.join(" ", words));
            truth.add(story);
        }
        long started = System.nanoTime();
        Map<Integer, List<long[]>> index = new HashMap<>(); // band -> (fingerprint, cluster)
        int[] assigned = new int[total];
        int clusters = 0;
        for (int i = 0; i < total; i++) {
            long fingerprint = SimHash.of(texts.get(i));
            Integer[] bands = SimHash.bands(fingerprint);
            int best = -1, bestDistance = Integer.MAX_VALUE;
            for (Integer band : bands) {
                for (long[] candidate : index.getOrDefault(band, List.of())) {
                    int distance = SimHash.distance(fingerprint, candidate[0]);
                    if (distance <= 12 && distance < bestDistance) {
                        best = (int) candidate[1];
                        bestDistance = distance;
                    }
                }
            }
            if (best < 0) {
                best = clusters++;
                for (Integer band : bands) {
                    index.computeIfAbsent(band, k -> new ArrayList<>()).add(new long[] {fingerprint, best});
                }
            }
            assigned[i] = best;
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        int right = 0;
        for (int i = stories; i < total; i++) {
            right += assigned[i] == assigned[truth.get(i)] ? 1 : 0;
        }
        System.out.printf("clustering: %d items in %.2f s (%.0f items/s); %d clusters for %d true stories; %.1f%% of rewrites joined their story%n",
                total, seconds, total / seconds, clusters, stories, 100.0 * right / (total - stories));
    }
}
