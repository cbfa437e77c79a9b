import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.kogu.devkit.DevTokens;
import io.kogu.devkit.ExternalDatabase;
import io.kogu.devkit.KoguService;
import io.kogu.devkit.KoguStack;
import io.kogu.devkit.SigningKey;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

/**
 * The publisher under load, as the publishing issue measures it: 1,000 and then 10,000 posts due at the same
 * instant (the start of one minute), published by one and by three content-service replicas to a local webhook
 * receiver that answers in 50 ms. Prints, per run, the time until all are out and the lag from the due time to
 * the receiver's arrival (the network got the post) and to {@code published} (Kogu recorded it), p50/p99/max,
 * with the ratios to the goals (p99 ≤ 2 s at 1,000; 10,000 out in under 60 s with three replicas).
 *
 * <p>The whole system runs as {@code ./kogu up} runs it (KoguStack: the three services, the publisher's default
 * settings) on the PostgreSQL of 127.0.0.1:5432, in databases of its own made anew each run. Posts are made
 * through the API (webhook channels, drafts, submission without a required approval, a schedule of 50 slots per
 * draft) before their due time; the measurement starts at the due time.
 */
public class PublishingBench {

    static final int CHANNELS = 50;
    static final Duration RECEIVER_ANSWERS_IN = Duration.ofMillis(50);
    static final ObjectMapper JSON = new ObjectMapper();

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final DevTokens tokens;
    final KoguStack stack;
    final ExternalDatabase database;
    final String contentDatabase;
    final Map<String, Instant> arrivals = new ConcurrentHashMap<>();
    final HttpServer receiver;

    PublishingBench(KoguStack stack, ExternalDatabase database, String contentDatabase, DevTokens tokens) throws Exception {
        this.stack = stack;
        this.database = database;
        this.contentDatabase = contentDatabase;
        this.tokens = tokens;
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1000);
        receiver.setExecutor(Executors.newFixedThreadPool(200));
        receiver.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            String id = exchange.getRequestHeaders().getFirst("webhook-id");
            try {
                Thread.sleep(RECEIVER_ANSWERS_IN.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            arrivals.putIfAbsent(id, Instant.now());
            byte[] answer = ("{\"id\":\"post-" + id + "\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(201, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        receiver.start();
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of("").toAbsolutePath();
        Path work = Files.createTempDirectory("kogu-bench-publishing");
        String adminUrl = System.getenv().getOrDefault("BENCH_DB_URL", "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres");
        ExternalDatabase database = new ExternalDatabase(adminUrl);
        Map<KoguService, String> names = new EnumMap<>(KoguService.class);
        Map<KoguService, Integer> ports = new EnumMap<>(KoguService.class);
        for (KoguService service : KoguService.values()) {
            names.put(service, "kogu_bench_publishing_" + service.name().toLowerCase());
            database.dropDatabase(names.get(service));
            ports.put(service, freePort());
        }
        SigningKey key = SigningKey.inFolder(work.resolve("keys"));
        System.out.println("work folder: " + work + " (service logs in " + work.resolve("logs") + ")");
        List<int[]> runs = List.of(new int[] {1_000, 1}, new int[] {1_000, 3}, new int[] {10_000, 1}, new int[] {10_000, 3});
        try (KoguStack stack = KoguStack.start(new KoguStack.Settings(home, database, names, ports, key.publicKeyFile(),
                DevTokens.ISSUER, work.resolve("logs")))) {
            PublishingBench bench = new PublishingBench(stack, database, names.get(KoguService.CONTENT), new DevTokens(key.privateKey()));
            List<String> results = new ArrayList<>();
            for (int[] run : runs) {
                results.add(bench.run(run[0], run[1]));
            }
            System.out.println();
            System.out.println("posts   replicas  all out   receiver lag p50 / p99 / max     published lag p50 / p99 / max    goal");
            results.forEach(System.out::println);
            bench.receiver.stop(0);
        }
    }

    /** One run: {@code posts} due at the start of one minute, {@code replicas} content-service processes. */
    String run(int posts, int replicas) throws Exception {
        String workspace = "bench-" + UUID.randomUUID().toString().substring(0, 8);
        List<KoguStack.Replica> extra = new ArrayList<>();
        for (int n = 2; n <= replicas; n++) {
            extra.add(stack.replica(KoguService.CONTENT, contentDatabase, Map.of(), "content-replica-" + n + "-" + workspace));
        }
        try {
            URI content = stack.url(KoguService.CONTENT);
            String admin = tokens.token(workspace, List.of("admin", "editor", "approver", "viewer"), "bench",
                    Instant.now().plus(Duration.ofHours(2)));
            call(content, admin, "PUT", "/v1/approval-policy", "{\"approvalRequired\":false,\"requiredApprovals\":1}", "\"0\"");
            List<String> channels = new ArrayList<>();
            for (int c = 0; c < CHANNELS; c++) {
                channels.add(call(content, admin, "POST", "/v1/channels", """
                        {"network":"webhook","handle":"@bench-%d","timeZone":"UTC","connection":{"url":"http://127.0.0.1:%d/c%d"},
                         "credentials":{"secret":"whsec_%s"}}""".formatted(c, receiver.getAddress().getPort(), c,
                        java.util.Base64.getEncoder().encodeToString(UUID.randomUUID().toString().getBytes())), null)
                        .body().get("id").asText());
            }
            // Due at the start of a minute far enough ahead for the posts to be made first (about 1.5 ms each here).
            Instant due = Instant.now().plus(Duration.ofSeconds(10 + posts * 3L / 1000)).truncatedTo(ChronoUnit.MINUTES)
                    .plus(Duration.ofMinutes(1));
            int drafts = posts / CHANNELS;
            String slots = channels.stream().map(c -> "{\"channelId\":\"%s\",\"publishAt\":\"%s\"}".formatted(c, due))
                    .collect(Collectors.joining(",", "[", "]"));
            String channelIds = channels.stream().map(c -> "\"" + c + "\"").collect(Collectors.joining(",", "[", "]"));
            ExecutorService clients = Executors.newFixedThreadPool(8);
            List<Future<?>> made = new ArrayList<>();
            Instant seeding = Instant.now();
            for (int d = 0; d < drafts; d++) {
                int number = d;
                made.add(clients.submit(() -> {
                    Answer draft = call(content, admin, "POST", "/v1/drafts",
                            "{\"title\":\"Post %d\",\"body\":\"Bench post %d\",\"channelIds\":%s}".formatted(number, number, channelIds), null);
                    String id = draft.body().get("id").asText();
                    Answer submitted = call(content, admin, "POST", "/v1/drafts/" + id + "/submission", "{}", draft.etag());
                    call(content, admin, "POST", "/v1/drafts/" + id + "/schedule", "{\"slots\":" + slots + "}", submitted.etag());
                    return null;
                }));
            }
            for (Future<?> f : made) {
                f.get();
            }
            clients.shutdown();
            Duration seeded = Duration.between(seeding, Instant.now());
            if (!Instant.now().isBefore(due)) {
                throw new IllegalStateException("making the posts took " + seeded + ", past their due time: the run is not valid");
            }
            System.out.printf("%,d posts on %d channels made in %.1f s; due at %s (in %.0f s)%n", posts, CHANNELS,
                    seeded.toMillis() / 1000.0, due, Duration.between(Instant.now(), due).toMillis() / 1000.0);

            // Wait until all are out (the receiver has them and Kogu recorded them), at most 10 minutes.
            Instant deadline = due.plus(Duration.ofMinutes(10));
            while (published(workspace) < posts && Instant.now().isBefore(deadline)) {
                Thread.sleep(200);
            }
            List<Long> recorded = lags(workspace, due);
            List<Long> received = new ArrayList<>();
            for (Instant at : arrivalsOf(workspace)) {
                received.add(Duration.between(due, at).toMillis());
            }
            Collections.sort(received);
            if (recorded.size() < posts) {
                return "%,7d  %d  not all out after 10 minutes: %,d of %,d published".formatted(posts, replicas, recorded.size(), posts);
            }
            long allOut = recorded.get(recorded.size() - 1);
            String goal = posts == 1_000
                    ? "p99 ≤ 2 s: %.2f of the goal".formatted(recorded.get(percentile(recorded, 99)) / 2000.0)
                    : replicas == 3 ? "all out < 60 s: %.2f of the goal".formatted(allOut / 60000.0) : "";
            String line = "%,7d  %8d  %6.2f s   %6.2f / %6.2f / %6.2f s        %6.2f / %6.2f / %6.2f s       %s".formatted(
                    posts, replicas, allOut / 1000.0,
                    seconds(received, 50), seconds(received, 99), received.get(received.size() - 1) / 1000.0,
                    seconds(recorded, 50), seconds(recorded, 99), allOut / 1000.0, goal);
            System.out.println(line);
            return line;
        } finally {
            extra.forEach(KoguStack.Replica::stop);
        }
    }

    int published(String workspace) throws Exception {
        try (Connection c = DriverManager.getConnection(database.jdbcUrl(contentDatabase));
             PreparedStatement s = c.prepareStatement(
                     "select count(*) from publication where workspace_id = ? and state = 'published'")) {
            s.setString(1, workspace);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** Due time to {@code published_at} of every published post of the workspace, in ms, sorted. */
    List<Long> lags(String workspace, Instant due) throws Exception {
        List<Long> lags = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(database.jdbcUrl(contentDatabase));
             PreparedStatement s = c.prepareStatement("""
                     select (extract(epoch from published_at - due_at) * 1000)::bigint from publication
                     where workspace_id = ? and state = 'published' order by 1""")) {
            s.setString(1, workspace);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    lags.add(rs.getLong(1));
                }
            }
        }
        return lags;
    }

    List<Instant> arrivalsOf(String workspace) throws Exception {
        List<Instant> of = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(database.jdbcUrl(contentDatabase));
             PreparedStatement s = c.prepareStatement("select id::text from publication where workspace_id = ?")) {
            s.setString(1, workspace);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Instant at = arrivals.get(rs.getString(1));
                    if (at != null) {
                        of.add(at);
                    }
                }
            }
        }
        return of;
    }

    record Answer(JsonNode body, String etag) {
    }

    Answer call(URI service, String token, String method, String path, String body, String ifMatch) {
        HttpRequest.Builder request = HttpRequest.newBuilder(service.resolve(path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body));
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
            }
            return new Answer(JSON.readTree(response.body()), response.headers().firstValue("ETag").orElse(null));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static int percentile(List<Long> sorted, int p) {
        return Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1);
    }

    static double seconds(List<Long> sorted, int p) {
        return sorted.isEmpty() ? Double.NaN : sorted.get(percentile(sorted, p)) / 1000.0;
    }

    static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
