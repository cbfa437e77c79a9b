import io.kogu.devkit.DevTokens;
import io.kogu.devkit.SigningKey;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Measures the inbox at scale: 1,000,000 items in 250,000 conversations of one workspace (made once with SQL, as
 * the intake would have stored them), then the first page of GET /v1/conversations with each filter through the
 * running service: 20 warm-up requests, then 200 timed, p50 and p95 of the whole HTTP request. Goal: p95 < 100 ms.
 */
public class InboxBench {

    static final String DATABASE = "kogu_bench_inbox";
    static final String WORKSPACE = "bench";
    static final int CONVERSATIONS = 250_000;
    static final int ITEMS_PER_CONVERSATION = 4;
    static final int WARM_UP = 20;
    static final int RUNS = 200;

    public static void main(String[] args) throws Exception {
        String admin = System.getenv().getOrDefault("BENCH_DB_URL", "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres");
        String url = admin.replaceFirst("/postgres(\\?|$)", "/" + DATABASE + "$1");
        try (Connection c = DriverManager.getConnection(admin); Statement s = c.createStatement()) {
            ResultSet exists = s.executeQuery("select 1 from pg_database where datname = '" + DATABASE + "'");
            if (!exists.next()) {
                s.execute("create database " + DATABASE);
            }
        }
        Path keys = Files.createTempDirectory("kogu-bench-keys");
        SigningKey key = SigningKey.inFolder(keys);
        DevTokens tokens = new DevTokens(key.privateKey());
        int port;
        int managementPort;
        try (ServerSocket socket = new ServerSocket(0); ServerSocket management = new ServerSocket(0)) {
            port = socket.getLocalPort();
            managementPort = management.getLocalPort();
        }
        Process service = startService(url, key, port, managementPort);
        try {
            waitUntilReady("http://127.0.0.1:" + managementPort);
            try (Connection db = DriverManager.getConnection(url)) {
                Map<String, String> sample = ensureItems(db);
                System.out.printf("load average before: %s%n", loadAverage());
                firstPages("http://127.0.0.1:" + port, tokens, sample);
                System.out.printf("load average after: %s%n", loadAverage());
            }
        } finally {
            service.destroy();
            service.waitFor();
        }
    }

    static Process startService(String url, SigningKey key, int port, int managementPort) throws Exception {
        String jdbc = url.replaceFirst("\\?.*", "");
        ProcessBuilder builder = new ProcessBuilder("java", "-Xmx512m", "-jar",
                System.getenv().getOrDefault("BENCH_SERVICE_JAR", "audience-service/target/quarkus-app/quarkus-run.jar"));
        builder.environment().putAll(Map.of("QUARKUS_HTTP_PORT", Integer.toString(port),
                "QUARKUS_DATASOURCE_JDBC_URL", jdbc, "QUARKUS_DATASOURCE_USERNAME", "postgres",
                "QUARKUS_DATASOURCE_PASSWORD", "", "MP_JWT_VERIFY_PUBLICKEY_LOCATION", key.publicKeyFile().toUri().toString(),
                "QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false", "KOGU_OUTBOX_POLL_EVERY", "off"));
        byte[] hmacKey = new byte[32];
        new SecureRandom().nextBytes(hmacKey);
        builder.environment().put("KOGU_IDEMPOTENCY_HMAC_KEY", Base64.getEncoder().encodeToString(hmacKey));
        builder.environment().put("QUARKUS_MANAGEMENT_PORT", Integer.toString(managementPort));
        builder.redirectErrorStream(true).redirectOutput(Path.of("/tmp/kogu-bench-inbox-service.log").toFile());
        return builder.start();
    }

    static void waitUntilReady(String base) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(base + "/q/health/ready")).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("audience-service did not start; see /tmp/kogu-bench-inbox-service.log");
    }

    /** The items and conversations, made once; answers a channel id that exists, for the channel filter. */
    static Map<String, String> ensureItems(Connection db) throws Exception {
        try (Statement s = db.createStatement()) {
            ResultSet count = s.executeQuery("select count(*) from conversation_item where workspace_id = '" + WORKSPACE + "'");
            count.next();
            if (count.getLong(1) != (long) CONVERSATIONS * ITEMS_PER_CONVERSATION) {
                System.out.printf("making %,d items in %,d conversations (once)...%n",
                        CONVERSATIONS * ITEMS_PER_CONVERSATION, CONVERSATIONS);
                long start = System.nanoTime();
                s.execute("delete from conversation where workspace_id = '" + WORKSPACE + "'");
                // 20 channels; states 30 % open, 20 % pending, 50 % closed; 40 % unassigned, else one of 10 people;
                // priorities 10/70/15/5 %; 5 % spam; activity spread over a year, newest first in the inbox.
                s.execute("""
                        insert into conversation (id, workspace_id, channel_id, network, kind, group_key, state, assignee,
                            priority, tags, spam, spam_score, item_count, last_text, last_author_handle, first_item_at,
                            last_item_at, waiting_since, first_response_at, search_text, version, created_at, updated_at)
                        select gen_random_uuid(), 'bench',
                            ('00000000-0000-0000-0000-0000000000' || lpad(mod(g, 20)::text, 2, '0'))::uuid,
                            'bluesky', 'thread', 'root-' || g, st, asg, pr,
                            case when random() < 0.1 then array['order']::varchar[] else '{}' end,
                            random() < 0.05, random() * 0.3, 4, w, 'fan' || g || '.bsky.social', last - interval '2 hours',
                            last, case when st = 'open' then last - interval '1 hour' end,
                            case when st <> 'open' then last - interval '90 minutes' end,
                            -- search_text is stored folded (ConversationText), as the intake stores it.
                            w || ' ' || (array['tere','aitah','pakk','tellimus','kampaania','kusimus','hello','order',
                                               'delivery','refund','price','love'])[1 + floor(random() * 12)::int]
                              || ' fan' || g || '.bsky.social',
                            1, last - interval '2 hours', last
                        from (select g, now() - random() * interval '365 days' as last,
                                     (array['open','open','open','pending','pending','closed','closed','closed','closed',
                                            'closed'])[1 + floor(random() * 10)::int] as st,
                                     case when random() < 0.4 then null
                                          else 'agent' || floor(random() * 10)::int end as asg,
                                     (array['low','normal','normal','normal','normal','normal','normal','normal','high',
                                            'urgent'])[1 + floor(random() * 10)::int] as pr,
                                     (array['great post','where is my parcel','thanks','when is the sale','love it',
                                            'not happy with the service','how much is it','is it vegan'])
                                         [1 + floor(random() * 8)::int] as w
                              from generate_series(1, %d) g) c""".formatted(CONVERSATIONS));
                s.execute("""
                        insert into conversation_item (id, workspace_id, conversation_id, network, channel_id, external_id,
                            kind, root_external_id, author_handle, text, occurred_at, created_at)
                        select gen_random_uuid(), c.workspace_id, c.id, c.network, c.channel_id, c.group_key || '/' || n,
                            case when n = 1 then 'comment' else 'reply' end, c.group_key, c.last_author_handle,
                            c.last_text, c.last_item_at - (4 - n) * interval '30 minutes', c.created_at
                        from conversation c cross join generate_series(1, %d) n
                        where c.workspace_id = 'bench'""".formatted(ITEMS_PER_CONVERSATION));
                s.execute("analyze conversation");
                s.execute("analyze conversation_item");
                System.out.printf("made in %.1f s%n", (System.nanoTime() - start) / 1e9);
            } else {
                System.out.printf("items: %,d in workspace %s (kept from an earlier run)%n",
                        (long) CONVERSATIONS * ITEMS_PER_CONVERSATION, WORKSPACE);
            }
            ResultSet channel = s.executeQuery("select channel_id from conversation where workspace_id = 'bench' limit 1");
            channel.next();
            return Map.of("channelId", channel.getString(1));
        }
    }

    static void firstPages(String base, DevTokens tokens, Map<String, String> sample) throws Exception {
        String viewer = tokens.token(WORKSPACE, List.of("viewer"), Duration.ofHours(1));
        Map<String, String> filters = new LinkedHashMap<>();
        filters.put("no filter", "");
        filters.put("state=open", "state=open");
        filters.put("channelId", "channelId=" + sample.get("channelId"));
        filters.put("assignee=agent3", "assignee=agent3");
        filters.put("assignee=none", "assignee=none");
        filters.put("priority=urgent", "priority=urgent");
        filters.put("spam=true", "spam=true");
        filters.put("tag=order", "tag=order");
        filters.put("unansweredForMinutes=60", "unansweredForMinutes=60");
        filters.put("q=parcel", "q=parcel");
        filters.put("q=AITÄH (case and accents folded)", "q=" + URLEncoder.encode("AITÄH", StandardCharsets.UTF_8));
        filters.put("state=open&channelId&priority=high", "state=open&priority=high&channelId=" + sample.get("channelId"));
        filters.put("state=open&assignee=none&unansweredForMinutes=60",
                "state=open&assignee=none&unansweredForMinutes=60");
        HttpClient http = HttpClient.newHttpClient();
        System.out.printf("%n%-50s %8s %8s %8s %6s%n", "GET /v1/conversations?limit=50&…", "p50 ms", "p95 ms", "max ms", "items");
        for (var filter : filters.entrySet()) {
            URI uri = URI.create(base + "/v1/conversations?limit=50" + (filter.getValue().isEmpty() ? "" : "&" + filter.getValue()));
            HttpRequest request = HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + viewer).build();
            int items = 0;
            for (int i = 0; i < WARM_UP; i++) {
                HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() != 200) {
                    throw new IllegalStateException(uri + " answered " + answer.statusCode() + ": " + answer.body());
                }
                items = answer.body().split("\"itemCount\"", -1).length - 1;
            }
            List<Double> times = new ArrayList<>();
            for (int i = 0; i < RUNS; i++) {
                long start = System.nanoTime();
                http.send(request, HttpResponse.BodyHandlers.ofString());
                times.add((System.nanoTime() - start) / 1e6);
            }
            Collections.sort(times);
            System.out.printf("%-50s %8.1f %8.1f %8.1f %6d%n", filter.getKey(), times.get(RUNS / 2),
                    times.get((int) Math.ceil(RUNS * 0.95) - 1), times.get(RUNS - 1), items);
        }
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ", 4)[0] + " (1 min) on "
                    + Runtime.getRuntime().availableProcessors() + " cores";
        } catch (IOException e) {
            return "unknown";
        }
    }
}
